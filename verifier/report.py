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
- HTML: the page is a Jinja2 template (``templates/report.html.j2``) rendered with autoescaping, so
  every piece of text is escaped; links are made only for ``http(s)`` URLs; the page carries no
  scripts and a Content-Security-Policy that forbids them anyway.

Given the check's :class:`~verifier.review.Review`, every export carries the editors' decision and
note beside the tool's verdict for each finding, and the review state.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from urllib.parse import urlsplit

from .errors import InputError
from .review import Decision, Review
from .types import STATUSES, VERDICTS, CheckResult, Claim, Evidence, Finding, Range, Untold

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "STATUS_MEANINGS",
    "ExportFormat",
    "TimelineEntry",
    "describe_range",
    "csv_cell",
    "decision_line",
    "export",
    "figure_label",
    "latest_line",
    "format_time",
    "review_line",
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


def decision_line(decision: Decision) -> str:
    """The editor's decision in one line: "overridden: agrees by Ana Ruiz, 2026-12-02 03:10 UTC: the note"."""
    line = f"{decision.label()} by {decision.editor or 'an unnamed editor'}, {format_time(decision.decided_at)}"
    return f"{line}: {_one_line(decision.note)}" if decision.note.strip() else line


def review_line(review: Review) -> str:
    """The review's state and who set it when: "Review: reviewed (Ana Ruiz, 2026-12-02 03:20 UTC)"."""
    who = ", ".join(part for part in (review.editor, format_time(review.updated_at) if review.updated_at else "") if part)
    return f"Review: {review.state}" + (f" ({who})" if who else "") + f"; {len(review.decisions)} finding(s) decided."


def _decision(review: Review | None, ordinal: int) -> Decision | None:
    return review.decision(ordinal) if review else None


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


def to_json(result: CheckResult, *, review: Review | None = None) -> str:
    """The JSON contract the eval scorer and other tools read (``../shared/eval/README.md``).

    With a review, a top-level ``review`` (state, who, when) and per claim a ``decision`` (or null)
    are added; the tool's ``verdict`` stays as it was.
    """
    payload: dict[str, Any] = result.to_dict()
    if review is not None:
        payload["review"] = review.to_dict()
        for ordinal, claim in enumerate(payload["claims"]):
            decision = review.decision(ordinal)
            claim["decision"] = decision.to_dict() if decision else None
    return json.dumps(payload, ensure_ascii=False, indent=2)


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
    "editor_decision",
    "editor_verdict",
    "editor_note",
    "decided_by",
    "decided_at",
    "review_state",
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


def _decision_cells(decision: Decision | None, review: Review | None) -> list[str]:
    state = review.state if review else ""
    if decision is None:
        return ["", "", "", "", "", state]
    return [decision.action, decision.verdict, decision.note, decision.editor, _iso(decision.decided_at), state]


