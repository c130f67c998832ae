"""Claim frames: which sentences give which claims, with which figure, actor and stance."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import analyse, extract_claims
from verifier.types import Claim


def _only(text: str, kind: str) -> list[Claim]:
    return [c for c in extract_claims(text) if c.kind == kind]


@pytest.mark.parametrize(
    ("sentence", "kind", "low", "high"),
    [
        ("A bomb killed at least eight people and wounded 30 others, officials said.", "killed", 8, None),
        ("A bomb killed at least eight people and wounded 30 others, officials said.", "injured", 30, 30),
        ("Eight people were killed and 31 wounded in the blast.", "killed", 8, 8),
        ("Eight people were killed and 31 wounded in the blast.", "injured", 31, 31),
        ("The shelling killed three people and injured nearly 4,000.", "injured", 3400, 4000),
        ("Five people had died and 21 had been wounded, the health ministry said.", "killed", 5, 5),
        ("Five people had died and 21 had been wounded, the health ministry said.", "injured", 21, 21),
        ("The death toll rose to 10 on Monday.", "killed", 10, 10),
        ("The number of people killed in the attack has risen to 12, with 51 wounded.", "killed", 12, 12),
        ("The number of people killed in the attack has risen to 12, with 51 wounded.", "injured", 51, 51),
        ("The blast left 31 wounded and 10 dead.", "injured", 31, 31),
        ("The blast left 31 wounded and 10 dead.", "killed", 10, 10),
        ("Fourteen people have died in two nights of rioting.", "killed", 14, 14),
        ("Dozens more were hurt in the stampede.", "injured", 24, 99),
        ("Officials said between 12 and 15 people had been killed.", "killed", 12, 15),
        ("More than 40 people were wounded, according to hospital staff.", "injured", 40, None),
        ("43 people were being treated in hospital for injuries.", "injured", 43, 43),
        ("Police detained 86 people over the weekend.", "arrested", 86, 86),
        ("Officials said 16 port employees were arrested on Wednesday.", "arrested", 16, 16),
        ("Police made 23 arrests overnight.", "arrested", 23, 23),
        ("About 20 mortars were fired into residential areas.", "munitions", 17, 23),
        ("Riot police fired at least 30 tear gas canisters at the crowd.", "munitions", 30, None),
        ("The group said it had launched 28 Katyusha rockets.", "munitions", 28, 28),
        ("The quake killed more than 2,000 and left thousands homeless.", "killed", 2000, None),
        ("At least 20 people, including four children, were killed in the bombing.", "killed", 20, None),
        ("The embassy said no-one had been wounded.", "injured", 0, 0),
        ("At least 9 prisoners were killed during the uprising.", "killed", 9, None),
        ("A fire in 2015 left 12 miners dead.", "killed", 12, 12),
        ("Guards had recaptured 30 of them by nightfall.", "arrested", 30, 30),
        ("A judge ordered the detention of 6 engineers over the collapse.", "arrested", 6, 6),
        ("Among the dead were 11 schoolchildren.", "killed", 11, 11),
        ("The toll rose from 8 to 12 overnight.", "killed", 12, 12),
        ("Several hundred people were injured.", "injured", 300, 900),
        ("At least 12 people are known to have died in the collapse.", "killed", 12, None),
        ("Police took 23 people into custody after the clashes.", "arrested", 23, 23),
        ("The number of confirmed deaths stood at 27, putting the toll at 27.", "killed", 27, 27),
        ("Nearly 20 people were treated for gunshot wounds.", "injured", 17, 20),
        ("Police arrested 23 more, bringing to 74 the number of people arrested.", "arrested", 74, 74),
        ("Security forces killed all four attackers.", "killed", 4, 4),
        ("Eleven people, eight policemen and three civilians, were killed.", "killed", 8, 8),
    ],
)
def test_figure_frames(sentence: str, kind: str, low: float | None, high: float | None) -> None:
    claims = _only(sentence, kind)
    assert claims, f"no {kind} claim in {sentence!r}"
    assert any(c.value and c.value.low == low and c.value.high == high for c in claims), [c.value for c in claims]


@pytest.mark.parametrize(
    ("sentence", "stance", "low"),
    [
        ("The administration announced plans to withdraw 2,000 troops by mid-January.", "withdraw", 2000),
        ("The government deployed 1,200 soldiers to the port city.", "deploy", 1200),
        ("About 1,200 troops remain deployed in the city.", "deploy", 1020),
        ("The 1,200 soldiers sent by the defence ministry arrived on Saturday.", "deploy", 1200),
        ("The number of US troops would be cut from 4,500 to 2,500 by January.", "level", 2500),
        ("The number of US troops would be cut from 4,500 to 2,500 by January.", "withdraw", 2000),
        ("The US will reduce its forces in Iraq to 2,500 by January, officials said.", "level", 2500),
        ("Paris will withdraw 900 troops, leaving about 2,000 in the country.", "level", 1700),
        ("Paris will withdraw 900 troops, leaving about 2,000 in the country.", "withdraw", 900),
        ("Around 600 soldiers will return home next month.", "withdraw", 510),
        ("Rome will reduce its contingent in the region from 1,100 to 700 troops.", "withdraw", 400),
        ("Eight military advisers will stay on in the capital.", "level", 8),
        ("France will boost its presence in the region to 4,000.", "level", 4000),
        ("A contingent of 650 peacekeepers arrived on Monday.", "deploy", 650),
        ("The last 300 soldiers departed on Sunday.", "withdraw", 300),
        ("A contingent of around 400 Frontier Constabulary personnel was sent to the town.", "deploy", 340),
    ],
)
def test_troop_frames(sentence: str, stance: str, low: float) -> None:
    troops = _only(sentence, "troops")
    assert any(c.stance == stance and c.value and c.value.low == low for c in troops), [
        (c.stance, c.value) for c in troops
    ]


@pytest.mark.parametrize(
    ("sentence", "stance", "actor"),
    [
        ("The Taliban denied being behind the attack.", "denied", "Taliban"),
        ("In a statement, the Taliban denied involvement.", "denied", "Taliban"),
        ("The Taliban, however, denied involvement.", "denied", "Taliban"),
        ("Israel denied any involvement in the explosion.", "denied", "Israel"),
        ("An Israeli official said Israel had nothing to do with the explosion.", "denied", "Israel"),
        ("A spokesman said the group was not responsible.", "denied", "spokesman"),
        ("The militia rejected the accusation.", "denied", "militia"),
        ("The Islamic State group has claimed responsibility for the attack.", "claimed", "Islamic State"),
        ("The Islamic State group said it was behind the attack.", "claimed", "Islamic State"),
        ("The Islamic State group later said it had carried out the attack.", "claimed", "Islamic State"),
        ("Interior Minister Rada Kostel blamed the opposition for the violence.", "blamed", "Kostel"),
        ("Some officials continued to point the finger at the rebels.", "blamed", "officials"),
        ("Customs chief Badri Daher blamed the courts.", "blamed", "Daher"),
        ("The movement, which the minister has accused of organising the riots, denied any role.", "denied", "movement"),
        ("The Eastern Front, a rebel alliance that holds the valley, held the army responsible.", "blamed", "Eastern Front"),
        ("A spokesman for the Eastern Front, an armed group that operates in the hills, denied any role.", "denied", "Eastern Front"),
        ("The governor, Col Ali Musa, blamed the Red Hand, a militia active in the area.", "blamed", "Ali Musa"),
        ("The ministry rejected suggestions that it had ignored warnings.", "denied", "ministry"),
        ("The Red Hand rejected any link to the attack.", "denied", "Red Hand"),
        ("The Red Hand said on Tuesday it had carried out the raid.", "claimed", "Red Hand"),
        ("The blast, claimed by the Red Hand, killed three.", "claimed", "Red Hand"),
        ("The mayor said the contractor was responsible for the collapse.", "blamed", "mayor"),
        ("The group said in a statement on Telegram that its fighters had carried out the raid.", "claimed", "group"),
        ("The movement said it had no involvement in the killings.", "denied", "movement"),
        ("The party distanced itself from the attack.", "denied", "party"),
        ("Officials said the militia was to blame for the massacre.", "blamed", "Officials"),
        ("The Red Hand, one of more than 100 armed groups in the east, claimed responsibility.", "claimed", "Red Hand"),
        ("Mayor Ana Ruiz condemned the attack and pointed the finger at the militia.", "blamed", "Ana Ruiz"),
        ("The ministry says its forces carried out a strike on the depot.", "claimed", "ministry"),
        ("The embassy said in a statement that Norland had no involvement in the attack.", "denied", "Norland"),
        ("Lena Varga, head of the Civic Union, told reporters the party had played no part.", "denied", "Civic Union"),
    ],
)
def test_attribution_frames(sentence: str, stance: str, actor: str) -> None:
    claims = _only(sentence, "responsibility")
    assert any(c.stance == stance and actor.lower() in c.actor.lower() for c in claims), [
        (c.stance, c.actor) for c in claims
    ]


def test_two_stances_in_one_sentence_have_their_own_actors() -> None:
    claims = _only("The Islamic State group said it was behind the attack, while the Taliban said they had played no part.", "responsibility")
    assert {(c.stance, c.actor) for c in claims} == {("claimed", "The Islamic State group"), ("denied", "the Taliban")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The group did not claim responsibility for the attack.",
        "No group has yet claimed responsibility for the bombing.",
        "There was no immediate claim of responsibility.",
        "Journalists were denied access to the area.",
        "The rockets hit the city just before 09:00 (04:30 GMT).",
        "In 2019 the port was the centre of weeks of protests.",
        "Prices rose by 40% and the damage was put at $3bn.",
        "The warehouse held 2,750 tonnes of ammonium nitrate for six years.",
        "Section 427 of the code was cited in Row 21 of the ledger.",
        "The attack, which was also blamed on the Red Hand, shocked the town.",
        "The Red Hand, blamed for the attack, has not commented.",
    ],
)
def test_sentences_without_claims(sentence: str) -> None:
    core = [c for c in extract_claims(sentence) if c.kind != "figure"]
    assert core == []


def test_an_anaphor_names_the_group_last_blamed() -> None:
    claims = _only("Officials blamed the Red Hand for the attack. The group denied involvement.", "responsibility")
    denied = next(c for c in claims if c.stance == "denied")
    assert "Red Hand" in denied.actor
    blamed = next(c for c in claims if c.stance == "blamed")
    assert blamed.noun == "the Red Hand"


def test_she_is_the_person_who_spoke() -> None:
    text = "The UN envoy, Ingrid Solheim, condemned the attack, which she blamed on the Red Hand."
    blamed = next(c for c in _only(text, "responsibility") if c.stance == "blamed")
    assert "Ingrid Solheim" in blamed.actor


@pytest.mark.parametrize(
    ("sentence", "total", "step"),
    [
        ("The toll rose to eight, after two people wounded on Saturday died in hospital.", 8, 2),
        ("Police took 23 people into custody, bringing the number of people arrested to 74.", 74, 23),
    ],
)
def test_steps_towards_a_total_are_parts(sentence: str, total: int, step: int) -> None:
    claims = [c for c in extract_claims(sentence) if c.value]
    stances = {c.value.low: c.stance for c in claims if c.value}
    assert stances[total] == "" and stances[step] == "part"


def test_shot_down_is_not_fired() -> None:
    (claim,) = _only("Air defences shot down 83 drones overnight.", "munitions")
    assert claim.stance == "intercepted"


def test_a_denial_says_what_it_denies() -> None:
    (claim,) = _only("The ministry denied hitting residential buildings.", "responsibility")
    assert claim.noun == "hitting residential buildings"


def test_subgroups_are_not_totals() -> None:
    claims = _only("The attack killed 12 people, including five children.", "killed")
    totals = [c for c in claims if c.stance == ""]
    assert [c.value.low for c in totals if c.value] == [12]
    assert all(c.stance == "part" for c in claims if c.value and c.value.low == 5)


def test_boilerplate_gives_no_claims() -> None:
    text = (
        "Rebels killed 9 people in the north on Sunday, officials said.\n"
        "Related coverage\n"
        "Police arrest 14 in crackdown on fake medicine\n"
        "27 passengers injured as train derails\n"
    )
    claims = extract_claims(text)
    assert [(c.kind, c.value.low if c.value else None) for c in claims] == [("killed", 9)]


def test_cited_source_and_spans() -> None:
    text = "Intro line here.\nA rocket attack killed at least eight people and wounded 30 others, officials say."
    analysis = analyse(text)
    killed = next(c for c in analysis.claims if c.kind == "killed")
    assert analysis.text[killed.span[0] : killed.span[1]] == "at least eight"
    assert analysis.text[killed.sentence_span[0] : killed.sentence_span[1]] == killed.sentence
    assert killed.attributed_to == "officials"
    assert killed.noun == "people"


def test_claim_ids_are_unique_and_ordered() -> None:
    claims = extract_claims("Eight people were killed and 31 wounded. Police detained 5 people.")
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert [c.span for c in claims] == sorted(c.span for c in claims)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_and_spans_index_cleaned_text(text: str) -> None:
    analysis = analyse(text)
    for claim in analysis.claims:
        start, end = claim.span
        s_start, s_end = claim.sentence_span
        assert 0 <= s_start <= start <= end <= s_end <= len(analysis.text)
        assert analysis.text[s_start:s_end] == claim.sentence


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "At least 8 people were killed.",
                "Police detained 40 people.",
                "The Taliban denied involvement.",
                "Rockets hit the city at 09:00.",
                "Latest Stories",
                "53 arrested in cybercrime bust",
                "2 hours -",
                "\n",
                " ",
                "\u00a0",
                "\"Quote.\"",
            ]
        ),
        max_size=30,
    )
)
def test_random_mixtures_of_story_and_furniture(parts: list[str]) -> None:
    analysis = analyse(" ".join(parts))
    for claim in analysis.claims:
        assert analysis.text[claim.span[0] : claim.span[1]]
