import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.errors import InputError
from verifier.report import (
    CSV_COLUMNS,
    FORMATS,
    describe_range,
    export,
    figure_label,
    source_count,
    timeline,
    to_csv,
    to_html,
    to_json,
    to_markdown,
)
from verifier.types import CheckResult, Claim, Document, Evidence, Finding, OwnCopy, Range, Untold

STORY = (
    "Rockets hit residential areas of Kabul on Saturday, killing at least eight people, officials said.\n"
    "The interior ministry said 30 people were wounded.\n"
    "The Taliban denied being behind the attack.\n"
    "Police said two suspects had been arrested."
)
T0 = datetime(2020, 11, 21, 8, 0, tzinfo=UTC)


def claim(cid: str, kind: str, words: str, value: Range | None, **extra: str) -> Claim:
    """A story claim whose span and sentence are found from its words, as the extractor would give them."""
    start = STORY.index(words)
    s0 = STORY.rfind("\n", 0, start) + 1
    s1 = STORY.find("\n", start)
    s1 = len(STORY) if s1 < 0 else s1
    return Claim(cid, kind, value, STORY[s0:s1], (start, start + len(words)), (s0, s1), **extra)


def evidence(
    outlet: str, minutes: int | None, sentence: str, value: Range | None, relation: str, **extra: Any
) -> Evidence:
    published = None if minutes is None else T0 + timedelta(minutes=minutes)
    url = f"https://example.org/{outlet.lower().replace(' ', '-')}"
    return Evidence(outlet, url, published, sentence, value, relation, 88.0, **extra)


KILLED = Finding(
    claim("c1", "killed", "at least eight", Range(8, None, "at_least", "at least eight")),
    "agrees",
    "Reuters and AFP report eight dead.",
    (
        evidence(
            "Reuters",
            15,
            "At least eight people were killed.",
            Range(8, None, "at_least", "At least eight"),
            "agrees",
        ),
        evidence(
            "Agence France-Presse",
            40,
            "Huit personnes ont été tuées.",
            Range(8, 8, "exact", "Huit"),
            "agrees",
        ),
    ),
    Range(8, 8),
)
INJURED = Finding(
    claim("c2", "injured", "30", Range(30, 30, "exact", "30")),
    "conflicts",
    "Sources report 31 and later 51 wounded.",
    (
        evidence("Reuters", 15, "31 people were wounded.", Range(31, 31, "exact", "31"), "conflicts"),
        evidence(
            "TOLOnews",
            180,
            "The toll rose to 51 wounded.",
            Range(51, 51, "exact", "51"),
            "conflicts",
            note="a later update",
        ),
    ),
    Range(31, 51),
)
DENIED = Finding(
    claim("c3", "responsibility", "The Taliban denied", None, actor="Taliban", stance="denied"),
    "agrees",
    "AP reports the same denial.",
    (
        evidence(
            "AP", 60, "The Taliban denied involvement.", None, "agrees", actor="Taliban", stance="denied"
        ),
    ),
)
ARRESTED = Finding(
    claim("c4", "arrested", "two", Range(2, 2, "exact", "two")),
    "unverified",
    "No source speaks to arrests.",
)
RESULT = CheckResult(
    Document(
        STORY, "Rockets hit Kabul", "https://news.example/kabul", "Example News", T0 + timedelta(hours=2)
    ),
    (KILLED, INJURED, DENIED, ARRESTED),
    sources=4,
    checked_at=datetime(2020, 11, 21, 12, 30, tzinfo=UTC),
)


def with_story(result: CheckResult, **changes: Any) -> CheckResult:
    return replace(result, story=replace(result.story, **changes))


def with_evidence(result: CheckResult, **changes: Any) -> CheckResult:
    """The example with its first piece of evidence changed (where untrusted source text lands)."""
    first = result.findings[0]
    changed = replace(first, evidence=(replace(first.evidence[0], **changes), *first.evidence[1:]))
    return replace(result, findings=(changed, *result.findings[1:]))


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


