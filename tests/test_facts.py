"""Same-fact rules: actors, background sentences, places, groups and munition families."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from verifier.facts import actors_compatible, is_background, same_fact
from verifier.types import Claim, Range


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The Taliban", "a Taliban spokesman", True),
        ("Israel", "An Israeli official", True),
        ("The Civic Renewal Movement", "Mirko Halden, head of the Civic Renewal Movement", True),
        ("The Taliban", "The Islamic State group", False),
        ("Interior Minister Rada Kostel", "the interior minister", False),
    ],
)
def test_actor_compatibility(a: str, b: str, same: bool) -> None:
    assert actors_compatible(a, b) is same


@pytest.mark.parametrize(
    ("sentence", "published", "background"),
    [
        ("On 2 November, gunmen stormed the university.", datetime(2020, 11, 22, tzinfo=UTC), True),
        ("On 21 November, rockets hit the city.", datetime(2020, 11, 22, tzinfo=UTC), False),
        ("Two assaults killed nearly 50 people in recent weeks.", None, True),
        ("In 2019 the port was the centre of protests.", None, True),
        ("Rockets hit the city on Saturday.", datetime(2020, 11, 22, tzinfo=UTC), False),
    ],
)
def test_background_detection(sentence: str, published: datetime | None, background: bool) -> None:
    assert is_background(sentence, published) is background


def _claim(sentence: str, kind: str = "killed", low: float = 8, high: float | None = 8, noun: str = "people", stance: str = "") -> Claim:
    return Claim(id="c1", kind=kind, value=Range(low, high), sentence=sentence, span=(0, 1), noun=noun, stance=stance)


@pytest.mark.parametrize(
    ("story", "other", "same"),
    [
        (_claim("Rockets killed 8 people in Kabul."), _claim("Eight people died when rockets hit Kabul.", low=9, high=9), True),
        (_claim("Rockets killed 8 people in Kabul."), _claim("Rockets killed 9 people in Herat.", low=9, high=9), False),
        (_claim("Rockets killed 8 people.", noun="people"), _claim("Rockets killed 9 soldiers.", low=9, high=9, noun="soldiers"), False),
        (_claim("Rockets killed 8 people."), _claim("Rockets killed 8 people.", stance="part"), True),
        (_claim("Rockets killed 8 people."), _claim("Rockets killed 3 children.", low=3, high=3, stance="part"), False),
        # rockets and mortars: one may confirm the other, never contradict it
        (_claim("Rebels fired 20 rockets.", kind="munitions", noun="rockets", low=20, high=20),
         _claim("Rebels fired 20 mortars.", kind="munitions", noun="mortars", low=20, high=20), True),
        (_claim("Rebels fired 12 rockets.", kind="munitions", noun="rockets", low=12, high=12),
         _claim("Rebels fired 20 mortars.", kind="munitions", noun="mortars", low=20, high=20), False),
        (_claim("Rebels fired 12 rockets.", kind="munitions", noun="rockets", low=12, high=12),
         _claim("Rebels fired 20 Katyusha rockets.", kind="munitions", noun="katyusha rockets", low=20, high=20), True),
        (_claim("Jets dropped 12 bombs.", kind="munitions", noun="bombs", low=12, high=12),
         _claim("Rebels fired 20 rockets.", kind="munitions", noun="rockets", low=20, high=20), False),
    ],
)
def test_same_fact(story: Claim, other: Claim, same: bool) -> None:
    from rapidfuzz import fuzz

    similarity = fuzz.token_set_ratio(story.sentence, other.sentence)
    assert same_fact(story, other, story_background=False, other_background=False, similarity=similarity) is same



@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Iran", "Tehran", True),
        ("The Congolese army (FARDC)", "A FARDC spokesman in Kinshasa", True),
        ("Islamic State Khorasan Province (IS-K)", "The Islamic State group's regional affiliate", True),
        ("The Zarkan Liberation Army (ZLA)", "The Zarkan Islamic Movement (ZIM)", False),
    ],
)
def test_actor_aliases(a: str, b: str, same: bool) -> None:
    assert actors_compatible(a, b) is same


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("A gas leak at the plant in May 2020 killed 12 people.", True),
        ("The 2019 riot left 31 inmates dead.", True),
        ("The mission must shrink to 11,000 by 2026.", False),
        ("The 2025/26 season was suspended.", False),
        ("In January, a drone attack wounded four soldiers.", True),
        ("In June, rockets hit the airport.", False),
    ],
)
def test_earlier_years_are_background(sentence: str, background: bool) -> None:
    assert is_background(sentence, datetime(2025, 6, 1, tzinfo=UTC)) is background


@pytest.mark.parametrize(
    ("story_noun", "other_noun", "story_low", "other_low", "same"),
    [
        ("workers", "", 36, 36, True),  # the whole toll, named by who they were
        ("police officers", "people", 17, 18, False),  # a part of the toll: never a contradiction
        ("peacekeepers", "others", 8, 8, True),  # another word for the same group may confirm
    ],
)
def test_groups(story_noun: str, other_noun: str, story_low: float, other_low: float, same: bool) -> None:
    story = _claim("The blast injured them.", kind="injured", low=story_low, high=story_low, noun=story_noun)
    other = _claim("Officials said they were hurt.", kind="injured", low=other_low, high=other_low, noun=other_noun)
    assert same_fact(story, other, story_background=False, other_background=False, similarity=40) is same



def test_troops_of_another_army_only_confirm() -> None:
    story = _claim("The army will have 4,000 troops in the north.", kind="troops", low=4000, high=4000, noun="troops", stance="level")
    story = Claim(**{**story.__dict__, "actor": "Ubanga's army"})
    other = _claim("The mission has 18,000 troops.", kind="troops", low=18000, high=18000, noun="troops", stance="level")
    other = Claim(**{**other.__dict__, "actor": "The UN mission (MONUK)"})
    assert not same_fact(story, other, story_background=False, other_background=False, similarity=60)