def _claim_cells(finding: Finding, decision: Decision | None = None, review: Review | None = None) -> list[str]:
    claim = finding.claim
    return [
        claim.id,
        claim.kind,
        _claim_figure(claim),
        claim.sentence,
        finding.verdict,
        finding.state,
        *_decision_cells(decision, review),
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


def _csv_rows(result: CheckResult, review: Review | None) -> Iterable[list[str]]:
    for ordinal, finding in enumerate(result.findings):
        claim_cells = _claim_cells(finding, _decision(review, ordinal), review)
        for evidence in finding.evidence or (None,):
            yield claim_cells + _evidence_cells(evidence)
    # what the sources say that the story does not: no story figure, no verdict, status "untold"
    undecided = _decision_cells(None, review)
    for n, u in enumerate(result.untold, 1):
        cells = [f"untold-{n}", u.claim.kind, "", "", "", "untold", *undecided, "the sources say this; the story does not", "", ""]
        for evidence in u.sources:
            yield cells + _evidence_cells(evidence)
    for copy in result.own_copies:
        yield ["own-copy", "", "", "", "", "own copy", *undecided, f"the story itself ({copy.why}): never evidence", "", "",
               copy.outlet, _iso(copy.published), "", "own copy", "", "", "", "", copy.url]


def to_csv(result: CheckResult, *, bom: bool = False, review: Review | None = None) -> str:
    """One row per (claim, evidence) pair, and one row for a claim no source speaks to.

    ``bom=True`` starts the text with a byte-order mark, which Excel needs to read UTF-8 accents
    right. Rows end with CRLF (RFC 4180): write the text with ``newline=""``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(result, review):
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


def _md_header(result: CheckResult, review: Review | None) -> list[str]:
    facts = (f"**{label}:** {_md_url(v) if label == 'URL' else _md(v)}" for label, v in _story_facts(result))
    lines = [f"# {_md(_report_title(result))}", "", " · ".join(facts), ""]
    return lines + ([f"**{_md(review_line(review))}**", ""] if review else [])


def _md_decision(decision: Decision | None) -> str:
    return _md(decision_line(decision)) if decision else "not decided"


def _md_table(result: CheckResult, review: Review | None) -> list[str]:
    """The findings table; with a review, an Editor column beside the tool's verdict."""
    headers = ["#", "Kind", "Story figure", "Verdict", "Status", *(["Editor"] if review else []), "Reason", "Sources"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for n, f in enumerate(result.findings, 1):
        cells = (
            str(n),
            _md(f.claim.kind),
            _md(_claim_figure(f.claim)),
            _md(f.verdict),
            _md(f.state),
            *([_md_decision(_decision(review, n - 1))] if review else []),
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


def _md_claim(n: int, finding: Finding, review: Review | None) -> list[str]:
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
        *([f"**Editor:** {_md_decision(_decision(review, n - 1))}", ""] if review else []),
    ]
    if finding.evidence:
        lines += ["**Evidence:**", "", *(_md_evidence(e) for e in finding.evidence), ""]
    else:
        lines += ["No source speaks to this claim.", ""]
    return lines


def to_markdown(result: CheckResult, *, review: Review | None = None) -> str:
    """A report to paste into a ticket, a chat or a CMS note, readable raw and rendered."""
    lines = _md_header(result, review) + [summary_line(result), "", *_md_table(result, review), ""]
    lines += ["**Status:** " + " · ".join(f"*{s}*: {m}" for s, m in STATUS_MEANINGS.items()), ""]
    for n, finding in enumerate(result.findings, 1):
        lines += _md_claim(n, finding, review)
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

_SEVERITY = {"conflicts": 3, "unverified": 2, "agrees": 1}
_TEMPLATE = "report.html.j2"


def verdict_class(verdict: str) -> str:
    """Class names come from a fixed list, never from the data, so no value can reach the markup."""
    return f"v-{verdict}" if verdict in VERDICTS else "v-other"


def status_class(status: str) -> str:
    """Class names from the fixed list of statuses, as for verdicts."""
    return f"s-{status}" if status in STATUSES else "v-other"


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


class Segment(NamedTuple):
    """A stretch of the story: marked in the colour of the most serious verdict among the claims that
    cover it (``cls`` empty when none does), followed by the numbers of the claims ending there."""

    text: str
    cls: str
    title: str
    refs: tuple[int, ...]


def _valid_spans(result: CheckResult) -> list[tuple[int, int, int]]:
    """Claim spans that fit the story text, as (start, end, claim number); others are not marked."""
    size = len(result.story.text)
    spans = []
    for n, finding in enumerate(result.findings, 1):
        start, end = finding.claim.span
        if 0 <= start < end <= size:
            spans.append((start, end, n))
    return spans


def story_segments(result: CheckResult) -> list[Segment]:
    """The story cut at every span edge, so overlapping or nested spans become flat, non-nested
    marks: the markup stays balanced and no claim loses its mark."""
    text = result.story.text
    spans = _valid_spans(result)
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [n for s, e, n in spans if s <= start and end <= e]
        refs = tuple(n for s, e, n in spans if e == end)
        if not covering:
            out.append(Segment(text[start:end], "", "", refs))
            continue
        verdicts = [result.findings[n - 1].verdict for n in covering]
        worst = max(verdicts, key=lambda v: _SEVERITY.get(v, 0))
        title = "; ".join(f"claim {n}: {v}" for n, v in zip(covering, verdicts, strict=True))
        out.append(Segment(text[start:end], verdict_class(worst), title, refs))
    return out


def sentence_parts(result: CheckResult, finding: Finding) -> tuple[str, str, str]:
    """The claim's sentence as (before, the claim's own words, after) when the offsets agree with
    the sentence; otherwise the whole sentence and nothing to mark."""
    claim = finding.claim
    sentence = claim.sentence
    s0, s1 = claim.span
    offset = claim.sentence_span[0]
    lo, hi = s0 - offset, s1 - offset
    if 0 <= lo < hi <= len(sentence) and sentence[lo:hi] == result.story.text[s0:s1]:
        return sentence[:lo], sentence[lo:hi], sentence[hi:]
    return sentence, "", ""


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment, autoescaping everything: a template cannot forget to escape a source's words.

    Jinja2 is imported here, when a page is rendered: ``verifier extract`` uses this module too and
    must start at once.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("verifier", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        safe_href=_safe_href,
        verdict_class=verdict_class,
        status_class=status_class,
        format_time=format_time,
        figure=_claim_figure,
        evidence_figure=_evidence_figure,
        describe_range=describe_range,
        latest_line=latest_line,
        untold_line=_untold_line,
        source_count=source_count,
        timeline=timeline,
        sentence_parts=sentence_parts,
        decision_line=decision_line,
    )
    return env


def to_html(result: CheckResult, *, review: Review | None = None) -> str:
    """A single self-contained page (inline CSS, no scripts, no external assets) to print or mail,
    rendered from ``templates/report.html.j2`` with every value escaped by Jinja2."""
    return _environment().get_template(_TEMPLATE).render(
        result=result,
        title=_report_title(result),
        facts=_story_facts(result),
        summary=summary_line(result),
        verdicts=VERDICTS,
        statuses=STATUS_MEANINGS,
        segments=story_segments(result),
        review=review,
        review_line=review_line(review) if review else "",
    )


# ---------------------------------------------------------------------------------------------
# One table of formats for the command line and the app
# ---------------------------------------------------------------------------------------------


class Renderer(Protocol):
    """An export: the check, and optionally its review, to text."""

    def __call__(self, result: CheckResult, *, review: Review | None = None) -> str: ...


class ExportFormat(NamedTuple):
    """What a download button or ``--format`` needs: the renderer, a file extension and a MIME type."""

    render: Renderer
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


def export(result: CheckResult, fmt: str, *, review: Review | None = None) -> str:
    """Render by format name, so callers share one list of names and one error for a wrong one."""
    name = fmt.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        known = ", ".join([*FORMATS, *_ALIASES])
        raise InputError(f"unknown report format {fmt!r}: choose one of {known}")
    return FORMATS[name].render(result, review=review)