class Page(HTMLParser):
    """Reads an HTML export back: tag balance, attributes, marks, and the story's visible text."""

    VOID = frozenset({"meta", "br", "img", "hr", "link", "input", "wbr"})

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []
        self.story_text = ""
        self._story_depth: int | None = None
        self._sup_depth = 0
        self._mark: list[str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag == "div" and dict(attrs).get("class") == "story":
            self._story_depth = len(self.stack)
        if tag == "sup":
            self._sup_depth += 1
        if tag == "mark" and self._story_depth:
            self._mark = [dict(attrs).get("class") or "", ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self._story_depth == len(self.stack):
            self._story_depth = None
        self.stack.pop()
        if tag == "sup":
            self._sup_depth -= 1
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark[0], self._mark[1]))
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._story_depth and not self._sup_depth:
            self.story_text += data
            if self._mark is not None:
                self._mark[1] += data

    def assert_balanced(self) -> None:
        assert self.errors == [] and self.stack == []


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_exactly_the_contract() -> None:
    text = to_json(RESULT)
    assert text == json.dumps(RESULT.to_dict(), ensure_ascii=False, indent=2)
    data = json.loads(text)
    assert set(data) >= {"claims", "summary", "story", "checked_at"}
    assert data["summary"] == {"agrees": 2, "conflicts": 1, "unverified": 1, "claims": 4, "sources": 4}
    assert datetime.fromisoformat(data["checked_at"]) == RESULT.checked_at
    assert "été" in text


@pytest.mark.parametrize(
    "field",
    [
        "kind",
        "value",
        "sentence",
        "span",
        "actor",
        "stance",
        "attributed_to",
        "verdict",
        "reason",
        "evidence",
        "consensus",
    ],
)
def test_json_claims_carry_every_contract_field(field: str) -> None:
    assert all(field in c for c in json.loads(to_json(RESULT))["claims"])


def test_json_values_and_evidence_times() -> None:
    injured = json.loads(to_json(RESULT))["claims"][1]
    assert injured["value"] == {"low": 30, "high": 30, "qualifier": "exact", "text": "30"}
    assert [e["value"]["low"] for e in injured["evidence"]] == [31, 51]
    assert datetime.fromisoformat(injured["evidence"][1]["published"]) == T0 + timedelta(minutes=180)


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ('   =HYPERLINK("http://x")', '\'   =HYPERLINK("http://x")'),
        ("\n+1", "'\n+1"),
        ("Ordinary text, 31 wounded.", "Ordinary text, 31 wounded."),
        ("a=b and 1+1", "a=b and 1+1"),
        ("", ""),
    ],
)
def test_csv_neutralises_formulas(payload: str, expected: str) -> None:
    result = with_evidence(RESULT, sentence=payload, outlet=payload)
    row = csv_rows(to_csv(result))[1]
    assert row[CSV_COLUMNS.index("source_sentence")] == expected
    assert row[CSV_COLUMNS.index("outlet")] == expected


def test_csv_has_a_row_per_evidence_and_one_per_bare_claim() -> None:
    rows = csv_rows(to_csv(RESULT))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + 2 + 2 + 1 + 1
    assert {len(row) for row in rows} == {len(CSV_COLUMNS)}
    by_column = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [r["claim_id"] for r in by_column] == ["c1", "c1", "c2", "c2", "c3", "c4"]
    assert by_column[2]["story_figure"] == "30" and by_column[2]["source_figure"] == "31"
    assert by_column[0]["story_figure"] == "at least eight (≥ 8)"
    assert by_column[4]["story_figure"] == "Taliban denied"
    assert by_column[5]["outlet"] == "" and by_column[5]["verdict"] == "unverified"
    assert by_column[0]["published"] == "2020-11-21T08:15:00+00:00"


def test_csv_bom_for_excel() -> None:
    assert not to_csv(RESULT).startswith("\ufeff")
    text = to_csv(RESULT, bom=True)
    assert text.startswith("\ufeff")
    decoded = text.encode("utf-8").decode("utf-8-sig")
    assert csv_rows(decoded) == csv_rows(to_csv(RESULT))
    assert "été" in decoded


