"""Matching rules: same fact, range logic, time, stance, wire copies, verdicts and reasons."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from verifier import Document, Report, check_claims, check_story, extract_claims
from verifier.types import Finding, SourceClaim

T0 = datetime(2024, 3, 9, 6, 0, tzinfo=UTC)


def _at(hours: float) -> datetime:
    return datetime.fromtimestamp(T0.timestamp() + hours * 3600, tz=UTC)


def _report(outlet: str, text: str, hours: float | None = 0.0) -> Report:
    return Report(outlet=outlet, text=text, published=None if hours is None else _at(hours), claims=tuple(extract_claims(text)))


def _check(story: str, *reports: Report, story_hours: float | None = None) -> list[Finding]:
    claims = extract_claims(story)
    candidates = [SourceClaim(c, r) for r in reports for c in r.claims]
    return check_claims(claims, candidates, story_published=None if story_hours is None else _at(story_hours))


def _finding(findings: list[Finding], kind: str) -> Finding:
    return next(f for f in findings if f.claim.kind == kind)


@pytest.mark.parametrize(
    ("story", "source", "verdict"),
    [
        ("Gunmen killed at least eight people in the market.", "Ten people were killed in the market attack.", "agrees"),
        ("Gunmen killed eight people in the market.", "Ten people were killed in the market attack.", "conflicts"),
        ("The attack wounded 30 others.", "The attack wounded 31 people.", "conflicts"),
        ("The attack wounded 30 others.", "The attack wounded more than two dozen people.", "agrees"),
        ("About 20 mortars were fired at the base.", "Officials said 23 mortars were fired at the base.", "agrees"),
        ("About 20 mortars were fired at the base.", "Officials said 40 mortars were fired at the base.", "conflicts"),
        ("Between 12 and 15 people were killed.", "Fourteen people were killed.", "agrees"),
        ("Up to 40 people were injured in the crush.", "Some 60 people were injured in the crush.", "conflicts"),
        ("Police detained 86 people.", "Rebels fired 86 rockets at the city.", "unverified"),
    ],
)
def test_numeric_relations(story: str, source: str, verdict: str) -> None:
    findings = _check(story, _report("Wire", source))
    assert findings[0].verdict == verdict, findings[0].reason


def test_approximate_agreement_says_how_close() -> None:
    finding = _check("About 20 mortars were fired at the base.", _report("Wire", "Officials said 23 mortars were fired."))[0]
    assert finding.verdict == "agrees"
    assert "15% above" in finding.reason


def test_superseded_early_figure_is_not_a_conflict() -> None:
    early = _report("Early Wire", "Rockets killed three people, the ministry said.", hours=0)
    later = _report("Later Wire", "Eight people were killed by the rockets, officials said.", hours=4)
    finding = _finding(_check("Rockets killed at least eight people.", early, later), "killed")
    assert finding.verdict == "agrees"
    relations = {e.outlet: e.relation for e in finding.evidence}
    assert relations == {"Early Wire": "superseded", "Later Wire": "agrees"}


def test_later_higher_toll_updates_an_exact_story_figure() -> None:
    update = _report("Update", "The number of people wounded in the attack has risen to 51.", hours=48)
    finding = _finding(_check("The attack wounded 30 others.", update, story_hours=2), "injured")
    assert finding.verdict == "conflicts"
    assert finding.evidence[0].relation == "updates"
    assert "51" in finding.reason and "story says 30" in finding.reason


def test_conflict_reason_lists_the_figure_history() -> None:
    midday = _report("Midday Wire", "Eight people were killed and 31 wounded.", hours=3)
    update = _report("Update", "The toll has risen to 10 dead, with 51 wounded.", hours=50)
    finding = _finding(_check("The attack killed eight people and wounded 30 others.", midday, update), "injured")
    assert finding.verdict == "conflicts"
    assert "51 wounded in Update" in finding.reason
    assert "31 wounded in Midday Wire" in finding.reason


def test_earlier_lower_figure_before_a_newer_story_is_not_a_conflict() -> None:
    early = _report("Early Wire", "Rockets killed three people.", hours=0)
    finding = _finding(_check("Rockets killed eight people.", early, story_hours=5), "killed")
    assert finding.verdict == "unverified"
    assert finding.evidence[0].relation == "superseded"


def test_troop_level_is_not_a_withdrawal_but_implies_one() -> None:
    source = _report("Atlas", "The number of US troops will be cut from 4,500 to 2,500 by mid-January.")
    finding = _finding(_check("The administration plans to withdraw 2,000 troops by mid-January.", source), "troops")
    assert finding.verdict == "agrees"
    assert [e.value.low for e in finding.evidence if e.value] == [2000]


def test_background_figures_are_not_compared_with_this_event() -> None:
    source = _report(
        "Chronicle",
        "On 2 November, gunmen stormed Kabul University, and 22 people were killed. Rockets killed eight people on Saturday.",
        hours=24 * 20,
    )
    story = "Islamic State has been behind two assaults on schools that killed nearly 50 people in recent weeks."
    finding = _finding(_check(story, source), "killed")
    assert finding.verdict == "unverified"
    assert finding.evidence == ()


def test_a_past_event_is_confirmed_only_by_the_same_figure() -> None:
    old = _report("Wire", "The ferry sank on Monday. A ferry sinking last year in which 40 passengers died was the worst in a decade.", hours=0)
    toll = _report("Paper", "At least 12 passengers died when the ferry sank on Monday.", hours=2)
    story = "It was the worst disaster since a ferry sank last year, killing 40 passengers."
    finding = _finding(_check(story, old, toll), "killed")
    assert finding.verdict == "agrees"
    assert [e.outlet for e in finding.evidence] == ["Wire"]


def test_a_part_is_never_read_against_the_total() -> None:
    source = _report("Wire", "The quake killed 212 people. In Keshan, 38 children died when their school collapsed.", hours=1)
    finding = _finding(_check("Among the dead were 38 children at a school in Keshan that collapsed.", source), "killed")
    assert finding.verdict == "agrees"
    assert [e.value.low for e in finding.evidence if e.value] == [38]


def test_a_repeated_figure_in_one_report_is_one_piece_of_evidence() -> None:
    source = _report("Wire", "The toll rose to 260. The number of people killed has risen to 260, officials said.", hours=5)
    finding = _finding(_check("The quake killed 212 people.", source, story_hours=1), "killed")
    assert finding.verdict == "conflicts"
    assert len(finding.evidence) == 1


def test_deployed_and_present_troops_are_one_figure() -> None:
    source = _report("Wire", "About 400 troops were deployed around the prison overnight.")
    finding = _finding(_check("The government sent some 400 soldiers to the prison.", source), "troops")
    assert finding.verdict == "agrees"


@pytest.mark.parametrize(
    ("story", "source", "verdict"),
    [
        # another place: a different fact, however the figures compare
        ("Rebels fired 12 missiles towards the port of Selvan.", "Rebels fired 112 missiles at Orlevsk overnight.", "unverified"),
        # another munition family: bombs dropped are not rockets fired
        ("Aircraft dropped two bombs on the launch site.", "Militants fired 12 rockets at the base.", "unverified"),
        # another group of people: officers hurt are not the people treated
        ("Police said 17 officers had been injured.", "A doctor said 18 people had been treated for wounds.", "unverified"),
        # the same group, place and figure family conflict as before
        ("Rebels fired 12 missiles at Orlevsk.", "Rebels fired 112 missiles at Orlevsk overnight.", "conflicts"),
    ],
)
def test_different_facts_are_not_compared(story: str, source: str, verdict: str) -> None:
    assert _check(story, _report("Wire", source))[0].verdict == verdict


def test_zero_for_one_place_is_not_compared_with_the_toll() -> None:
    source = _report("Wire", "Thirty people were wounded in the blast.")
    finding = _finding(_check("The embassy said no-one had been wounded.", source), "injured")
    assert finding.verdict == "unverified"


@pytest.mark.parametrize(
    ("story", "source", "verdict", "relation"),
    [
        ("The Taliban denied being behind the attack.", "A Taliban spokesman said the group was not responsible.", "agrees", "agrees"),
        ("The Taliban denied being behind the attack.", "The Taliban claimed responsibility for the attack.", "conflicts", "conflicts"),
        ("The Taliban denied being behind the attack.", "The Islamic State group claimed responsibility.", "unverified", "context"),
        ("The Taliban denied being behind the attack.", "The spokesman said the Taliban had carried out the attack.", "unverified", "context"),
        ("Israel denied any involvement.", "An Israeli official said Israel had nothing to do with the explosion.", "agrees", "agrees"),
        ("The ministry said its forces carried out the strike.", "The ministry denied hitting homes.", "unverified", "context"),
        ("The ministry said its forces carried out the strike.", "The ministry denied any role in the strike.", "conflicts", "conflicts"),
        ("The Zarkan Liberation Army (ZLA) claimed the attack.", "The Zarkan Islamic Movement (ZIM) denied involvement.", "unverified", "context"),
    ],
)
def test_attribution_relations(story: str, source: str, verdict: str, relation: str) -> None:
    finding = _finding(_check(story, _report("Wire", source)), "responsibility")
    assert finding.verdict == verdict
    assert [e.relation for e in finding.evidence] == [relation]


def test_wire_copies_count_once() -> None:
    text = "Eight people were killed when rockets hit the capital on Saturday, officials said."
    a = _report("Wire A", text, hours=1)
    b = _report("Paper B", text.replace("capital", "capital city"), hours=2)
    finding = _finding(_check("Rockets killed at least eight people.", a, b), "killed")
    assert finding.verdict == "agrees"
    assert [e.independent for e in finding.evidence] == [True, False]
    assert finding.reason.startswith("1 independent source")


def test_consensus_range_spans_current_figures() -> None:
    a = _report("A", "At least eight people were killed.", hours=1)
    b = _report("B", "Ten people were killed.", hours=2)
    c = _report("C", "Three people were killed.", hours=0)
    finding = _finding(_check("Nine people were killed.", a, b, c), "killed")
    assert finding.consensus is not None
    # the early open "at least eight" was raised by B's later 10: it no longer sets the range
    assert (finding.consensus.low, finding.consensus.high) == (10, 10)
    assert finding.consensus.text == "best 10"
    assert finding.current is not None and finding.current.outlet == "B"


def test_consensus_low_end_comes_from_reliable_outlets() -> None:
    doubtful = Report(outlet="Rumour Mill", text="", published=_at(1), reliability=0.2)
    solid = Report(outlet="Wire", text="", published=_at(1))
    sources = [
        SourceClaim(c, r)
        for r, text in ((doubtful, "Three people were killed."), (solid, "At least eight people were killed."))
        for c in extract_claims(text)
    ]
    (finding,) = check_claims(extract_claims("At least five people were killed."), sources)
    assert finding.consensus is not None and finding.consensus.low == 8
    assert {e.outlet: e.reliability for e in finding.evidence} == {"Rumour Mill": 0.2, "Wire": 1.0}


def test_check_story_in_memory() -> None:
    story = Document(text="Rockets killed at least eight people and wounded 30 others, officials said.")
    reports = [
        Report(outlet="Wire", text="Eight people were killed and 31 wounded.", published=_at(1)),
        Report(outlet="Paper", text="Ten people were killed, officials said.", published=_at(30)),
    ]
    result = check_story(story, reports)
    assert result.summary == {"agrees": 1, "conflicts": 1, "unverified": 0, "claims": 2, "sources": 2}
    payload = result.to_dict()
    assert {c["verdict"] for c in payload["claims"]} == {"agrees", "conflicts"}
    assert all(c["evidence"] for c in payload["claims"])


_KABUL = _report(
    "Wire",
    "KABUL (Wire) - A rocket barrage hit Kabul on Saturday, killing at least ten people, officials said.",
    hours=1,
)


@pytest.mark.parametrize(
    ("story", "source", "anchor"),
    [
        (
            "Rockets struck Kabul on Saturday, killing at least eight people. At the start of this month, gunmen "
            "attacked the Kabul University campus, killing at least 35 people.",
            _KABUL,
            "at least 35",
        ),
        (
            "Rockets struck Kabul on Saturday, killing at least eight people. Eight children died in an earlier "
            "strike on a school in Kabul.",
            _report("Wire", "A rocket strike on a school in Kabul killed 12 children on Saturday.", hours=1),
            "Eight",
        ),
        (
            "A car bomb exploded in Velmor on Tuesday, killing 14 people. More than 90 deaths have been "
            "recorded in Velmor this year, police said.",
            _report("Wire", "A car bomb killed 120 people in Velmor, police said.", hours=1),
            "More than 90",
        ),
        (
            "Gunmen stormed the Grand Hotel in Port Amelle on Friday. All three attackers were killed, police said.",
            _report("Wire", "A suicide bomber struck a bus station in Port Amelle, killing at least 3 people.", hours=170),
            "three",
        ),
    ],
)
def test_other_incidents_are_not_evidence(story: str, source: Report, anchor: str) -> None:
    finding = next(f for f in _check(story, source, story_hours=0) if f.claim.value and f.claim.value.text == anchor)
    assert finding.verdict == "unverified", finding.reason


@pytest.mark.parametrize(
    ("story", "story_hours", "sources", "verdict", "status"),
    [
        # raised after the story: an update, not a contradiction
        ("The attack wounded 30 others.", 2, [("The number wounded in the attack rose to 51.", 48)], "conflicts", "updated"),
        # a different figure before the story: a contradiction of the same moment
        ("The attack wounded 30 others.", 2, [("The attack wounded 31 people.", 1)], "conflicts", "contradicted"),
        ("The attack wounded 30 others.", None, [("The attack wounded 31 people.", 1)], "conflicts", "contradicted"),
        # an open bound supports only part of an exact figure
        ("Gunmen killed eight people in the market.", 2, [("At least five people were killed in the market.", 1)], "agrees", "partial"),
        ("Gunmen killed at least eight people in the market.", 2, [("Ten people were killed in the market.", 1)], "agrees", "confirmed"),
        # an early open figure is not support once a later report raised it
        ("Eighteen people were killed in the blast.", 12, [("At least seven people were killed in the blast.", 1),
                                                          ("The blast killed 18 people.", 10)], "agrees", "confirmed"),
        ("Police detained 86 people.", 2, [("Rebels fired 86 rockets at the city.", 1)], "unverified", "unverified"),
    ],
)  # fmt: skip
def test_status_beside_the_verdict(
    story: str, story_hours: float | None, sources: list[tuple[str, float]], verdict: str, status: str
) -> None:
    reports = [_report(f"Wire {i}", text, hours) for i, (text, hours) in enumerate(sources)]
    finding = _check(story, *reports, story_hours=story_hours)[0]
    assert (finding.verdict, finding.status) == (verdict, status), finding.reason
    assert finding.to_dict()["status"] == status


def test_an_update_names_the_newer_figure_its_source_and_time() -> None:
    update = _report("Update", "The number wounded in the attack rose to 51.", hours=48)
    finding = _check("The attack wounded 30 others.", _report("Wire", "The attack wounded 30 people.", 1), update, story_hours=2)[0]
    assert finding.status == "updated"
    assert finding.newer is not None and (finding.newer.outlet, finding.newer.published) == ("Update", _at(48))
    assert finding.newer.value is not None and finding.newer.value.low == 51
    assert finding.current is not None and finding.current.outlet == "Update"


def test_an_early_open_figure_neither_supports_nor_sets_the_consensus() -> None:
    early = _report("Early", "At least seven people were killed in the blast.", hours=1)
    later = _report("Later", "The blast killed 18 people.", hours=10)
    finding = _check("Eighteen people were killed in the blast.", early, later, story_hours=12)[0]
    assert {e.outlet: e.relation for e in finding.evidence} == {"Early": "superseded", "Later": "agrees"}
    assert finding.consensus is not None and (finding.consensus.low, finding.consensus.high) == (18, 18)


def test_a_story_without_a_date_is_dated_by_the_check() -> None:
    result = check_story(Document(text="The attack wounded 30 others."), [_report("Wire", "The attack wounded 31 people.", 1)], now=_at(5))
    assert result.dated_by_check and result.to_dict()["story"]["dated_by"] == "checked_at"
    assert result.findings[0].status == "contradicted"


@pytest.mark.parametrize("copy_kind", ["url", "text", "near-identical"])
def test_the_storys_own_copy_is_never_evidence(copy_kind: str) -> None:
    text = "Rockets killed eight people in Kabul on Saturday, officials said. The attack wounded 30 others."
    story = Document(text=text, url="https://wire.example/kabul-rockets", published=_at(2))
    own = Report(
        outlet="Own Wire",
        text={"url": "Rockets hit Kabul, killing ten people.", "text": text, "near-identical": text + " Photo: Wire."}[copy_kind],
        url="https://wire.example/kabul-rockets/" if copy_kind == "url" else "",
        published=_at(2),
    )
    other = _report("Other", "Rockets killed nine people in Kabul on Saturday.", hours=1)
    alone = check_story(story, [other], now=_at(5))
    with_copy = check_story(story, [other, own], now=_at(5))
    assert [f.verdict for f in with_copy.findings] == [f.verdict for f in alone.findings]
    assert [o.outlet for o in with_copy.own_copies] == ["Own Wire"] and with_copy.sources == 1
    assert "Own Wire" not in {e.outlet for f in with_copy.findings for e in f.evidence}


def test_a_partys_figure_about_itself_is_a_conflict_between_parties() -> None:
    source = _report("Wire", "The group said it fired more than 150 rockets at the town.", hours=1)
    finding = _check("The army said some 90 rockets were fired at the town.", source, story_hours=2)[0]
    assert finding.verdict == "conflicts" and finding.status == "contradicted"
    assert "between parties" in finding.reason and "its own count" in finding.reason


def test_what_the_sources_say_that_the_story_does_not() -> None:
    story = Document(text="Rockets killed eight people in Kabul on Saturday, officials said.", published=_at(2))
    source = _report(
        "Wire",
        "Rockets killed eight people in Kabul on Saturday, officials said. The Islamic State group claimed "
        "responsibility for the rocket attack on Kabul. Police arrested four men over the attack.",
        hours=3,
    )
    unrelated = _report("Elsewhere", "Police in Herat arrested 12 smugglers on Friday.", hours=1)
    result = check_story(story, [source, unrelated], now=_at(5))
    untold = {(u.claim.kind, u.claim.stance) for u in result.untold}
    assert ("responsibility", "claimed") in untold and ("arrested", "") in untold
    assert all(e.outlet == "Wire" for u in result.untold for e in u.sources)
    assert result.to_dict()["untold"][0]["sources"][0]["outlet"] == "Wire"


_WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _other_incidents(count: int, story_day: datetime) -> list[Report]:
    """Ordinary reports of other attacks in the same city by the same group, on other days, each naming
    its day as wire copy does; deterministic, so a failure can be read again."""
    rng = random.Random(8)
    reports = []
    for i in range(count):
        day = story_day + timedelta(days=rng.choice([d for d in range(-12, 13) if abs(d) > 1]))
        killed, wounded = rng.randint(1, 60), rng.randint(0, 90)
        text = (
            f"KABUL, {day:%b} {day.day} (Wire {i % 7}) - {killed} people were killed and {wounded} others wounded when "
            f"rockets hit Kabul on {_WEEKDAY[day.weekday()]}, police said. "
            + rng.choice(("The Taliban claimed responsibility for the attack.", "The Taliban denied involvement.", ""))
        )
        reports.append(Report(outlet=f"Wire {i % 7}", text=text, published=day + timedelta(hours=9), claims=tuple(extract_claims(text))))
    return reports


def test_a_dated_story_hidden_among_other_incidents_in_its_city_keeps_its_verdicts() -> None:
    story = Document(
        text="KABUL - Rockets hit Kabul on Saturday, killing at least eight people and wounding 30 others, "
        "officials said. The Taliban denied involvement in the attack.",
        published=datetime(2024, 3, 9, 11, tzinfo=UTC),
    )
    event = [
        _report("Early", "KABUL - Rockets hit Kabul on Saturday, killing eight people and wounding 30, police said.", 1),
        _report("Later", "The number wounded in Saturday's rocket attack on Kabul rose to 41, officials said.", 30),
        _report("Denial", "The Taliban denied involvement in Saturday's rocket attack on Kabul.", 4),
    ]
    alone = check_story(story, event, now=_at(40))
    hidden = check_story(story, event + _other_incidents(5000, T0), now=_at(40))
    assert [(f.verdict, f.status) for f in hidden.findings] == [(f.verdict, f.status) for f in alone.findings]
    assert [f.verdict for f in alone.findings] == ["agrees", "conflicts", "agrees"]
    assert {e.outlet for f in hidden.findings for e in f.evidence if e.relation != "context"} <= {"Early", "Later", "Denial"}


def test_the_aftermath_of_a_past_incident_is_compared_with_reports_of_that_incident() -> None:
    story = Document(
        text="WASHINGTON - The number of U.S. troops injured in Iran's missile strike on the base last month has "
        "risen to more than 100, the Pentagon said.",
        published=datetime(2020, 2, 11, 18, tzinfo=UTC),
    )
    source = Report(
        outlet="Forces News",
        text="A total of 109 brain injury cases among U.S. troops stemming from Iran's 8 January missile strikes "
        "on the base have now been confirmed.",
        published=datetime(2020, 2, 11, 9, tzinfo=UTC),
    )
    (finding,) = [f for f in check_story(story, [source], now=_at(0)).findings if f.claim.kind == "injured"]
    assert finding.verdict == "agrees", finding.reason


@pytest.mark.parametrize(
    ("sources", "verdict"),
    [
        # the story's own sentence, read again elsewhere, agrees; a far less similar count is another fact
        (("A gunman killed eight people and wounded 14 in villages near Mladenovac overnight, police said.",
          "Across the region, nine people were killed in the worst week since records began."), "agrees"),
        # a contradiction that reads about as close as the agreement still conflicts
        (("A gunman killed eight people and wounded 14 in villages near Mladenovac overnight, police said.",
          "A gunman killed nine people and wounded 14 in villages near Mladenovac overnight, officials said."), "conflicts"),
    ],
)
def test_a_conflict_must_read_about_as_close_as_the_agreement(sources: tuple[str, str], verdict: str) -> None:
    story = "A gunman killed eight people and wounded 14 in villages near Mladenovac overnight, police said."
    findings = _check(story, *(_report(f"Wire {i}", text, 1) for i, text in enumerate(sources)), story_hours=1)
    assert _finding(findings, "killed").verdict == verdict


@pytest.mark.parametrize(
    ("story", "source", "verdict"),
    [
        # a blame is about whom it is laid on: another voice blaming the same party agrees partly
        ("The army blamed the M23 rebel group for the killings.", "The government holds the M23 responsible for the deaths.", "agrees"),
        ("The army blamed the M23 rebel group for the killings.", "Congo accuses its neighbour Rwanda of backing the rebels.", "unverified"),
        # a party that blames someone else denies its own part
        ("The Israeli military denied responsibility for the blast.", "The Israeli military blamed a misfired rocket for the blast.", "agrees"),
        ("The M23 denies carrying out any massacre.", "The M23 rebels, who hold large areas of the province, have denied responsibility.", "agrees"),
        # a patron named in the actor is not the actor
        ("Iran dismissed accusations that it was behind the attacks.", "Yemen's Iran-aligned Houthi movement claimed responsibility for the strikes.", "unverified"),
        # a denial of a detail is not a denial of the act
        ("The defence ministry said its forces had carried out strikes on military targets.", "The defence ministry denied that the strike hit civilian targets.", "unverified"),
    ],
)
def test_attribution_as_outlets_phrase_it(story: str, source: str, verdict: str) -> None:
    finding = _finding(_check(story, _report("Wire", source)), "responsibility")
    assert finding.verdict == verdict, finding.reason


@pytest.mark.parametrize(
    ("story", "source", "verdict"),
    [
        # a figure the report gives as an earlier count is history, never a contradiction
        ("At least 40 people were killed in the church attack.", "He had also said 22 people lost their lives in the church attack.", "unverified"),
        ("Rescuers had earlier put the toll at 30.", "Authorities say the toll from the strike has risen to 40.", "unverified"),
        # a source's step ("three more") is not its toll
        ("At least 17 people died on Monday in the clashes.", "Three more people died in the clashes while a shopping centre was ransacked.", "unverified"),
        ("At least 117 people have died in the violence.", "The province recorded another 89 deaths in the violence over the past 24 hours.", "unverified"),
        # one hospital's patients are a part of the wounded
        ("Police said 22 people were injured in the shooting.", "A spokesperson said five of the people injured in the shooting were taken to Truman Medical Center.", "unverified"),
        # the same open figure in a near-identical sentence agrees
        ("The attack on the camp left more than 70 people dead.", "The attack on the camp left more than 70 people dead, officials said.", "agrees"),
    ],
)
def test_history_steps_and_parts_never_contradict(story: str, source: str, verdict: str) -> None:
    finding = next(f for f in _check(story, _report("Wire", source)) if f.claim.kind in {"killed", "injured"})
    assert finding.verdict == verdict, finding.reason


@pytest.mark.parametrize(
    ("story", "source", "verdict"),
    [
        # the other end of "from 4,500 to 2,500" is not a rival figure
        ("The US will shrink its presence in Afghanistan to 2,500 troops.", "The Pentagon will cut the troops in Afghanistan from 4,500 to 2,500.", "agrees"),
        # two peoples counted apart never contradict each other
        ("The bombings killed at least 60 Afghans at the airport.", "Thirteen Americans were killed in the bombings at the airport.", "unverified"),
    ],
)
def test_figures_told_apart_in_one_sentence_or_people(story: str, source: str, verdict: str) -> None:
    finding = next(f for f in _check(story, _report("Wire", source)) if f.claim.kind in {"killed", "troops"})
    assert finding.verdict == verdict, finding.reason


def test_attackers_arrested_are_among_all_arrested() -> None:
    story = "Russia says it has caught all four gunmen behind the concert hall attack."
    source = _report("Wire", "Eleven people, including the four gunmen, were detained over the concert hall attack.")
    finding = _finding(_check(story, source), "arrested")
    assert finding.verdict != "conflicts", finding.reason
