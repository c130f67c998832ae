"""The check page's charts (issue 10 §2): times in UTC with 24-hour labels, one shape per relation on
every chart, open bounds drawn open-ended, and one overview of all the story's figures.

The charts are built from a real check of the example story against the example library (SQLite in
memory) and read as the Vega-Lite spec the browser gets; ``tests/e2e/test_check_page.py`` reads the
drawn axis labels in a real browser set to another time zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from db import Store, run_check
from ui.charts import RELATION_SHAPE, RELATIONS, overview_chart, overview_rows, timeline_chart, timeline_rows
from verifier import example
from verifier.types import CheckResult, Range


@pytest.fixture(scope="module")
def result() -> CheckResult:
    with Store.memory() as store:
        store.add_documents(example.source_documents())
        return run_check(store, example.story_document(), save=False)[1]


def _encodings(spec: Any) -> Iterator[dict[str, Any]]:
    """Every channel definition anywhere in a (layered) spec."""
    if isinstance(spec, dict):
        for channel in (spec.get("encoding") or {}).values():
            if isinstance(channel, dict):
                yield channel
        for value in spec.values():
            yield from _encodings(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _encodings(item)


def _specs(result: CheckResult) -> list[dict[str, Any]]:
    charts = [timeline_chart(result, f) for f in result.findings] + [overview_chart(result)]
    return [c.to_dict() for c in charts if c is not None]  # to_dict validates against the schema


def test_the_example_draws_timelines_and_the_overview(result: CheckResult) -> None:
    specs = _specs(result)
    timelines = [s for s in specs if any(e.get("field") == "when" for e in _encodings(s))]
    assert len(timelines) >= 2 and len(specs) == len(timelines) + 1


def test_time_axes_are_utc_with_24_hour_labels(result: CheckResult) -> None:
    times = [e for s in _specs(result) for e in _encodings(s) if e.get("field") == "when"]
    assert times
    for channel in times:
        assert channel["scale"]["type"] == "utc"  # ticks at UTC hours, not the browser's
        label = channel["axis"]["labelExpr"]
        assert "utcFormat" in label and "%H:%M" in label and "UTC" in label
        assert "%I" not in label and "%p" not in label
    # tooltips say the time in the same words as the evidence list, never a browser-local time
    tooltips = [t for s in _specs(result) for layer in s["layer"] for t in layer["encoding"]["tooltip"]]
    assert tooltips and {t["type"] for t in tooltips} == {"nominal"}
    rows = [r for f in result.findings for r in timeline_rows(result, f)]
    assert rows and all(r["published"].endswith(" UTC") for r in rows)


def test_every_chart_gives_each_relation_the_same_shape(result: CheckResult) -> None:
    scales = [e["scale"] for s in _specs(result) for e in _encodings(s) if e.get("field") == "relation" and "range" in e.get("scale", {})]
    shapes = [s for s in scales if "diamond" in s["range"]]
    assert shapes and all(s == shapes[0] for s in shapes)
    assert shapes[0]["domain"] == list(RELATIONS)
    assert dict(zip(shapes[0]["domain"], shapes[0]["range"], strict=True))["story"] == "diamond"
    assert len(set(RELATION_SHAPE.values())) == len(RELATIONS)  # no two relations look alike


def test_an_open_bound_runs_past_every_known_figure(result: CheckResult) -> None:
    killed = next(f for f in result.findings if f.claim.kind == "killed")
    assert killed.claim.value is not None and killed.claim.value.high is None  # "at least eight"
    rows = timeline_rows(result, killed)
    chart = timeline_chart(result, killed)
    assert chart is not None
    drawn = chart.to_dict()["layer"]
    values = chart.to_dict()["data"]["values"]
    story = next(r for r in values if r["relation"] == "story")
    known = max(r["high"] for r in rows)
    assert story["open"] == "up" and story["start"] == 8 and story["end"] > known and story["tip"] == story["end"]
    marks = [(layer["mark"], str(layer.get("transform", ""))) for layer in drawn]
    assert any(m["type"] == "point" and m.get("filled") is False and "open" in t for m, t in marks)  # hollow at the bound
    assert any(m.get("shape") == "triangle-up" and "up" in t for m, t in marks)  # the arrowhead
    dashes = [layer["encoding"]["strokeDash"] for layer in drawn if "strokeDash" in layer["encoding"]]
    assert dashes and dashes[0]["value"] != [1, 0]  # open rows are dashed


@pytest.mark.parametrize(
    ("value", "side"),
    [
        (Range(8, None, "at_least", "at least eight"), "up"),
        (Range(None, 40, "at_most", "up to 40"), "down"),
        (Range(8, 10, "between", "8 to 10"), ""),
        (Range(30, 30, "exact", "30"), ""),
    ],
)
def test_which_side_is_open(result: CheckResult, value: Range, side: str) -> None:
    finding = replace(result.findings[0], claim=replace(result.findings[0].claim, value=value))
    story = next(r for r in timeline_rows(result, finding) if r["relation"] == "story")
    assert story["open"] == side


def test_the_overview_has_every_figure_of_the_story_beside_its_sources(result: CheckResult) -> None:
    rows = overview_rows(result)
    figures = [f for f in result.findings if f.claim.value is not None]
    stories = [r["claim"] for r in rows if r["relation"] == "story"]
    assert len(stories) == len(set(stories)) == len(figures) >= 3
    evidence = sum(1 for f in figures for e in f.evidence if e.value is not None)
    assert len(rows) == len(figures) + evidence
    chart = overview_chart(result)
    assert chart is not None
    order = next(e["sort"] for e in _encodings(chart.to_dict()) if e.get("field") == "claim")
    assert order == list(dict.fromkeys(r["claim"] for r in rows))  # in the story's order


def test_the_page_draws_the_validated_specs(result: CheckResult) -> None:
    """The page skips Altair's validation (``components.chart_spec``): what it draws is the spec
    that validates against the Vega-Lite schema, with Altair's own theme off as Streamlit has it."""
    import altair as alt

    from ui.components import OVERVIEW, chart_spec

    charts = {OVERVIEW: overview_chart(result)} | {n: timeline_chart(result, f) for n, f in enumerate(result.findings, 1)}
    for n, chart in charts.items():
        with alt.theme.enable("none"):
            validated = chart.to_dict() if chart is not None else None
        assert chart_spec(result, n) == validated