# --- Markdown -------------------------------------------------------------------------------

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        ("31 | 51 wounded", r"31 \| 51 wounded"),
        ("first line\nsecond line\r\nthird", "first line second line third"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("plain words, 31 wounded", "plain words, 31 wounded"),
    ],
)
def test_markdown_escapes_table_cells(reason: str, shown: str) -> None:
    result = replace(RESULT, findings=(replace(INJURED, reason=reason),))
    text = to_markdown(result)
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert shown in row
    assert len(UNESCAPED_PIPE.findall(row)) == 8


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("# Breaking: 30 wounded", r"> \# Breaking: 30 wounded"),
        ("> quoted 30", r"> \> quoted 30"),
        ("- 30 wounded", r"> \- 30 wounded"),
        ("+ 30 wounded", r"> \+ 30 wounded"),
        ("30. wounded", r"> 30\. wounded"),
        ("30 wounded.", "> 30 wounded."),
    ],
)
def test_markdown_sentence_never_opens_a_block(sentence: str, quoted: str) -> None:
    result = replace(RESULT, findings=(replace(INJURED, claim=replace(INJURED.claim, sentence=sentence)),))
    assert quoted in to_markdown(result).splitlines()


def test_markdown_has_heading_summary_table_and_sections() -> None:
    text = to_markdown(RESULT)
    lines = text.splitlines()
    assert lines[0] == "# Discrepancy report: Rockets hit Kabul"
    assert "**Outlet:** Example News" in lines[2] and "**Checked:** 2020-11-21 12:30 UTC" in lines[2]
    assert "4 claims checked against 4 sources: 2 agree, 1 conflict, 1 unverified." in lines
    assert sum(line.startswith("| ") for line in lines) == 1 + 4
    assert "## 2. injured: conflicts (contradicted)" in lines
    assert "**Story figure:** 30 · **Consensus:** 31–51" in lines
    assert any(line.startswith("- **TOLOnews**, 2020-11-21 11:00 UTC: 51 (conflicts") for line in lines)
    assert "a later update" in text and "<https://example.org/tolonews>" in text
    assert "No source speaks to this claim." in lines


def test_markdown_links_only_web_addresses() -> None:
    text = to_markdown(with_evidence(RESULT, url="javascript:alert(1)"))
    assert "<javascript:" not in text and "javascript:alert(1)" in text


# --- HTML -----------------------------------------------------------------------------------

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "</textarea><script src=//x>"]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    "inject",
    [
        lambda r, p: with_story(r, text=p + r.story.text),
        lambda r, p: replace(
            with_story(r, text=p + r.story.text),
            findings=(replace(INJURED, claim=replace(INJURED.claim, span=(0, len(p) + 4))),),
        ),
        lambda r, p: with_story(r, title=p, outlet=p),
        lambda r, p: with_story(r, url=p),
        lambda r, p: with_evidence(r, sentence=p, outlet=p, note=p),
        lambda r, p: with_evidence(r, url="https://example.org/" + p),
        lambda r, p: replace(
            r, findings=(replace(INJURED, reason=p, claim=replace(INJURED.claim, sentence=p)),)
        ),
    ],
    ids=["story", "marked-story", "title-outlet", "story-url", "evidence", "evidence-url", "reason-sentence"],
)
def test_html_escapes_untrusted_text(inject: Callable[[CheckResult, str], CheckResult], payload: str) -> None:
    page = to_html(inject(RESULT, payload))
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<textarea" not in lowered
    assert "&lt;" in page
    parsed = Page(page)
    parsed.assert_balanced()
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org/x", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("https:///no-host", False),
        ('https://example.org/"onmouseover="alert(1)', True),
    ],
)
def test_html_links_only_web_addresses(url: str, linked: bool) -> None:
    page = Page(to_html(with_evidence(RESULT, url=url)))
    hrefs = [attrs.get("href") or "" for tag, attrs in page.tags if tag == "a"]
    assert (url in hrefs) is linked
    assert not [h for h in hrefs if not h.startswith(("http://", "https://", "#"))]
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]


def test_html_is_self_contained_and_printable() -> None:
    page = to_html(RESULT)
    parsed = Page(page)
    parsed.assert_balanced()
    assert not [t for t, attrs in parsed.tags if t in ("script", "link", "img", "iframe")]
    assert "@media print" in page and "Content-Security-Policy" in page
    assert "4 claims checked against 4 sources: 2 agree, 1 conflict, 1 unverified." in page
    assert "Checked: 2020-11-21 12:30 UTC" in page


def test_html_marks_each_claim_in_its_verdict_colour() -> None:
    parsed = Page(to_html(RESULT))
    assert parsed.marks == [
        ("v-agrees", "at least eight"),
        ("v-conflicts", "30"),
        ("v-agrees", "The Taliban denied"),
        ("v-unverified", "two"),
    ]
    assert parsed.story_text == STORY
    assert '<blockquote>The interior ministry said <mark class="v-conflicts">30</mark>' in to_html(RESULT)


