"""Discrepancy report exports of a check: JSON, CSV, Markdown and a self-contained HTML page.

Every export is a pure function of a :class:`~verifier.types.CheckResult` that returns text; writing
files, offering downloads and mailing pages is the caller's job. ``FORMATS`` is the one table the
command line and the app read to offer the same exports with the same names, extensions and types.

Story and source text is untrusted (it comes from web pages and files an editor did not write), so
each export neutralises what its reader would otherwise execute:

- CSV: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after
  leading whitespace) is prefixed with ``'``, so a spreadsheet shows it as text instead of running it
  as a formula. This includes plain negative numbers: a cell cannot be told safe by its looks.
- Markdown: characters that make links, emphasis, inline HTML or table cells are backslash-escaped
  and line breaks inside a cell become spaces, so a source sentence renders as the words it holds.
- HTML: every piece of text goes through :func:`html.escape`; links are made only for ``http(s)``
  URLs; the page carries no scripts and a Content-Security-Policy that forbids them anyway.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import NamedTuple
from urllib.parse import urlsplit

from .errors import InputError
from .types import STATUSES, VERDICTS, CheckResult, Claim, Evidence, Finding, Range, Untold

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "STATUS_MEANINGS",
    "ExportFormat",
    "TimelineEntry",
    "describe_range",
    "csv_cell",
    "export",
    "figure_label",
    "latest_line",
    "format_time",
    "summary_line",
    "timeline",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
]


# ---------------------------------------------------------------------------------------------
# Presentation helpers shared by the exports
# ---------------------------------------------------------------------------------------------

_NO_FIGURE = "—"

# What each status tells an editor: the legend of every export and of the app.
STATUS_MEANINGS: dict[str, str] = {
    "contradicted": "a source of the same moment gives another figure or stance",
    "updated": "a later report changed the figure the story had when it was published",
    "confirmed": "sources pin the story's figure",
    "partial": "sources support only part of it (an open bound, a sub-group, possibly another incident)",
    "unverified": "no source speaks to it",
}


def latest_line(finding: Finding) -> str:
    """The best current figure and who gave it when: "10 (The News, 23 Nov 2020 00:00 UTC)"."""
    e = finding.newer or finding.current
    if e is None:
        return ""
    return f"{_evidence_figure(e)} ({e.outlet or 'unknown outlet'}, {format_time(e.published)})"


def _untold_line(u: Untold) -> str:
    c = u.claim
    what = f"{c.actor} {c.stance}" if c.kind == "responsibility" else f"{c.kind} {figure_label(c.value, stance=c.stance)}"
    outlets = ", ".join(dict.fromkeys(e.outlet for e in u.sources))
    return f"{what}: {_one_line(c.sentence)} ({outlets}, {format_time(u.sources[0].published)})"


def _number(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def describe_range(value: Range | None) -> str:
    """The bounds as an editor reads them (``30``, ``≥ 8``, ``8–10``), whatever words gave them.

    >>> describe_range(Range(8, None, "at_least", "at least eight"))
    '≥ 8'
    >>> describe_range(Range(2000, None, "more_than"))
    '> 2,000'
    """
    if value is None or (value.low is None and value.high is None):
        return _NO_FIGURE
    if value.low is not None and value.high is not None:
        if value.low == value.high:
            return _number(value.low)
        return f"{_number(value.low)}–{_number(value.high)}"
    if value.low is not None:
        return f"{'>' if value.qualifier == 'more_than' else '≥'} {_number(value.low)}"
    assert value.high is not None
    return f"{'<' if value.qualifier == 'less_than' else '≤'} {_number(value.high)}"


def figure_label(value: Range | None, *, stance: str = "", actor: str = "") -> str:
    """The original words beside the range we read, so a misreading is visible at a glance.

    Attribution claims carry no number; their "figure" is who said what (``Taliban denied``).

    >>> figure_label(Range(8, None, "at_least", "at least eight"))
    'at least eight (≥ 8)'
    >>> figure_label(Range(30, 30, "exact", "30"))
    '30'
    >>> figure_label(None, stance="denied", actor="Taliban")
    'Taliban denied'
    """
    if value is None:
        return " ".join(part for part in (actor, stance) if part) or _NO_FIGURE
    bounds = describe_range(value)
    words = " ".join(value.text.split())
    if not words or words == bounds:
        return bounds
    return f"{words} ({bounds})"


def _claim_figure(claim: Claim) -> str:
    return figure_label(claim.value, stance=claim.stance, actor=claim.actor)


def _evidence_figure(evidence: Evidence) -> str:
    return figure_label(evidence.value, stance=evidence.stance, actor=evidence.actor)


def format_time(when: datetime | None) -> str:
    """Minutes and zone are what an editor compares; seconds and ISO ``T`` only add noise."""
    if when is None:
        return "undated"
    zone = when.tzname()
    return when.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")


def _iso(when: datetime | None) -> str:
    return when.isoformat() if when else ""


def source_count(finding: Finding) -> int:
    """How many reports speak to a claim: a report that gives a figure twice is still one source."""
    return len({(e.report_id, e.outlet, e.url, e.published) for e in finding.evidence})


def summary_line(result: CheckResult) -> str:
    """One sentence of counts, for the top of every human-readable export.

    >>> from verifier.types import Document
    >>> summary_line(CheckResult(Document("text"), (), sources=2))
    '0 claims checked against 2 sources: 0 agree, 0 conflict, 0 unverified.'
    """
    counts = result.summary
    claims, sources = counts["claims"], counts["sources"]
    return (
        f"{claims} claim{'s' * (claims != 1)} checked against {sources} source{'s' * (sources != 1)}: "
        f"{counts['agrees']} agree, {counts['conflicts']} conflict, {counts['unverified']} unverified."
    )


class TimelineEntry(NamedTuple):
    """One point of a figure's history: who reported what, when, and how it relates to the story."""

    published: datetime | None
    outlet: str
    figure: str
    relation: str


