"""Rendering shared by the pages: a check result, its evidence and its downloads.

Story and source text is untrusted (web pages, uploaded files). Markup is built here around text
that went through :func:`html.escape`, with colours from fixed tables, never from data, and shown
with ``st.html``, which does no Markdown processing (so a source's ``[link](…)`` or ``$…$`` stays
words). Labels, titles and messages, which Streamlit renders as Markdown, go through :func:`plain`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import altair as alt
import streamlit as st

from ui.charts import overview_chart, timeline_chart
from verifier import VerifierError
from verifier.dates import spell_out
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
from verifier.review import Review
from verifier.types import STATUSES, VERDICTS, CheckResult, Evidence, Finding, Untold

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
_SEVERITY = {"conflicts": 3, "unverified": 2, "agrees": 1}
# Material icons ship with Streamlit, so they render where no emoji font is installed.
VERDICT_ICON = {"agrees": ":material/check_circle:", "conflicts": ":material/cancel:", "unverified": ":material/help:"}
_EXPORT_LABELS = {"csv": "CSV", "json": "JSON", "md": "Markdown", "html": "HTML"}
# Evidence shown per finding before "Show all": a claim at a newsroom's scale can have hundreds of
# sources, and drawing every one would slow each rerun of the page (issue 9).
EVIDENCE_SHOWN = 5
# What the words on the page mean, said once beside the findings.
TERMS: dict[str, str] = {
    "verdict": "agrees, conflicts or unverified: whether the library's sources back the story's claim.",
    "status": "what kind of agreement or conflict it is (the coloured marks in the story, legend above).",
    "relation": (
        "what one source's figure does to the story's: agrees; conflicts (a source of the same moment "
        "disagrees); updates (a later report changed the figure); superseded (an earlier figure that "
        "later reports changed, never a conflict); context (about something else, shown for reference)."
    ),
    "wording alike": (
        "how much of the story's sentence the source's sentence shares, 0 to 100% (rapidfuzz token-set "
        "similarity). It tells whether two sentences are about the same fact; it is not a confidence."
    ),
    "consensus": (
        "the range the sources' current figures span: lowest from the outlets rated reliable, highest "
        "overall, and the middle (\"best\") figure, counting each wire story once."
    ),
    "latest": "the newest current figure and who gave it when.",
    "repeats another report": "a copy of another outlet's wire story: shown, but not counted as independent.",
    "times": "every time is UTC.",
}


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


def time_read_back(value: str) -> None:
    """How a typed publication time was read ("Reads as Friday 14 March 2025, 16:00 UTC"), so a date
    is never taken in a way the editor did not mean; a time that cannot be read is said at once."""
    from ui.services import parse_optional_time

    if not value.strip():
        return
    try:
        when = parse_optional_time(value)
    except VerifierError as exc:
        st.warning(plain(str(exc)))
        return
    if when is not None:
        st.caption(f"Reads as {spell_out(when)}")


def day_bound(day: date | None, *, end: bool) -> datetime | None:
    """A date picker's day as a UTC time: its first moment, or with ``end`` its last; None when no day is picked."""
    return None if day is None else datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


def page_number(total: int, size: int, *, key: str) -> int:
    """Which page of ``size`` rows to show; a chooser appears once there is more than one page.

    A page past the end (the filters now match fewer rows) becomes the last one.
    """
    pages = max(1, -(-total // size))
    if pages == 1:
        return 1
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = pages
    return int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=key))


def shown_range(offset: int, shown: int, total: int) -> str:
    """"; showing 51–100, newest first" under a list that has more than one page, else ""."""
    return f"; showing {offset + 1:,}–{offset + shown:,}, newest first" if shown < total else ""


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
    numbers = "<small>Small raised numbers after a mark number the findings below.</small>"
    return f'<p style="line-height:2"><b>Legend</b> — each claim in the story is marked by its status: {items}<br>{numbers}</p>'


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