def test_html_timeline_orders_figures_by_time() -> None:
    page = to_html(RESULT)
    section = page[page.index('id="claim-2"') : page.index('id="claim-3"')]
    timeline_part = section[section.index("Timeline") :]
    order = [timeline_part.index(x) for x in ("Reuters", "Example News", "TOLOnews")]
    assert order == sorted(order)


@pytest.mark.parametrize(
    "spans",
    [
        [(10, 40), (20, 30)],
        [(10, 30), (20, 40)],
        [(10, 30), (10, 30)],
        [(10, 20), (20, 30)],
        [(0, len(STORY)), (5, 9), (7, 12)],
        [(30, 10), (5, 5), (-3, 4), (len(STORY) - 2, len(STORY) + 10)],
    ],
    ids=["nested", "overlapping", "identical", "adjacent", "chain", "invalid"],
)
def test_html_overlapping_spans_keep_the_page_whole(spans: list[tuple[int, int]]) -> None:
    verdicts = ["conflicts", "agrees", "unverified"]
    findings = tuple(
        replace(ARRESTED, claim=replace(ARRESTED.claim, id=f"x{i}", span=span), verdict=verdicts[i % 3])
        for i, span in enumerate(spans)
    )
    parsed = Page(to_html(replace(RESULT, findings=findings)))
    parsed.assert_balanced()
    assert parsed.story_text == STORY
    valid = [span for span in spans if 0 <= span[0] < span[1] <= len(STORY)]
    covered = {i for s, e in valid for i in range(s, e)}
    assert sum(len(text) for _, text in parsed.marks) == len(covered)


def test_html_overlap_takes_the_most_serious_verdict() -> None:
    outer = replace(KILLED, claim=replace(KILLED.claim, span=(0, 60)))
    inner = replace(INJURED, claim=replace(INJURED.claim, span=(20, 30)))
    marks = Page(to_html(replace(RESULT, findings=(outer, inner)))).marks
    assert [cls for cls, _ in marks] == ["v-agrees", "v-conflicts", "v-agrees"]


# --- export and helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("json", to_json),
        ("csv", partial(to_csv, bom=True)),
        ("md", to_markdown),
        ("markdown", to_markdown),
        ("html", to_html),
        (" HTML ", to_html),
    ],
)
def test_export_dispatches_by_name(name: str, render: Callable[[CheckResult], str]) -> None:
    assert export(RESULT, name) == render(RESULT)


@pytest.mark.parametrize("name", ["pdf", "", "jsonl", "htm"])
def test_export_refuses_unknown_formats_with_the_list(name: str) -> None:
    with pytest.raises(InputError, match="json, csv, md, html, markdown"):
        export(RESULT, name)


def test_formats_table_gives_extension_and_mime() -> None:
    assert {name: (f.extension, f.mime.split(";")[0]) for name, f in FORMATS.items()} == {
        "json": (".json", "application/json"),
        "csv": (".csv", "text/csv"),
        "md": (".md", "text/markdown"),
        "html": (".html", "text/html"),
    }


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        (Range(30, 30), "30"),
        (Range(2000, None, "more_than"), "> 2,000"),
        (Range(8, None, "at_least"), "≥ 8"),
        (Range(None, 40, "at_most"), "≤ 40"),
        (Range(None, 40, "less_than"), "< 40"),
        (Range(8, 10, "between"), "8–10"),
        (Range(2.5, 2.5), "2.5"),
        (Range(None, None, "vague"), "—"),
    ],
)
def test_describe_range(value: Range | None, shown: str) -> None:
    assert describe_range(value) == shown


def test_figure_label_keeps_the_words() -> None:
    assert figure_label(Range(20, 20, "approx", "About  20")) == "About 20 (20)"
    assert figure_label(None) == "—"


def test_timeline_puts_undated_last_and_mixes_naive_and_aware_times() -> None:
    naive = evidence("Naive", None, "x", Range(40, 40), "updates")
    naive = replace(naive, published=datetime(2020, 11, 21, 9, 0))
    undated = evidence("Undated", None, "x", Range(41, 41), "conflicts")
    offset = replace(
        evidence("Kabul Times", None, "x", Range(31, 31), "conflicts"),
        published=datetime(2020, 11, 21, 12, 0, tzinfo=timezone(timedelta(hours=4, minutes=30))),
    )
    finding = replace(INJURED, evidence=(undated, naive, offset))
    entries = timeline(RESULT, finding)
    assert [e.outlet for e in entries] == ["Kabul Times", "Naive", "Example News", "Undated"]
    assert entries[2].relation == "story" and entries[2].figure == "30"


