"""Rendering shared by the pages: a check result, its evidence and its downloads.

Story and source text is untrusted (web pages, uploaded files). Markup is built here around text
that went through :func:`html.escape`, with colours from fixed tables, never from data, and shown
with ``st.html``, which does no Markdown processing (so a source's ``[link](…)`` or ``$…$`` stays
words). Labels, titles and messages, which Streamlit renders as Markdown, go through :func:`plain`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import altair as alt
import streamlit as st

from verifier import VerifierError
from verifier.report import (
    FORMATS,
    STATUS_MEANINGS,
    describe_range,
    export,
    figure_label,
    format_time,
    latest_line,
    source_count,
    summary_line,
)
from verifier.types import STATUSES, VERDICTS, CheckResult, Evidence, Finding, Range, Untold

# Background and underline per verdict; the same hues as the HTML export, so screen and print agree.
VERDICT_STYLE: dict[str, tuple[str, str]] = {
    "agrees": ("#d3f0d8", "2px solid #2e7d32"),
    "conflicts": ("#f9d0d3", "3px double #b3261e"),
    "unverified": ("#fff0c2", "2px dashed #8a6d00"),
}
_OTHER_STYLE = ("#e4e4e4", "2px dotted #555")
# What kind of agreement or conflict: the same hues as the HTML export's status badges. An update is
# amber, not red: the story was right when it was published.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "contradicted": ("#f9d0d3", "3px double #b3261e"),
    "updated": ("#fde2b8", "3px solid #e8a33d"),
    "confirmed": ("#d3f0d8", "2px solid #2e7d32"),
    "partial": ("#e8f5e9", "2px dotted #66bb6a"),
    "unverified": ("#fff0c2", "2px dashed #8a6d00"),
}
_STATUS_SEVERITY = {"contradicted": 5, "updated": 4, "unverified": 3, "partial": 2, "confirmed": 1}
RELATION_COLOUR = {
    "story": "#1f4e79",
    "agrees": "#2e7d32",
    "conflicts": "#b3261e",
    "updates": "#d35400",
    "superseded": "#8d6e63",
    "context": "#777777",
}
_SEVERITY = {"conflicts": 3, "unverified": 2, "agrees": 1}
# Material icons ship with Streamlit, so they render where no emoji font is installed.
VERDICT_ICON = {"agrees": ":material/check_circle:", "conflicts": ":material/cancel:", "unverified": ":material/help:"}
_EXPORT_LABELS = {"csv": "CSV", "json": "JSON", "md": "Markdown", "html": "HTML"}


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$])")


def plain(text: str) -> str:
    """Untrusted words for a Streamlit label, title or message, which render Markdown: every
    character that could make a link, emphasis, math or markup is backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


@contextmanager
def page_errors() -> Iterator[None]:
    """Show a refusal from verifier/db as an error box with its advice, never as a traceback.

    Anything else is a fault of ours: the editor gets a reference to quote, the log the traceback.
    """
    try:
        yield
    except VerifierError as exc:
        st.error(plain(str(exc)))
    except Exception as exc:  # Streamlit's rerun and stop are BaseExceptions and pass through
        from ui.services import log_unexpected, unexpected_message

        st.error(plain(unexpected_message(exc, log_unexpected(exc))))


def _mark(text: str, verdict: str, title: str = "") -> str:
    """``verdict`` may be a verdict or a status: both colour tables are fixed, never data."""
    background, underline = STATUS_STYLE.get(verdict) or VERDICT_STYLE.get(verdict, _OTHER_STYLE)
    hint = f' title="{html.escape(title)}"' if title else ""
    return (
        f'<mark style="background:{background};border-bottom:{underline};padding:0 .1em;color:inherit"'
        f"{hint}>{html.escape(text)}</mark>"
    )


def status_legend_html() -> str:
    """What each colour means, shown above the story."""
    items = " ".join(f"{_mark(s, s, STATUS_MEANINGS[s])} <small>{html.escape(STATUS_MEANINGS[s])}</small>" for s in STATUSES)
    return f'<p style="line-height:2">{items}</p>'


def marked_story_html(result: CheckResult) -> str:
    """The story with each claim marked in its status's colour.

    Text is cut at every span edge, so overlapping claims become flat runs, each in the colour of
    the most serious status covering it; spans that do not fit the text are left unmarked.
    """
    text = result.story.text
    spans = [
        (f.claim.span[0], f.claim.span[1], n, f.state)
        for n, f in enumerate(result.findings, 1)
        if 0 <= f.claim.span[0] < f.claim.span[1] <= len(text)
    ]
    edges = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[str] = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [(n, v) for s, e, n, v in spans if s <= start and end <= e]
        if not covering:
            out.append(html.escape(text[start:end]))
            continue
        worst = max((v for _, v in covering), key=lambda v: _STATUS_SEVERITY.get(v, 0))
        title = "; ".join(f"claim {n}: {v}" for n, v in covering)
        out.append(_mark(text[start:end], worst, title))
        out += [f"<sup>{n}</sup>" for s, e, n, _ in spans if e == end]
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="border:1px solid #ddd;padding:1rem;border-radius:.4rem;line-height:1.7">{body}</div>'


