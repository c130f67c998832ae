"""Figure frames: casualties, arrests, troops and munitions, with their parts and steps."""

from __future__ import annotations

import pytest

from verifier import extract_claims
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
        # a munition noun after a preposition says how they died, not what was counted
        ("Houthis say death toll rises to 38 in US airstrikes on fuel port", "killed", 38, 38),
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
        ("The toll rose to 17 on Thursday, officials said.", "killed", 17, 17),
        ("Thirty-six workers are undergoing treatment in hospital.", "injured", 36, 36),
        ("About 2,000 U.S. troops are deployed in the country.", "troops", 1700, 2300),
        ("Doctors said they had treated roughly 30 people for shrapnel wounds and burns.", "injured", 26, 34),
        ("Thirty-one workers were taken to hospital.", "injured", 31, 31),
        ("Police said 5 of the 42 escapees were recaptured.", "arrested", 5, 5),
        ("One man, a 24-year-old supporter, died in hospital overnight.", "killed", 1, 1),
        ("Fans threw between 40 and 50 flares onto the pitch.", "munitions", 40, 50),
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
        # the Guard as US reporting names it, and what it is called into
        ("Trump had already mobilized 2,000 National Guard members.", "deploy", 2000),
        ("An additional 2,000 members of the California National Guard would be called into federal service.", "deploy", 2000),
        ("Trump mobilized 2,000 National Guard members, and some 300 of them took up positions in the city.", "part", 255),
    ],
)
def test_troop_frames(sentence: str, stance: str, low: float) -> None:
    troops = _only(sentence, "troops")
    assert any(c.stance == stance and c.value and c.value.low == low for c in troops), [
        (c.stance, c.value) for c in troops
    ]



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


@pytest.mark.parametrize(
    "sentence", ["Air defences shot down 83 drones overnight.", "Air defences brought down 49 of the drones."]
)
def test_shot_down_is_not_fired(sentence: str) -> None:
    (claim,) = _only(sentence, "munitions")
    assert claim.stance == "intercepted"


def test_the_total_a_part_is_counted_in_is_not_a_figure() -> None:
    claims = _only("Police said 19 of the 42 escapees were recaptured.", "arrested")
    assert [c.value.low for c in claims if c.value] == [19]


def test_two_more_deaths_are_a_step_not_a_figure() -> None:
    claims = _only("The toll rose to 27 on Saturday, as two more of the injured succumbed to their wounds.", "killed")
    assert [c.value.low for c in claims if c.value] == [27]




def test_subgroups_are_not_totals() -> None:
    claims = _only("The attack killed 12 people, including five children.", "killed")
    totals = [c for c in claims if c.stance == ""]
    assert [c.value.low for c in totals if c.value] == [12]
    assert all(c.stance == "part" for c in claims if c.value and c.value.low == 5)



@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Earlier this week, the outgoing Trump administration announced plans to withdraw 2,000 troops.", "the outgoing Trump administration"),
        ("Aldoria will withdraw 1,500 troops from Sambara.", "Aldoria"),
        ("Around 1,500 Aldorian soldiers will return home.", "Aldorian"),
        ("The government deployed 1,200 soldiers to the port.", ""),
        ("The governor said 2,000 members of the California National Guard would be called up.", "California National Guard"),
    ],
)
def test_whose_troops(sentence: str, owner: str) -> None:
    (claim,) = _only(sentence, "troops")
    assert claim.actor == owner


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Air defences downed 25 of the 31 drones launched overnight, the air force said.",
         [("munitions", 25, "intercepted"), ("munitions", 31, "")]),
        ("Nineteen of the 42 escapees were recaptured.", [("arrested", 19, "")]),
        ("The plan would cut US troops in Afghanistan from 4,500 to 2,500.",
         [("troops", 4500, "level"), ("troops", 2000, "withdraw"), ("troops", 2500, "level")]),
        ("The council cut the mission's ceiling from 13,500 to 11,000 troops.", [("troops", 11000, "level")]),
        ("France had 5,100 troops in the Sahel, including 2,400 in Mali.", [("troops", 5100, "level"), ("troops", 2400, "part")]),
        ("The blast killed 14 people, including six soldiers.", [("killed", 14, ""), ("killed", 6, "part")]),
        ("Of the more than 1,600 rockets fired since Monday, Iron Dome intercepted about 1,100.",
         [("munitions", 1600, ""), ("munitions", 935, "intercepted")]),
        ("Overall, 31 drones were launched and air defences destroyed 24 of them.", [("munitions", 31, ""), ("munitions", 24, "intercepted")]),
        ("Twelve drones were shot down over the Kursk region, the ministry said.", [("munitions", 12, "intercepted")]),
        ("Ukraine said 747 of the drones and four of the missiles were shot down or neutralized.",
         [("munitions", 747, "intercepted"), ("munitions", 4, "intercepted")]),
        ("Hezbollah fired about 20 rockets, most of which were intercepted.", [("munitions", 17, "")]),
        ("About 700 of the soldiers who stay will be moved to the northern base.", [("troops", 595, "part")]),
        ("Estmark will withdraw 1,200 of its troops from Kaveri by June.", [("troops", 1200, "withdraw")]),
        ("Estmark currently has 3,100 troops deployed in Kaveri.", [("troops", 3100, "level")]),
        ("The decision to bring 1,200 soldiers home from Kaveri was welcomed.", [("troops", 1200, "withdraw")]),
        ("Roughly 1,800 US and allied troops were based at the airfield.", [("troops", 1530, "level")]),
    ],
)
def test_totals_that_are_claims_and_totals_that_are_not(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(c.kind, c.value.low if c.value else None, c.stance) for c in extract_claims(sentence)] == expected