def _time_key(entry: TimelineEntry) -> tuple[bool, float]:
    """Undated reports go last; naive times are read as UTC so they sort beside aware ones."""
    if entry.published is None:
        return (True, 0.0)
    when = entry.published if entry.published.tzinfo else entry.published.replace(tzinfo=UTC)
    return (False, when.timestamp())


def timeline(result: CheckResult, finding: Finding) -> list[TimelineEntry]:
    """The story's figure and every source's, oldest first, to show how a count moved over time."""
    story = result.story
    entries = [
        TimelineEntry(story.published, story.outlet or "this story", _claim_figure(finding.claim), "story")
    ]
    entries += [
        TimelineEntry(e.published, e.outlet, _evidence_figure(e), e.relation) for e in finding.evidence
    ]
    return sorted(entries, key=_time_key)


def _report_title(result: CheckResult) -> str:
    return f"Discrepancy report: {result.story.title or 'untitled story'}"


def _story_facts(result: CheckResult) -> list[tuple[str, str]]:
    """What we know of the story, as (label, plain value), in the order every header shows it."""
    story = result.story
    facts = [("Outlet", story.outlet)] if story.outlet else []
    if story.published:
        facts.append(("Published", format_time(story.published)))
    else:
        facts.append(("Published", "no date given: figures read as of the check"))
    facts.append(("Checked", format_time(result.checked_at)))
    if story.url:
        facts.append(("URL", story.url))
    return facts


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def to_json(result: CheckResult) -> str:
    """The JSON contract the eval scorer and other tools read (``../shared/eval/README.md``)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "kind",
    "story_figure",
    "story_sentence",
    "verdict",
    "status",
    "reason",
    "consensus",
    "latest",
    "outlet",
    "published",
    "source_figure",
    "relation",
    "similarity",
    "independent",
    "source_sentence",
    "note",
    "url",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """``value`` safe for a spreadsheet cell: one that would run as a formula is prefixed with ``'``.

    Spreadsheets run a cell as a formula from its first non-blank character, so look past blanks.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("  -3"), csv_cell("Wire")
    ("'=HYPERLINK(1)", "'  -3", 'Wire')
    """
    if value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _claim_cells(finding: Finding) -> list[str]:
    claim = finding.claim
    return [
        claim.id,
        claim.kind,
        _claim_figure(claim),
        claim.sentence,
        finding.verdict,
        finding.state,
        finding.reason,
        describe_range(finding.consensus) if finding.consensus else "",
        latest_line(finding),
    ]


def _evidence_cells(evidence: Evidence | None) -> list[str]:
    if evidence is None:
        return [""] * 9
    return [
        evidence.outlet,
        _iso(evidence.published),
        _evidence_figure(evidence),
        evidence.relation,
        f"{evidence.similarity:.1f}",
        "yes" if evidence.independent else "no",
        evidence.sentence,
        evidence.note,
        evidence.url,
    ]


def _csv_rows(result: CheckResult) -> Iterable[list[str]]:
    for finding in result.findings:
        claim_cells = _claim_cells(finding)
        for evidence in finding.evidence or (None,):
            yield claim_cells + _evidence_cells(evidence)
    # what the sources say that the story does not: no story figure, no verdict, status "untold"
    for n, u in enumerate(result.untold, 1):
        cells = [f"untold-{n}", u.claim.kind, "", "", "", "untold", "the sources say this; the story does not", "", ""]
        for evidence in u.sources:
            yield cells + _evidence_cells(evidence)
    for copy in result.own_copies:
        yield ["own-copy", "", "", "", "", "own copy", f"the story itself ({copy.why}): never evidence", "", "",
               copy.outlet, _iso(copy.published), "", "own copy", "", "", "", "", copy.url]


def to_csv(result: CheckResult, *, bom: bool = False) -> str:
    """One row per (claim, evidence) pair, and one row for a claim no source speaks to.

    ``bom=True`` starts the text with a byte-order mark, which Excel needs to read UTF-8 accents
    right. Rows end with CRLF (RFC 4180): write the text with ``newline=""``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(result):
        writer.writerow([csv_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_BLOCK_START = re.compile(r"^(#|>|[-+]|\d+(?=[.)]))")


def _md(text: str) -> str:
    """Untrusted words rendered as words: no links, emphasis, inline HTML or broken table cells, and
    no heading, quote or list when the words open a line (a quoted sentence or a heading does)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _one_line(text))
    return _MD_BLOCK_START.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], escaped)


def _md_url(url: str) -> str:
    href = _safe_href(url)
    return f"<{href}>" if href and not re.search(r"[<>\s]", href) else _md(url)


def _md_header(result: CheckResult) -> list[str]:
    facts = (f"**{label}:** {_md_url(v) if label == 'URL' else _md(v)}" for label, v in _story_facts(result))
    return [f"# {_md(_report_title(result))}", "", " · ".join(facts), ""]


def _md_table(result: CheckResult) -> list[str]:
    lines = ["| # | Kind | Story figure | Verdict | Status | Reason | Sources |", "|---|---|---|---|---|---|---|"]
    for n, f in enumerate(result.findings, 1):
        cells = (
            str(n),
            _md(f.claim.kind),
            _md(_claim_figure(f.claim)),
            _md(f.verdict),
            _md(f.state),
            _md(f.reason),
            str(source_count(f)),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_evidence(evidence: Evidence) -> str:
    parts = [
        f"- **{_md(evidence.outlet) or 'unknown outlet'}**, {format_time(evidence.published)}: "
        f"{_md(_evidence_figure(evidence))} ({_md(evidence.relation)}, similarity {evidence.similarity:.1f})",
        f" — “{_md(evidence.sentence)}”",
    ]
    if evidence.note:
        parts.append(f" — {_md(evidence.note)}")
    if evidence.url:
        parts.append(f" — {_md_url(evidence.url)}")
    return "".join(parts)


def _md_claim(n: int, finding: Finding) -> list[str]:
    claim = finding.claim
    lines = [
        f"## {n}. {_md(claim.kind)}: {_md(finding.verdict)} ({_md(finding.state)})",
        "",
        f"> {_md(claim.sentence)}",
        "",
        f"**Story figure:** {_md(_claim_figure(claim))} · **Consensus:** {describe_range(finding.consensus)}"
        + (f" · **Latest:** {_md(latest_line(finding))}" if latest_line(finding) else ""),
        "",
        f"**Reason:** {_md(finding.reason)}",
        "",
    ]
    if finding.evidence:
        lines += ["**Evidence:**", "", *(_md_evidence(e) for e in finding.evidence), ""]
    else:
        lines += ["No source speaks to this claim.", ""]
    return lines


def to_markdown(result: CheckResult) -> str:
    """A report to paste into a ticket, a chat or a CMS note, readable raw and rendered."""
    lines = _md_header(result) + [summary_line(result), "", *_md_table(result), ""]
    lines += ["**Status:** " + " · ".join(f"*{s}*: {m}" for s, m in STATUS_MEANINGS.items()), ""]
    for n, finding in enumerate(result.findings, 1):
        lines += _md_claim(n, finding)
    if result.untold:
        lines += ["## What the sources say that the story does not", "", *(f"- {_md(_untold_line(u))}" for u in result.untold), ""]
    if result.own_copies:
        lines += ["## The story's own copies (never evidence)", ""]
        lines += [f"- {_md(o.outlet)}, {format_time(o.published)}: {_md(o.why)} {_md_url(o.url)}".rstrip() for o in result.own_copies]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; color: #1a1a1a; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, table, .meta, .counts, .legend { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #555; margin-top: 0; }
.counts { font-weight: 600; }
.story { white-space: pre-wrap; border: 1px solid #ddd; padding: 1rem; background: #fcfcfc; }
mark { padding: 0 .1em; color: inherit; }
mark.v-agrees { background: #d3f0d8; border-bottom: 2px solid #2e7d32; }
mark.v-conflicts { background: #f9d0d3; border-bottom: 3px double #b3261e; }
mark.v-unverified { background: #fff0c2; border-bottom: 2px dashed #8a6d00; }
mark.v-other { background: #e4e4e4; border-bottom: 2px dotted #555; }
sup.ref { font-size: .7em; font-family: system-ui, sans-serif; }
.badge { font-family: system-ui, sans-serif; font-size: .85em; padding: .05em .4em; border-radius: .3em; }
.badge.v-agrees { background: #d3f0d8; } .badge.v-conflicts { background: #f9d0d3; }
.badge.v-unverified { background: #fff0c2; } .badge.v-other { background: #e4e4e4; }
.badge.s-contradicted { background: #b3261e; color: #fff; } .badge.s-updated { background: #e8a33d; }
.badge.s-confirmed { background: #2e7d32; color: #fff; } .badge.s-partial { background: #a5d6a7; }
.badge.s-unverified { background: #fff0c2; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; white-space: nowrap; }
.side { display: grid; grid-template-columns: minmax(12rem, 1fr) 2fr; gap: 1rem; }
blockquote { margin: 0; padding: .5rem .8rem; border-left: 4px solid #999; background: #f7f7f7; }
article { border-top: 1px solid #bbb; padding-top: .5rem; margin-top: 1.5rem; }
.url { word-break: break-all; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; }
  mark, .badge, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .side { display: block; }
  article { break-inside: avoid-page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a.url::after { content: " (" attr(href) ")"; }
  sup.ref a::after { content: none; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_SEVERITY = {"conflicts": 3, "unverified": 2, "agrees": 1}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _verdict_class(verdict: str) -> str:
    """Class names come from a fixed list, never from the data, so no value can reach the markup."""
    return f"v-{verdict}" if verdict in VERDICTS else "v-other"


def _badge(verdict: str) -> str:
    return f'<span class="badge {_verdict_class(verdict)}">{_e(verdict)}</span>'


def _status_badge(status: str) -> str:
    """Class names from the fixed list of statuses, as for verdicts."""
    css = f"s-{status}" if status in STATUSES else "v-other"
    return f'<span class="badge {css}" title="{_e(STATUS_MEANINGS.get(status, ""))}">{_e(status)}</span>'


def _safe_href(url: str) -> str | None:
    """Only plain web addresses become links: no ``javascript:``, ``data:`` or hidden control bytes."""
    url = url.strip()
    if not url or re.search(r"[\x00-\x20\x7f]", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _html_url(url: str, label: str = "") -> str:
    """A link on ``label`` (or the address) for a web address; anything else is shown, not linked."""
    href = _safe_href(url)
    if href is not None:
        return f'<a class="url" href="{_e(href)}" rel="noopener noreferrer nofollow">{_e(label or url)}</a>'
    shown = [_e(label)] if label else []
    if url:
        shown.append(f'<span class="url">{_e(url)}</span>')
    return " ".join(shown)


def _valid_spans(result: CheckResult) -> list[tuple[int, int, int]]:
    """Claim spans that fit the story text, as (start, end, claim number); others are not marked."""
    size = len(result.story.text)
    spans = []
    for n, finding in enumerate(result.findings, 1):
        start, end = finding.claim.span
        if 0 <= start < end <= size:
            spans.append((start, end, n))
    return spans


def _segment_mark(segment: str, numbers: Sequence[int], result: CheckResult) -> str:
    """A stretch covered by one or more claims, in the colour of the most serious verdict among them."""
    verdicts = [result.findings[n - 1].verdict for n in numbers]
    worst = max(verdicts, key=lambda v: _SEVERITY.get(v, 0))
    title = "; ".join(f"claim {n}: {v}" for n, v in zip(numbers, verdicts, strict=True))
    return f'<mark class="{_verdict_class(worst)}" title="{_e(title)}">{_e(segment)}</mark>'


def _ref(n: int) -> str:
    return f'<sup class="ref"><a href="#claim-{n}">{n}</a></sup>'


def _marked_story(result: CheckResult) -> str:
    """The story with claim spans marked, cut at every span edge so overlapping or nested spans
    become flat, non-nested ``<mark>`` runs: the markup stays balanced and no claim loses its mark.
    Each claim's number follows the end of its span, linking to its section."""
    text = result.story.text
    spans = _valid_spans(result)
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [n for s, e, n in spans if s <= start and end <= e]
        segment = text[start:end]
        out.append(_segment_mark(segment, covering, result) if covering else _e(segment))
        out += [_ref(n) for s, e, n in spans if e == end]
    return "".join(out)


def _html_header(result: CheckResult) -> str:
    facts = (f"{label}: {_html_url(v) if label == 'URL' else _e(v)}" for label, v in _story_facts(result))
    legend = " ".join(f'<mark class="{_verdict_class(v)}">{v}</mark>' for v in VERDICTS)
    statuses = " ".join(f"{_status_badge(s)} {_e(m)}" for s, m in STATUS_MEANINGS.items())
    return (
        f"<header><h1>{_e(_report_title(result))}</h1>\n"
        f'<p class="meta">{" · ".join(facts)}</p>\n'
        f'<p class="counts">{_e(summary_line(result))}</p>\n'
        f'<p class="legend">Marks: {legend}</p>\n<p class="legend">Status: {statuses}</p></header>\n'
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table from cells that are already escaped markup; headers are our own words."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def _findings_table(result: CheckResult) -> str:
    rows = (
        (
            f'<a href="#claim-{n}">{n}</a>',
            _e(f.claim.kind),
            _e(_claim_figure(f.claim)),
            _badge(f.verdict),
            _status_badge(f.state),
            _e(f.reason),
            str(source_count(f)),
        )
        for n, f in enumerate(result.findings, 1)
    )
    return _table(("#", "Kind", "Story figure", "Verdict", "Status", "Reason", "Sources"), rows)


def _untold_section(result: CheckResult) -> str:
    """What the sources say that the story does not, and the story's own copies that were set aside."""
    parts = []
    if result.untold:
        items = "\n".join(f"<li>{_e(_untold_line(u))}</li>" for u in result.untold)
        parts.append(f'<section id="untold"><h2>What the sources say that the story does not</h2>\n<ul>\n{items}\n</ul></section>\n')
    if result.own_copies:
        items = "\n".join(
            f"<li>{_e(o.outlet)}, {_e(format_time(o.published))}: {_e(o.why)} {_html_url(o.url)}</li>" for o in result.own_copies
        )
        parts.append(f'<section id="own-copies"><h2>The story\'s own copies (never evidence)</h2>\n<ul>\n{items}\n</ul></section>\n')
    return "".join(parts)


def _story_sentence(result: CheckResult, finding: Finding) -> str:
    """The claim's sentence with its own words marked, when the offsets agree with the sentence."""
    claim = finding.claim
    sentence = claim.sentence
    s0, s1 = claim.span
    offset = claim.sentence_span[0]
    lo, hi = s0 - offset, s1 - offset
    if 0 <= lo < hi <= len(sentence) and sentence[lo:hi] == result.story.text[s0:s1]:
        mark = f'<mark class="{_verdict_class(finding.verdict)}">'
        return f"{_e(sentence[:lo])}{mark}{_e(sentence[lo:hi])}</mark>{_e(sentence[hi:])}"
    return _e(sentence)


def _evidence_table(evidence: Sequence[Evidence]) -> str:
    rows = (
        (
            _html_url(e.url, e.outlet),
            _e(format_time(e.published)),
            _e(_evidence_figure(e)),
            _e(e.relation) + ("" if e.independent else " <small>(repeats another report)</small>"),
            f"{e.similarity:.1f}",
            f"<q>{_e(e.sentence)}</q>",
            _e(e.note),
        )
        for e in evidence
    )
    return _table(
        ("Outlet", "Published", "Figure", "Relation", "Similarity", "Source sentence", "Note"), rows
    )


def _timeline_table(result: CheckResult, finding: Finding) -> str:
    rows = (
        (_e(format_time(t.published)), _e(t.outlet), _e(t.figure), _e(t.relation))
        for t in timeline(result, finding)
    )
    return "<h4>Timeline</h4>\n" + _table(("Published", "Outlet", "Figure", "Relation"), rows)


def _claim_section(result: CheckResult, n: int, finding: Finding) -> str:
    claim = finding.claim
    sources = (
        _evidence_table(finding.evidence) if finding.evidence else "<p>No source speaks to this claim.</p>"
    )
    history = _timeline_table(result, finding) if finding.evidence else ""
    return (
        f'<article id="claim-{n}">\n<h3>{n}. {_e(claim.kind)}: {_e(_claim_figure(claim))} {_badge(finding.verdict)} '
        f"{_status_badge(finding.state)}</h3>\n"
        f"<p><strong>Reason:</strong> {_e(finding.reason)}</p>\n"
        f"<p><strong>Consensus of sources:</strong> {_e(describe_range(finding.consensus))}"
        + (f" · <strong>Latest:</strong> {_e(latest_line(finding))}" if latest_line(finding) else "")
        + "</p>\n"
        f'<div class="side">\n<div><h4>Story</h4><blockquote>{_story_sentence(result, finding)}</blockquote></div>\n'
        f"<div><h4>Sources</h4>\n{sources}</div>\n</div>\n{history}</article>\n"
    )


def to_html(result: CheckResult) -> str:
    """A single self-contained page (inline CSS, no scripts, no external assets) to print or mail."""
    title = _e(_report_title(result))
    claims = "".join(_claim_section(result, n, f) for n, f in enumerate(result.findings, 1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_html_header(result)}"
        f'<section id="story"><h2>Story</h2>\n<div class="story">{_marked_story(result)}</div></section>\n'
        f'<section id="findings"><h2>Findings</h2>\n{_findings_table(result)}</section>\n'
        f'<section id="claims"><h2>Claims and evidence</h2>\n{claims}</section>\n'
        f"{_untold_section(result)}"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# One table of formats for the command line and the app
# ---------------------------------------------------------------------------------------------


class ExportFormat(NamedTuple):
    """What a download button or ``--format`` needs: the renderer, a file extension and a MIME type."""

    render: Callable[[CheckResult], str]
    extension: str
    mime: str


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(to_json, ".json", "application/json"),
    # With a BOM: the files are opened in Excel, which reads "≥" and dashes as mojibake without one.
    "csv": ExportFormat(partial(to_csv, bom=True), ".csv", "text/csv; charset=utf-8"),
    "md": ExportFormat(to_markdown, ".md", "text/markdown; charset=utf-8"),
    "html": ExportFormat(to_html, ".html", "text/html; charset=utf-8"),
}
_ALIASES = {"markdown": "md"}


def export(result: CheckResult, fmt: str) -> str:
    """Render by format name, so callers share one list of names and one error for a wrong one."""
    name = fmt.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        known = ", ".join([*FORMATS, *_ALIASES])
        raise InputError(f"unknown report format {fmt!r}: choose one of {known}")
    return FORMATS[name].render(result)