def _marked_sentence(sentence: str, words: str, verdict: str) -> str:
    """A source sentence with the figure's own words marked (first occurrence), all text escaped."""
    at = sentence.find(words) if words else -1
    if at < 0:
        return html.escape(sentence)
    end = at + len(words)
    return html.escape(sentence[:at]) + _mark(sentence[at:end], verdict) + html.escape(sentence[end:])


def _relation_verdict(relation: str) -> str:
    """Colour evidence by what it does to the story's claim."""
    return {"agrees": "agrees", "conflicts": "conflicts", "updates": "conflicts"}.get(relation, "other")


def findings_rows(result: CheckResult) -> list[dict[str, Any]]:
    """One table row per claim, in the story's order."""
    return [
        {
            "#": n,
            "verdict": f.verdict,
            "status": f.state,
            "kind": f.claim.kind,
            "story figure": figure_label(f.claim.value, stance=f.claim.stance, actor=f.claim.actor),
            "consensus": describe_range(f.consensus) if f.consensus else "",
            "latest": latest_line(f),
            "sources": source_count(f),
            "reason": f.reason,
        }
        for n, f in enumerate(result.findings, 1)
    ]


def _untold_html(untold: Sequence[Untold]) -> str:
    items = []
    for u in untold:
        c = u.claim
        what = f"{c.actor} {c.stance}" if c.kind == "responsibility" else f"{c.kind}: {figure_label(c.value, stance=c.stance)}"
        outlets = ", ".join(dict.fromkeys(e.outlet for e in u.sources))
        items.append(
            f"<li><b>{html.escape(what)}</b> — <q>{html.escape(c.sentence)}</q> "
            f"<small>({html.escape(outlets)}, {html.escape(format_time(u.sources[0].published))})</small></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _timeline_points(result: CheckResult, finding: Finding) -> list[dict[str, Any]]:
    """Numeric points for the chart: the story's figure and each dated source's, with open bounds
    drawn at the bound that is known."""

    def point(value: Range | None, when: Any, outlet: str, relation: str, label: str) -> dict[str, Any] | None:
        if value is None or when is None or (value.low is None and value.high is None):
            return None
        low = value.low if value.low is not None else value.high
        high = value.high if value.high is not None else value.low
        return {"published": when, "outlet": outlet, "low": low, "high": high, "relation": relation, "figure": label}

    claim = finding.claim
    story = result.story
    points = [
        point(claim.value, story.published, story.outlet or "this story", "story", figure_label(claim.value))
    ]
    points += [point(e.value, e.published, e.outlet, e.relation, figure_label(e.value)) for e in finding.evidence]
    return [p for p in points if p is not None]


def timeline_chart(result: CheckResult, finding: Finding) -> alt.LayerChart | alt.FacetChart | None:
    """How the figure moved across sources over time; None when fewer than two dated figures exist."""
    points = _timeline_points(result, finding)
    if len(points) < 2:
        return None
    data = alt.Data(values=[{**p, "published": p["published"].isoformat()} for p in points])
    relations = sorted({p["relation"] for p in points})
    base = alt.Chart(data).encode(
        x=alt.X("published:T", title="published", scale=alt.Scale(padding=24)),
        color=alt.Color(
            "relation:N",
            title="relation",
            scale=alt.Scale(domain=relations, range=[RELATION_COLOUR.get(r, "#777") for r in relations]),
        ),
        tooltip=["outlet:N", "published:T", "figure:N", "relation:N"],
    )
    bars = base.mark_rule(strokeWidth=6, opacity=0.5).encode(y=alt.Y("low:Q", title=finding.claim.kind), y2="high:Q")
    dots = base.mark_point(filled=True, size=90).encode(y="high:Q", shape="relation:N")
    return alt.layer(bars, dots).properties(height=240)


def _evidence_html(evidence: Evidence) -> str:
    words = evidence.value.text if evidence.value else (evidence.actor or "")
    figure = figure_label(evidence.value, stance=evidence.stance, actor=evidence.actor)
    facts = [
        f"<b>{html.escape(evidence.outlet or 'unknown outlet')}</b>",
        html.escape(format_time(evidence.published)),
        f"relation: <b>{html.escape(evidence.relation)}</b>",
        f"similarity {evidence.similarity:.1f}",
    ]
    if not evidence.independent:
        facts.append("repeats another report")
    note = f"<br><small>{html.escape(evidence.note)}</small>" if evidence.note else ""
    return (
        f"<p>{' · '.join(facts)}<br>figure: {html.escape(figure)}<br>"
        f"<q>{_marked_sentence(evidence.sentence, words, _relation_verdict(evidence.relation))}</q>{note}</p>"
    )


def _story_sentence_html(result: CheckResult, finding: Finding) -> str:
    claim = finding.claim
    words = result.story.text[claim.span[0] : claim.span[1]] if claim.span[1] <= len(result.story.text) else ""
    return _marked_sentence(claim.sentence, words, finding.verdict)


def finding_details(result: CheckResult, n: int, finding: Finding) -> None:
    """One claim: the story's sentence beside the evidence, the reason, and the figure's timeline."""
    claim = finding.claim
    figure = figure_label(claim.value, stance=claim.stance, actor=claim.actor)
    title = f"{n}. {claim.kind}: {figure} — {finding.verdict} ({finding.state})"
    icon = VERDICT_ICON.get(finding.verdict)
    with st.expander(plain(title), expanded=finding.verdict == "conflicts", icon=icon):
        status = _mark(finding.state, finding.state, STATUS_MEANINGS.get(finding.state, ""))
        latest = f" · <b>Latest:</b> {html.escape(latest_line(finding))}" if latest_line(finding) else ""
        st.html(f"<p>{status} {html.escape(STATUS_MEANINGS.get(finding.state, ''))}{latest}<br><b>Reason:</b> {html.escape(finding.reason)}</p>")
        left, right = st.columns([2, 3])
        with left:
            st.caption("Story")
            st.html(f"<q>{_story_sentence_html(result, finding)}</q>")
            if finding.consensus:
                st.caption(f"Consensus of sources: {describe_range(finding.consensus)}")
        with right:
            st.caption("Evidence")
            if finding.evidence:
                st.html("".join(_evidence_html(e) for e in finding.evidence))
            else:
                st.write("No source in the library speaks to this claim.")
        chart = timeline_chart(result, finding)
        if chart is not None:
            st.altair_chart(chart, width="stretch")


def verdict_metrics(result: CheckResult) -> None:
    """Counts first: an editor wants to know at once whether anything conflicts."""
    counts = result.summary
    columns = st.columns(len(VERDICTS) + 1)
    for column, verdict in zip(columns, VERDICTS, strict=False):
        column.metric(verdict, counts.get(verdict, 0))
    columns[-1].metric("sources", counts["sources"])


def check_result(result: CheckResult, *, key: str) -> None:
    """The whole result of a check; ``key`` prefixes the filter widgets so pages do not collide."""
    verdict_metrics(result)
    st.caption(summary_line(result))
    if result.dated_by_check:
        st.caption(f"The story gave no date: its figures were read as of the check ({format_time(result.checked_at)}).")
    st.html(status_legend_html())
    st.html(marked_story_html(result))
    st.subheader("Findings")
    kinds = sorted({f.claim.kind for f in result.findings})
    left, right = st.columns(2)
    verdicts = left.multiselect("Verdict", VERDICTS, default=list(VERDICTS), key=f"{key}_verdicts")
    chosen_kinds = right.multiselect("Kind", kinds, default=kinds, key=f"{key}_kinds")
    rows = [r for r in findings_rows(result) if r["verdict"] in verdicts and r["kind"] in chosen_kinds]
    st.dataframe(rows, hide_index=True)
    shown = {r["#"] for r in rows}
    for n, finding in enumerate(result.findings, 1):
        if n in shown:
            finding_details(result, n, finding)
    if result.untold:
        st.subheader("What the sources say that the story does not")
        st.html(_untold_html(result.untold))
    if result.own_copies:
        st.subheader("The story's own copies (never evidence)")
        st.html(
            "<ul>" + "".join(
                f"<li>{html.escape(o.outlet)}, {html.escape(format_time(o.published))}: {html.escape(o.why)} "
                f"<small>{html.escape(o.url)}</small></li>" for o in result.own_copies
            ) + "</ul>"
        )  # fmt: skip


def download_buttons(result: CheckResult, *, stem: str, key: str, formats: Sequence[str] = tuple(FORMATS)) -> None:
    """One download button per export format, named the way ``verifier check -o`` would name it."""
    columns = st.columns(len(formats))
    for column, name in zip(columns, formats, strict=False):
        fmt = FORMATS[name]
        column.download_button(
            f"Download {_EXPORT_LABELS.get(name, name)}",
            data=export(result, name),
            file_name=f"{stem}{fmt.extension}",
            mime=fmt.mime,
            key=f"{key}_download_{name}",
            on_click="ignore",
        )


def table_picker(
    rows: Sequence[dict[str, Any]],
    *,
    label: str,
    describe: Callable[[dict[str, Any]], str],
    key: str,
    first: bool = False,
) -> int | None:
    """A listing and a chooser under it: the table to scan, the select box to open one row by ``id``.

    ``first`` preselects the first row (the newest check); otherwise nothing opens until chosen.
    """
    st.dataframe(list(rows), hide_index=True)
    labels = {row["id"]: describe(row) for row in rows}
    return st.selectbox(
        label, list(labels), format_func=labels.__getitem__, index=0 if first and labels else None, key=key
    )