def safe_href(url: str) -> str | None:
    """The URL when a browser may follow it from our page: only http(s) with a host, never
    ``javascript:``, ``data:`` or a scheme-relative trick."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def link_html(label: str, url: str) -> str:
    """``label`` escaped, linked to ``url`` when that is a safe http(s) address (in a new tab, with no
    referrer or opener handed to the source's site); plain escaped text otherwise."""
    href = safe_href(url)
    if href is None:
        return html.escape(label)
    return f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'


def _evidence_html(evidence: Evidence) -> str:
    words = evidence.value.text if evidence.value else (evidence.actor or "")
    figure = figure_label(evidence.value, stance=evidence.stance, actor=evidence.actor)
    facts = [
        f"<b>{link_html(evidence.outlet or 'unknown outlet', evidence.url)}</b>",
        html.escape(format_time(evidence.published)),
        f"relation: <b>{html.escape(evidence.relation)}</b>",
        f"wording {evidence.similarity:.0f}% alike",
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


def finding_details(result: CheckResult, n: int, finding: Finding, *, key: str) -> None:
    """One claim: the story's sentence beside the evidence, the reason, and the figure's timeline.

    Only the first ``EVIDENCE_SHOWN`` sources are drawn until the editor asks for all of them.
    """
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
                best = finding.consensus.text.strip()
                st.caption(f"Consensus of sources: {describe_range(finding.consensus)}" + (f" ({best})" if best else ""))
        with right:
            st.caption("Evidence")
            evidence = finding.evidence
            if len(evidence) > EVIDENCE_SHOWN:
                label = f"Show all {source_count(finding)} sources" if source_count(finding) == len(evidence) else (
                    f"Show all {len(evidence)} evidence sentences"
                )
                if not st.toggle(label, key=f"{key}_all_{n}"):
                    evidence = evidence[:EVIDENCE_SHOWN]
                    st.caption(f"The first {EVIDENCE_SHOWN} of {len(finding.evidence)}.")
            if evidence:
                st.html("".join(_evidence_html(e) for e in evidence))
            else:
                st.write("No source in the library speaks to this claim.")
        chart_of(result, n)


# ``chart_spec``'s number of the overview chart; finding n's timeline is n (from 1).
OVERVIEW = 0
# Checks whose charts are kept (the check page's, a review's and its re-run, a report or two).
CHARTS_KEPT = 8


def _result_identity(result: CheckResult) -> str:
    """One check among those the server holds: when it ran, on what text, against which library,
    with what outcome (a result is never changed once made)."""
    summary = sorted(result.summary.items())
    return f"{result_key(result, 'charts')}|{result.settings.get('library', '')}|{summary}|{len(result.findings)}"


@st.cache_data(show_spinner=False, max_entries=CHARTS_KEPT * 40, hash_funcs={CheckResult: _result_identity})
def chart_spec(result: CheckResult, n: int) -> dict[str, Any] | None:
    """The Vega-Lite spec of one chart of a check (``OVERVIEW``, or finding ``n``'s timeline), or None
    when it has nothing to draw. Built once per check and kept: a page's every rerun (a filter, a
    toggle, a name typed) would otherwise build and validate each chart again, some 30 ms a chart
    (a tenth of a second and more for a check of a newsroom's library). The spec is what
    ``st.altair_chart`` would send: Altair's default theme off, so Streamlit's applies. It is not
    validated against the Vega-Lite schema here (about 35 ms a chart, before the first finding can
    show): the charts are built by fixed code, and ``tests/test_charts.py`` validates them."""
    chart = overview_chart(result) if n == OVERVIEW else timeline_chart(result, result.findings[n - 1])
    if chart is None:
        return None
    with alt.theme.enable("none"):
        spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def chart_of(result: CheckResult, n: int) -> None:
    """Draw ``chart_spec(result, n)`` across the page's width, if there is one."""
    spec = chart_spec(result, n)
    if spec is not None:
        st.vega_lite_chart(spec, width="stretch")


def verdict_metrics(result: CheckResult) -> None:
    """Counts first: an editor wants to know at once whether anything conflicts."""
    counts = result.summary
    columns = st.columns(len(VERDICTS) + 1)
    for column, verdict in zip(columns, VERDICTS, strict=False):
        column.metric(verdict, counts.get(verdict, 0))
    columns[-1].metric("sources", counts["sources"])


def result_key(result: CheckResult, key: str) -> str:
    """Widget keys of one check: the filters of one result must not carry over to the next, whose
    claims may be of other kinds (a kept "Kind" selection hid new kinds while the counts had them)."""
    identity = f"{result.checked_at.isoformat() if result.checked_at else ''}|{result.story.text}"
    return f"{key}_{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:12]}"


def terms_explained() -> None:
    """The words of the findings, said once: an editor should not have to guess what "similarity" is."""
    with st.expander("What the terms mean", icon=":material/info:"):
        st.html("<dl>" + "".join(f"<dt><b>{html.escape(t)}</b></dt><dd>{html.escape(m)}</dd>" for t, m in TERMS.items()) + "</dl>")


def check_result(result: CheckResult, *, key: str) -> None:
    """The whole result of a check; ``key`` prefixes the widgets so pages do not collide, and each
    check gets keys of its own (``result_key``)."""
    key = result_key(result, key)
    verdict_metrics(result)
    st.caption(summary_line(result))
    if result.dated_by_check:
        st.caption(f"The story gave no date: its figures were read as of the check ({format_time(result.checked_at)}).")
    st.html(status_legend_html())
    st.html(marked_story_html(result))
    if chart_spec(result, OVERVIEW) is not None:
        st.subheader("All the story's figures against the sources'")
        st.caption(
            "One row per figure: the story's is the diamond, each source's in the colour and shape of what it "
            "does to it. A hollow mark with a dashed line and an arrowhead is an open bound (\"at least 8\")."
        )
        chart_of(result, OVERVIEW)
    st.subheader("Findings")
    terms_explained()
    kinds = sorted({f.claim.kind for f in result.findings})
    left, right = st.columns(2)
    verdicts = left.multiselect("Verdict", VERDICTS, default=list(VERDICTS), key=f"{key}_verdicts")
    chosen_kinds = right.multiselect("Kind", kinds, default=kinds, key=f"{key}_kinds")
    rows = [r for r in findings_rows(result) if r["verdict"] in verdicts and r["kind"] in chosen_kinds]
    st.dataframe(rows, hide_index=True)
    shown = {r["#"] for r in rows}
    for n, finding in enumerate(result.findings, 1):
        if n in shown:
            finding_details(result, n, finding, key=key)
    if result.untold:
        st.subheader("What the sources say that the story does not")
        st.html(_untold_html(result.untold))
    if result.own_copies:
        st.subheader("The story's own copies (never evidence)")
        st.html(
            "<ul>" + "".join(
                f"<li>{link_html(o.outlet, o.url)}, {html.escape(format_time(o.published))}: {html.escape(o.why)} "
                f"<small>{html.escape(o.url)}</small></li>" for o in result.own_copies
            ) + "</ul>"
        )  # fmt: skip


def _export_file(result: CheckResult, name: str, review: Review | None = None) -> bytes:
    """One export's file as the browser saves it: UTF-8 bytes (the CSV export starts with its BOM)."""
    return export(result, name, review=review).encode("utf-8")


def download_buttons(
    result: CheckResult,
    *,
    stem: str,
    key: str,
    formats: Sequence[str] = tuple(FORMATS),
    review: Review | None = None,
) -> None:
    """One download button per export format, named the way ``verifier check -o`` would name it,
    with the editors' ``review`` in each file when given.

    Each file is built when its button is clicked, not on every rerun of the page: a report of a
    check with many sources takes time to write, four times over (issue 9).
    """
    columns = st.columns(len(formats))
    for column, name in zip(columns, formats, strict=False):
        fmt = FORMATS[name]
        column.download_button(
            f"Download {_EXPORT_LABELS.get(name, name)}",
            data=partial(_export_file, result, name, review),
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
