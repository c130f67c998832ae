"""Reasons as an editor would say them (issue 10 §2): numbers for figures, plurals that agree,
every deciding outlet named, times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.reasons import MAX_CITED, fmt_time, join_words, plural, reason, say_figure
from verifier.types import Claim, Evidence, Range

T0 = datetime(2020, 11, 21, 9, 5, tzinfo=UTC)


def _claim(kind: str = "killed", value: Range | None = None, **kw: str) -> Claim:
    return Claim(id="c1", kind=kind, value=value, sentence="", span=(0, 0), **kw)


def _evidence(outlet: str, value: Range | None, relation: str, hours: float = 0, **kw: object) -> Evidence:
    return Evidence(
        outlet=outlet, url="", published=T0 + timedelta(hours=hours), sentence="", value=value,
        relation=relation, similarity=60.0, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _exact(n: float, words: str = "") -> Range:
    return Range(n, n, "exact", words or str(n))


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (Range(5, 5, "exact", "Five"), "5"),
        (Range(27, 27, "exact", "Twenty-seven"), "27"),
        (Range(2000, 2000, "exact", "2,000"), "2,000"),
        (Range(8, None, "at_least", "at least eight"), "at least 8"),
        (Range(2000, None, "more_than", "more than 2,000"), "more than 2,000"),
        (Range(None, 40, "at_most", "up to 40"), "up to 40"),
        (Range(None, 40, "less_than", "fewer than 40"), "fewer than 40"),
        (Range(17, 23, "approx", "about 20"), "about 20"),
        (Range(43, 50, "nearly", "nearly 50"), "nearly 50"),
        (Range(8, 10, "between", "between eight and 10"), "8 to 10"),
        (Range(24, 99, "vague", "Dozens of"), "dozens (24–99)"),
        (Range(3, 9, "vague", "several"), "several (3–9)"),
        (None, "no figure"),
        (Range(None, None, "exact", ""), "no figure"),
    ],
)
def test_figures_are_said_as_numbers(value: Range | None, said: str) -> None:
    assert say_figure(value) == said


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["Five", "five", "a dozen", "thirty"]))
def test_an_exact_figure_is_its_number_whatever_the_words(n: int, words: str) -> None:
    assert say_figure(Range(n, n, "exact", words)) == f"{n:,}"


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [(0, "source", "0 sources"), (1, "source", "1 source"), (2, "claim", "2 claims"), (1200, "report", "1,200 reports")],
)
def test_plural(count: int, word: str, said: str) -> None:
    assert plural(count, word) == said


@pytest.mark.parametrize(
    ("when", "said"),
    [
        (datetime(2020, 11, 21, 16, 20, tzinfo=UTC), "21 Nov 16:20 UTC"),
        (datetime(2020, 11, 21, 21, 50, tzinfo=timezone(timedelta(hours=5, minutes=30))), "21 Nov 16:20 UTC"),
        (datetime(2020, 11, 21, 16, 20), "21 Nov 16:20 UTC"),  # stored times without a zone are UTC
        (None, "undated"),
    ],
)
def test_times_are_said_in_utc(when: datetime | None, said: str) -> None:
    assert fmt_time(when) == said


def test_join_words() -> None:
    assert [join_words([]), join_words(["A"]), join_words(["A", "B", "C"])] == ["", "A", "A, B and C"]


def test_one_source_is_singular_and_the_story_figure_a_number() -> None:
    claim = _claim(value=Range(5, 5, "exact", "Five"))
    said = reason(claim, "agrees", [_evidence("Wire", Range(5, 5, "exact", "five"), "agrees")], status="confirmed")
    assert said == "1 independent source supports 5 killed: 5 killed in Wire (21 Nov 09:05 UTC)"
    assert "(s)" not in said and "Five" not in said and "five" not in said


def test_every_supporting_outlet_is_named_then_how_many_more() -> None:
    claim = _claim(value=Range(8, None, "at_least", "at least eight"))
    outlets = [f"Outlet {n}" for n in range(MAX_CITED + 2)]
    evidence = [_evidence(o, _exact(8, "eight"), "agrees", hours=n) for n, o in enumerate(outlets)]
    said = reason(claim, "agrees", evidence, status="confirmed")
    assert said.startswith(f"{len(outlets)} independent sources support at least 8 killed: ")
    assert all(o in said for o in outlets[:MAX_CITED]) and said.endswith("and 2 more")


def test_copies_of_another_report_are_named_but_not_counted() -> None:
    claim = _claim(value=_exact(8))
    evidence = [
        _evidence("Wire A", _exact(8), "agrees"),
        _evidence("Paper B", _exact(8), "agrees", hours=1, independent=False),
    ]
    said = reason(claim, "agrees", evidence, status="confirmed")
    assert said.startswith("1 independent source supports 8 killed")
    assert said.endswith("; Paper B repeats another report")


def test_an_update_names_the_new_figure_the_history_and_who_backs_the_story() -> None:
    claim = _claim("injured", _exact(30))
    evidence = [
        _evidence("Early Wire", _exact(12), "superseded", hours=-3),
        _evidence("Midday Wire", _exact(30), "agrees", hours=1),
        _evidence("Update", _exact(51), "updates", hours=48),
    ]
    said = reason(claim, "conflicts", evidence, status="updated")
    assert said == (
        "51 wounded in Update (23 Nov 09:05 UTC): the story says 30 wounded, the figure when it was published "
        "(updated since); before that, 12 wounded in Early Wire (21 Nov 06:05 UTC); "
        "30 wounded in Midday Wire (21 Nov 10:05 UTC) backs the story"
    )


def test_a_denial_reads_as_a_sentence_naming_each_outlet() -> None:
    claim = _claim("responsibility", None, actor="The Taliban", stance="denied")
    evidence = [
        _evidence("Regional News", None, "agrees", actor="the Taliban", stance="denied"),
        _evidence("World Report", None, "agrees", hours=3, actor="A Taliban spokesman", stance="denied"),
    ]
    said = reason(claim, "agrees", evidence, status="confirmed")
    assert said == (
        "2 independent sources report that the Taliban denied responsibility: Regional News (21 Nov 09:05 UTC) "
        "and World Report (21 Nov 12:05 UTC: a Taliban spokesman denied responsibility)"
    )


@pytest.mark.parametrize(
    ("claim", "said"),
    [
        (_claim("arrested", Range(5, 5, "exact", "five")), "No other outlet reports 5 arrested"),
        (_claim("responsibility", None, actor="The group", stance="claimed"), "No other outlet reports that the group claimed responsibility"),
    ],
)
def test_unverified_says_what_nobody_reports(claim: Claim, said: str) -> None:
    assert reason(claim, "unverified", []) == said


def test_only_earlier_figures() -> None:
    said = reason(_claim(value=_exact(8)), "unverified", [_evidence("Early Wire", _exact(3, "three"), "superseded")])
    assert said == "Only earlier figures that later reports changed: 3 killed in Early Wire (21 Nov 09:05 UTC); no source confirms 8 killed"
