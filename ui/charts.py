"""Charts of a check's figures: one claim's timeline across sources, and all the claims at once.

What an editor reads off these must agree with every other line the app prints:

- Times are UTC, like all text in the app: the time axis is a UTC scale with 24-hour labels that say
  "UTC", and tooltips show the same words as the evidence list (``format_time``). Left to itself,
  Vega-Lite would draw the axis in the browser's zone with "03 PM" labels.
- Each relation has one colour and one shape on every chart (the story is always a diamond), from the
  fixed tables below, never from the data.
- An open bound ("at least 8", "up to 40") is not a point: it is drawn as a hollow mark at the bound
  with a dashed line running to the edge of the chart and an arrowhead there, so "at least 8" does
  not read as "8".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import altair as alt

from verifier.report import figure_label, format_time
from verifier.types import CheckResult, Finding, Range

RELATIONS = ("story", "agrees", "conflicts", "updates", "superseded", "context")
RELATION_COLOUR = {
    "story": "#1f4e79",
    "agrees": "#2e7d32",
    "conflicts": "#b3261e",
    "updates": "#d35400",
    "superseded": "#8d6e63",
    "context": "#777777",
}
# Vega-Lite's point shapes; triangle-up and triangle-down are kept for the arrowheads of open bounds.
RELATION_SHAPE = {
    "story": "diamond",
    "agrees": "circle",
    "conflicts": "square",
    "updates": "triangle-right",
    "superseded": "cross",
    "context": "triangle-left",
}
# Labels are written by Vega's utcFormat, whatever the scale or the browser's zone; an axis ``format``
# with ``formatType: "utc"`` is silently ignored by the Vega-Lite that Streamlit ships.
TIME_LABEL = "utcFormat(datum.value, '%d %b %H:%M') + ' UTC'"
# How far past the largest (or below the smallest) known figure an open bound's line runs.
OPEN_MARGIN = 0.25
TIMELINE_HEIGHT = 240
OVERVIEW_ROW_HEIGHT = 34


def _bounds(value: Range | None) -> tuple[float, float, str] | None:
    """(low, high, open side) of a figure that can be drawn: "up" for "at least", "down" for "up to"."""
    if value is None or (value.low is None and value.high is None):
        return None
    if value.high is None:
        assert value.low is not None
        return value.low, value.low, "up"
    if value.low is None:
        return value.high, value.high, "down"
    return value.low, value.high, ""


def _row(value: Range | None, relation: str, outlet: str, when: datetime | None, **extra: Any) -> dict[str, Any] | None:
    bounds = _bounds(value)
    if bounds is None:
        return None
    low, high, open_side = bounds
    return {
        "low": low,
        "high": high,
        "best": (low + high) / 2,
        "open": open_side,
        "relation": relation,
        "outlet": outlet or "unknown outlet",
        "figure": figure_label(value),
        "published": format_time(when),
        "when": when.isoformat() if when else None,
        **extra,
    }


def _extend_open(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each row the ends of its line: an open bound runs to just past the chart's known figures."""
    known = [v for r in rows for v in (r["low"], r["high"])]
    top = max(known) * (1 + OPEN_MARGIN) + 1
    floor = min(0.0, min(known))
    for r in rows:
        r["start"] = floor if r["open"] == "down" else r["low"]
        r["end"] = top if r["open"] == "up" else r["high"]
        r["tip"] = {"up": top, "down": floor}.get(r["open"])
    return rows


def _legend_scales() -> tuple[alt.Scale, alt.Scale]:
    """The same relation -> colour and relation -> shape on every chart, whatever the chart holds."""
    colours = alt.Scale(domain=list(RELATIONS), range=[RELATION_COLOUR[r] for r in RELATIONS])
    shapes = alt.Scale(domain=list(RELATIONS), range=[RELATION_SHAPE[r] for r in RELATIONS])
    return colours, shapes