# --- properties -----------------------------------------------------------------------------

UNTRUSTED = st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    PAYLOADS + ["=1+1", "-3", " @x", "\t=x", "<ScRiPt>", "javascript:alert(1)"]
)


@settings(max_examples=150, deadline=None)
@given(
    story=UNTRUSTED,
    sentence=UNTRUSTED,
    outlet=UNTRUSTED,
    url=UNTRUSTED,
    spans=st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=5),
)
def test_untrusted_text_never_becomes_markup_or_formula(
    story: str, sentence: str, outlet: str, url: str, spans: list[tuple[int, int]]
) -> None:
    ev = Evidence(
        outlet, url, None, sentence, Range(1, 1, "exact", sentence), "conflicts", 50.0, note=sentence
    )
    findings = tuple(
        Finding(
            Claim(f"c{i}", "killed", Range(1, 1, "exact", outlet), sentence, span),
            "conflicts",
            sentence,
            (ev,),
        )
        for i, span in enumerate(spans)
    )
    result = CheckResult(
        Document(story, sentence, url, outlet), findings or (Finding(ARRESTED.claim, "x", story),)
    )

    page = to_html(result)
    assert "<script" not in page.lower()
    parsed = Page(page)
    parsed.assert_balanced()
    assert parsed.story_text == story

    for row in csv_rows(to_csv(result)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert not cell.lstrip().startswith(("=", "+", "-", "@"))


def test_source_count_counts_reports_not_sentences() -> None:
    wire = Evidence("Wire", "https://example.org/a", None, "Eight killed.", Range(8, 8), "agrees", 80.0, report_id=1)
    again = Evidence("Wire", "https://example.org/a", None, "The toll is eight.", Range(8, 8), "agrees", 70.0, report_id=1)
    other = Evidence("Paper", "https://example.com/b", None, "Eight died.", Range(8, 8), "agrees", 60.0, report_id=2)
    claim = Claim("c1", "killed", Range(8, 8), "Eight people were killed.", (0, 5))
    assert source_count(Finding(claim, "agrees", "", (wire, again, other))) == 2


HOSTILE = "<script>alert(1)</script> =cmd|' /C calc'!A0"
WITH_EXTRAS = replace(
    RESULT,
    findings=(replace(RESULT.findings[0], status="partial"), replace(RESULT.findings[1], status="updated"), *RESULT.findings[2:]),
    untold=(
        Untold(
            Claim("", "responsibility", None, f"Islamic State claimed the attack. {HOSTILE}", (0, 1), actor="Islamic State", stance="claimed"),
            (evidence("Al Arabiya", 300, "Islamic State claimed the attack.", None, "context"),),
        ),
    ),
    own_copies=(OwnCopy("Example News", "https://news.example/kabul", T0 + timedelta(hours=2), "the story's URL"),),
)


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_every_export_carries_statuses_untold_claims_and_own_copies(fmt: str) -> None:
    text = export(WITH_EXTRAS, fmt)
    for words in ("partial", "updated", "confirmed", "Islamic State", "own cop" if fmt != "json" else "own_copies"):
        assert words in text, words
    assert "<script>" not in text or fmt == "json"  # untrusted source text never becomes markup


def test_csv_untold_rows_are_safe_for_spreadsheets() -> None:
    rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in csv_rows(to_csv(WITH_EXTRAS))[1:]]
    untold = [r for r in rows if r["status"] == "untold"]
    assert [r["outlet"] for r in untold] == ["Al Arabiya"]
    assert [r["status"] for r in rows if r["claim_id"] == "own-copy"] == ["own copy"]
    assert {r["status"] for r in rows if r["claim_id"].startswith("c")} == {"partial", "updated", "confirmed", "unverified"}


def test_an_undated_story_says_it_was_read_as_of_the_check() -> None:
    undated = with_story(RESULT, published=None)
    assert "figures read as of the check" in to_markdown(undated)
    assert json.loads(to_json(undated))["story"]["dated_by"] == "checked_at"
