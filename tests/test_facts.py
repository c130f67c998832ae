"""Same-fact rules: actors, background sentences, places, groups and munition families."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from verifier.facts import (
    PARTIAL,
    SAME,
    actors_compatible,
    fact_link,
    group,
    incident_day,
    incident_signature,
    is_background,
    is_person,
    is_step,
    other_end,
    other_incident,
    same_fact,
    site,
    told_as_earlier,
)
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


def _figure(sentence: str, figure: str, kind: str = "killed", noun: str = "", actor: str = "") -> Claim:
    """A claim on ``figure`` inside ``sentence``, with the spans the extractor would give it."""
    start = sentence.index(figure)
    return Claim(
        id="c1", kind=kind, value=Range(1, 1, "exact", figure), sentence=sentence,
        span=(start, start + len(figure)), sentence_span=(0, len(sentence)), noun=noun, actor=actor,
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "noun", "actor", "expected"),
    [
        ("At least 40 people were killed in the blast, officials said.", "At least 40", "people", "", "all"),
        ("KABUL (Wire) - Rockets killed at least eight civilians.", "at least eight", "civilians", "", "all"),
        ("The blast killed 9, all of them foreign soldiers.", "9", "", "", "troops:foreign"),
        ("The attack killed 11 U.S. soldiers on Tuesday.", "11", "", "", "troops:american"),
        ("More than 100 American troops were diagnosed.", "More than 100", "troops", "American", "troops:american"),
        ("Two U.S. Marines were wounded in the attack.", "Two", "marines", "U.S.", "troops:marines"),
        ("All three attackers were killed by security forces.", "three", "attackers", "", "attackers"),
        ("Police said the gunmen, numbering four, were shot dead.", "four", "gunmen", "", "attackers"),
        ("The bombing killed three policemen and two children.", "three", "policemen", "", "police:"),
        ("Three Kenyan police officers were wounded.", "Three", "police officers", "", "police:kenyan"),
        ("Eight children died in the strike on the school.", "Eight", "children", "", "children"),
        ("Thirteen elements of the State Civil Guard were deprived of life.", "Thirteen", "elements", "", "police:"),
    ],
)
def test_group_a_figure_counts(sentence: str, figure: str, noun: str, actor: str, expected: str) -> None:
    assert group(_figure(sentence, figure, noun=noun, actor=actor)) == expected


@pytest.mark.parametrize(
    ("sentence", "figure", "kind", "expected"),
    [
        ("Five adults died at the scene, and another victim died in a nearby hospital.", "Five", "killed", "scene"),
        ("Five adults died at the scene, and another victim died in a nearby hospital.", "another", "killed", "hospital"),
        ("Five bodies and 21 injured people were brought to hospital, a ministry official said.", "Five", "killed", "hospital"),
        ("The toll has risen to 17, officials said, after three of the wounded died in hospital.", "17", "killed", ""),
        ("Thirty wounded were taken to hospital.", "Thirty", "injured", ""),
        ("Of the five agents injured in the attack, three remain hospitalized.", "three", "injured", "hospital"),
    ],
)
def test_site_makes_a_part_of_the_toll(sentence: str, figure: str, kind: str, expected: str) -> None:
    assert site(_figure(sentence, figure, kind=kind)) == expected


# (story sentence, figure, noun) against (source sentence, figure, noun): the link between the two.
_STORY_40 = ("At least 40 people were killed in the bombing of the market, police said.", "At least 40", "people")
_SOLDIERS_9 = ("The bombing of the market killed 9, all of them foreign soldiers, police said.", "9", "")


@pytest.mark.parametrize(
    ("story", "story_value", "other", "other_value", "link"),
    [
        # a part never contradicts its total, nor a total its part
        (_STORY_40, Range(40, None, "at_least"), _SOLDIERS_9, Range(9, 9), ""),
        (_SOLDIERS_9, Range(9, 9), ("The bombing of the market killed 120 people, police said.", "120", "people"), Range(120, 120), ""),
        # attackers are not among the people an attack killed, even when the figures meet
        (("All three attackers were killed in the bombing of the market, police said.", "three", "attackers"), Range(3, 3),
         ("The bombing of the market killed at least 3 people, police said.", "at least 3", "people"), Range(3, None, "at_least"), ""),
        # two different parts never meet
        (("The bombing of the market killed 4 children, police said.", "4", "children"), Range(4, 4),
         ("The bombing of the market killed 4 policemen, police said.", "4", "policemen"), Range(4, 4), ""),
        # troops of no named army meet any army's troops; two named forces never meet
        (("The strike on the base killed 2 U.S. soldiers, officials said.", "2", ""), Range(2, 2),
         ("The strike on the base killed 2 soldiers, officials said.", "2", "soldiers"), Range(2, 2), SAME),
        (("The strike on the base killed 2 U.S. soldiers, officials said.", "2", ""), Range(2, 2),
         ("The strike on the base killed 2 British soldiers, officials said.", "2", ""), Range(2, 2), ""),
        # a sub-group may only partly confirm a whole toll when the figures meet
        (("The strike on the base killed 2 people, officials said.", "2", "people"), Range(2, 2),
         ("The strike on the base killed 2 soldiers, officials said.", "2", "soldiers"), Range(2, 2), PARTIAL),
        # deaths at the scene are a part of the toll
        (("Five adults died at the scene of the parade shooting, the coroner said.", "Five", "adults"), Range(5, 5),
         ("Six people were killed in the parade shooting, the coroner said.", "Six", "people"), Range(6, 6), ""),
        (("Five adults died at the scene of the parade shooting, the coroner said.", "Five", "adults"), Range(5, 5),
         ("Five people died at the scene and one at a hospital.", "Five", "people"), Range(5, 5), SAME),
    ],
)
def test_victim_groups_belong_to_the_fact(
    story: tuple[str, str, str], story_value: Range, other: tuple[str, str, str], other_value: Range, link: str
) -> None:
    from dataclasses import replace

    from rapidfuzz import fuzz

    a = replace(_figure(story[0], story[1], noun=story[2]), value=replace(story_value, text=story[1]))
    b = replace(_figure(other[0], other[1], noun=other[2]), value=replace(other_value, text=other[1]))
    similarity = fuzz.token_set_ratio(a.sentence, b.sentence)
    assert fact_link(a, b, story_background=False, other_background=False, similarity=similarity) == link


_SAT = datetime(2020, 11, 21, 11, 30, tzinfo=UTC)  # a Saturday


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        ("KABUL - Rockets struck central Kabul on Saturday morning.", _SAT, datetime(2020, 11, 21, 11, 30, tzinfo=UTC)),
        ("KABUL, Nov 23 (Wire) - The death toll from Saturday's rocket strikes rose to 10.", _SAT, datetime(2020, 11, 21, tzinfo=UTC)),
        ("On 18 November, gunmen attacked a school in the city.", _SAT, datetime(2020, 11, 18, tzinfo=UTC)),
        ("As of Monday, 109 service members had been diagnosed.", _SAT, None),  # when counted, not when it happened
        ("More than 100 troops were diagnosed, the Pentagon announced Monday.", _SAT, None),
        ("The death toll rose to at least 58 on Tuesday.", _SAT, None),
        ("The toll rose to 10, officials said.", _SAT, None),
        ("Rockets struck central Kabul on Saturday.", None, None),
    ],
)
def test_the_day_an_incident_happened(sentence: str, published: datetime | None, day: datetime | None) -> None:
    assert incident_day(sentence, published) == day


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("Several gunmen attacked the Kabul University campus, killing at least 35 people.", "Rockets struck Kabul, killing eight.", True),
        ("A suicide bomber struck a bus station in Port Amelle, killing 3 people.", "Gunmen stormed the Grand Hotel in Port Amelle.", True),
        ("One rocket came down near the Iranian embassy.", "Several rockets struck residential neighbourhoods of Kabul.", False),
        ("The toll rose to ten, officials said.", "Several rockets struck residential neighbourhoods of Kabul.", False),
        ("A teacher at a school was among the dead.", "Rockets struck Kabul, killing eight.", False),
    ],
)
def test_incident_words_tell_incidents_apart(a: str, b: str, other: bool) -> None:
    assert other_incident(incident_signature(a), incident_signature(b)) is other


@pytest.mark.parametrize(
    "sentence",
    [
        "At the start of this month, gunmen attacked the university, killing at least 35 people.",
        "Eight children died in an earlier strike on the same school.",
        "More than 90 deaths have been recorded in the province this year.",
    ],
)
def test_other_incidents_in_background_words(sentence: str) -> None:
    assert is_background(sentence, None)


@pytest.mark.parametrize(
    ("value", "person"),
    [
        (Range(1, 1, "exact", "a 9-year-old"), True),
        (Range(1, 1, "exact", "Mr Crimo"), True),
        (Range(1, 1, "exact", "John Reyes, 33, of Elmwood,"), True),
        (Range(1, 1, "exact", "one"), False),
        (Range(1, 1, "exact", "1"), False),
        (Range(2, 2, "exact", "a couple"), False),
        (Range(25, 25, "exact", "25"), False),
    ],
)
def test_one_person_is_no_rival_to_a_toll(value: Range, person: bool) -> None:
    claim = Claim(id="c1", kind="killed", value=value, sentence="x", span=(0, 1), sentence_span=(0, 1))
    assert is_person(claim) is person


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The M23", "The M23 rebels", True),  # an acronym with digits is still a name
        ("The M23", "The FDLR", False),
        ("Iran", "Yemen's Iran-aligned Houthi movement", False),  # the patron is not the group
        ("the Houthis", "Yemen's Iran-aligned Houthi movement", True),
        ("Al Qaeda", "an Al Qaeda-linked group", True),  # an affiliate keeps its name
        ("the ADF", "the ISIL-linked Allied Democratic Forces", True),  # an acronym spells the name
        ("The ZLA", "The Zarkan Liberation Army", True),
    ],
)
def test_actor_names_with_digits_and_patrons(a: str, b: str, same: bool) -> None:
    assert actors_compatible(a, b) is same


def _said(sentence: str, figure: str, kind: str = "killed", low: float = 3, high: float | None = 3, noun: str = "people") -> Claim:
    at = sentence.index(figure)
    return Claim(id="c1", kind=kind, value=Range(low, high, text=figure), sentence=sentence, span=(at, at + len(figure)), sentence_span=(0, len(sentence)), noun=noun)


@pytest.mark.parametrize(
    ("sentence", "figure", "step"),
    [
        ("Three more people died while a shopping centre was ransacked.", "Three", True),
        ("The province recorded another 89 deaths over the past 24 hours.", "89", True),
        ("Police announced a further 12 arrests on Sunday.", "12", True),
        ("A monster who murdered eight people and injured 13 more will face justice.", "13", False),
        ("Three people were killed in the market.", "Three", False),
    ],
)
def test_steps_of_a_toll(sentence: str, figure: str, step: bool) -> None:
    assert is_step(_said(sentence, figure)) is step


@pytest.mark.parametrize(
    ("sentence", "figure", "earlier"),
    [
        ("He had also said 22 people lost their lives, while 56 survivors were in hospital.", "22", True),
        ("The police had at first reported six fatalities, but the agency now confirms 18 deaths.", "six", True),
        ("The police had at first reported six fatalities, but the agency now confirms 18 deaths.", "18", False),
        ("The previous death toll of 12 went up after five of the wounded died.", "12", True),
        ("Officials said 22 people lost their lives.", "22", False),
    ],
)
def test_figures_told_as_earlier_counts(sentence: str, figure: str, earlier: bool) -> None:
    assert told_as_earlier(_said(sentence, figure)) is earlier


def test_a_source_step_only_confirms_a_total() -> None:
    story = _said("At least 17 people died on Monday in clashes at the airport.", "17", low=17, high=None)
    step = _said("Three more people died while a shopping centre was ransacked.", "Three")
    link = fact_link(story, step, story_background=False, other_background=False, similarity=51)
    assert link == ""  # not one fact: the 3 are not a rival toll


def test_a_named_group_counted_alike_confirms_partly() -> None:
    story = replace(_said("Amid the chaos 34 people died, among them two police officers.", "two", low=2, high=2, noun="police officers"), stance="part")
    other = _said("Officers fired tear gas after two police officers were killed.", "two", low=2, high=2, noun="police officers")
    assert fact_link(story, other, story_background=False, other_background=False, similarity=30) == PARTIAL


@pytest.mark.parametrize(
    ("sentence", "figure", "kind", "expected"),
    [
        ("A spokesperson said five patients were taken to Truman Medical Center.", "five", "injured", "hospital"),
        ("Twenty-two people were wounded outside Union Station.", "Twenty-two", "injured", ""),
        ("Seven victims with fatal gunshot wounds were found there, he said.", "Seven", "killed", "place"),
        ("Amid the chaos, 34 people died inside the stadium.", "34", "killed", "place"),
    ],
)
def test_a_named_hospital_counts_a_part(sentence: str, figure: str, kind: str, expected: str) -> None:
    assert site(_said(sentence, figure, kind=kind)) == expected


def test_arrest_of_one_person_is_the_count_of_one() -> None:
    person = _said("The 36-year-old man was arrested at the scene.", "The 36-year-old man", kind="arrested", low=1, high=1, noun="man")
    one = _said("Police said the suspect was detained 22 minutes later.", "the suspect", kind="arrested", low=1, high=1, noun="suspect")
    assert fact_link(person, one, story_background=False, other_background=False, similarity=30) == SAME


@pytest.mark.parametrize(
    "sentence",
    [
        "The war between the two sides has turned into a civil war that has killed around 40,000 people.",
        "Before Tuesday's blast, health authorities said at least 3,000 people had been killed.",
        "The shooting came less than 48 hours after the school attack, in which a 13-year-old killed nine people.",
    ],
)
def test_wars_and_earlier_attacks_are_background(sentence: str) -> None:
    assert is_background(sentence, None)


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("Thirteen Americans were killed on Thursday.", "Thirteen", "people:ameri"),
        ("The blasts are believed to have killed at least 60 Afghans.", "at least 60", "people:afgha"),
        ("Israeli fire killed 22 Palestinians near the site.", "22", "people:pales"),
        ("Eight people died in the blast.", "Eight", "all"),
    ],
)
def test_a_people_named_by_its_demonym_is_a_group(sentence: str, figure: str, expected: str) -> None:
    at = sentence.index(figure)
    claim = Claim("c1", "killed", Range(1, 1, text=figure), sentence, (at, at + len(figure)), (0, len(sentence)), noun="")
    assert group(claim) == expected


@pytest.mark.parametrize(
    ("sentence", "figure", "end"),
    [
        ("The Pentagon will reduce the troops in Afghanistan from 4,500 to 2,500 by January.", "4,500", 2500.0),
        ("The Pentagon will reduce the troops in Afghanistan from 4,500 to 2,500 by January.", "2,500", 4500.0),
        ("The toll rose from 12 people to 18 overnight.", "18", 12.0),
        ("The toll rose to 18 overnight.", "18", None),
    ],
)
def test_the_other_end_of_from_to(sentence: str, figure: str, end: float | None) -> None:
    assert other_end(_said(sentence, figure)) == end