def _figure_layers(base: alt.Chart, value: str, value_title: str, scale: alt.Scale) -> list[alt.Chart]:
    """Marks for rows of figures along the ``value`` channel ("x" or "y").

    A range is a bar from low to high with a filled mark at its middle; an open bound is a hollow mark
    at the bound with a dashed line to the chart's edge and an arrowhead there.
    """
    channel = alt.X if value == "x" else alt.Y
    colours, shapes = _legend_scales()
    legend = alt.Legend(orient="bottom", direction="horizontal", symbolOpacity=1)
    colour = alt.Color("relation:N", title="relation", scale=colours, legend=legend)
    shape = alt.Shape("relation:N", title="relation", scale=shapes, legend=legend)
    start = {value: channel("start:Q", title=value_title, scale=scale), f"{value}2": "end:Q"}
    closed = alt.datum.open == ""
    span = base.mark_rule(strokeWidth=5, opacity=0.45).encode(
        **start,
        color=colour,
        strokeDash=alt.condition(closed, alt.value([1, 0]), alt.value([5, 4])),
    )
    points = base.transform_filter(closed).mark_point(filled=True, size=110, opacity=1).encode(
        **{value: channel("best:Q", scale=scale)}, color=colour, shape=shape
    )
    bounds = base.transform_filter(~closed).mark_point(filled=False, size=130, strokeWidth=2, opacity=1).encode(
        **{value: channel("low:Q", scale=scale)}, color=colour, shape=shape
    )
    arrow_up, arrow_down = ("triangle-right", "triangle-left") if value == "x" else ("triangle-up", "triangle-down")
    tips = [
        base.transform_filter(alt.datum.open == side).mark_point(shape=arrow, filled=True, size=70).encode(
            **{value: channel("tip:Q", scale=scale)}, color=colour
        )
        for side, arrow in (("up", arrow_up), ("down", arrow_down))
    ]
    return [span, points, bounds, *tips]


_TOOLTIP = [
    alt.Tooltip("outlet:N", title="outlet"),
    alt.Tooltip("published:N", title="published"),
    alt.Tooltip("figure:N", title="figure"),
    alt.Tooltip("relation:N", title="relation"),
]


def timeline_rows(result: CheckResult, finding: Finding) -> list[dict[str, Any]]:
    """The story's figure and each dated source's, as chart rows; undated ones cannot be placed."""
    story = result.story
    rows = [_row(finding.claim.value, "story", story.outlet or "this story", story.published)]
    rows += [_row(e.value, e.relation, e.outlet, e.published) for e in finding.evidence]
    return [r for r in rows if r is not None and r["when"] is not None]


def timeline_chart(result: CheckResult, finding: Finding) -> alt.LayerChart | alt.FacetChart | None:
    """How the figure moved across sources over time; None when fewer than two dated figures exist."""
    rows = timeline_rows(result, finding)
    if len(rows) < 2:
        return None
    base = alt.Chart(alt.Data(values=_extend_open(rows))).encode(
        x=alt.X(
            "when:T",
            title="published (UTC)",
            scale=alt.Scale(type="utc", padding=24),
            axis=alt.Axis(labelExpr=TIME_LABEL, labelAngle=-30, labelOverlap=True),
        ),
        tooltip=_TOOLTIP,
    )
    layers = _figure_layers(base, "y", finding.claim.kind, alt.Scale(zero=False, nice=False))
    return alt.layer(*layers).properties(height=TIMELINE_HEIGHT)


def overview_rows(result: CheckResult) -> list[dict[str, Any]]:
    """Every figure of the story, each beside every source's figure for it, one chart row per claim."""
    rows: list[dict[str, Any]] = []
    story = result.story
    for n, finding in enumerate(result.findings, 1):
        label = f"{n}. {finding.claim.kind}: {figure_label(finding.claim.value)}"
        row = _row(finding.claim.value, "story", story.outlet or "this story", story.published, claim=label, order=n)
        if row is None:
            continue
        rows.append(row)
        for e in finding.evidence:
            source = _row(e.value, e.relation, e.outlet, e.published, claim=label, order=n)
            if source is not None:
                rows.append(source)
    return rows


def overview_chart(result: CheckResult) -> alt.LayerChart | alt.FacetChart | None:
    """All the story's figures against the sources' at once; None when the story has no figure.

    Figures of one story span orders of magnitude (5 arrests, 2,000 troops), so the scale is
    symmetric-log: every row stays readable and 0 stays on it.
    """
    rows = overview_rows(result)
    if not rows:
        return None
    claims = list(dict.fromkeys(r["claim"] for r in sorted(rows, key=lambda r: r["order"])))
    base = alt.Chart(alt.Data(values=_extend_open(rows))).encode(
        y=alt.Y("claim:N", title=None, sort=claims, axis=alt.Axis(labelLimit=320)),
        tooltip=_TOOLTIP,
    )
    layers = _figure_layers(base, "x", "figure (log scale)", alt.Scale(type="symlog"))
    return alt.layer(*layers).properties(height=alt.Step(OVERVIEW_ROW_HEIGHT))

