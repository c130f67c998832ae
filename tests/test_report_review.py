"""Every export carries the editors' decisions beside the tool's verdicts, and the review state;
an editor's name and note are untrusted text like a source's."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from tests.test_report import RESULT, Page
from verifier.report import CSV_COLUMNS, export, to_html
from verifier.review import Decision, Review

AT = datetime(2026, 12, 2, 3, 10, tzinfo=UTC)
HOSTILE = "<script>alert(1)</script>"


def review(editor: str = "Ana Ruiz", note: str = "the ministry's figure is older") -> Review:
    first, second = RESULT.findings[0], RESULT.findings[1]
    confirm = Decision(0, first.claim.id, "confirm", first.verdict, "", editor, AT)
    override = Decision(1, second.claim.id, "override", "agrees", note, editor, AT)
    return Review(7, "reviewed", editor, AT, {0: confirm, 1: override}, (confirm, override))


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_every_export_has_both_verdicts_the_editor_and_the_state(fmt: str) -> None:
    text = export(RESULT, fmt, review=review())
    for words in ("Ana Ruiz", "reviewed", "confirm", "overrid", "the ministry", RESULT.findings[1].verdict):
        assert words in text, words


def test_without_a_review_the_exports_say_nothing_of_one() -> None:
    assert "Editor" not in export(RESULT, "md") and "Editor" not in export(RESULT, "html")
    assert "review" not in json.loads(export(RESULT, "json"))


def test_json_keeps_the_tools_verdict_and_adds_the_decision() -> None:
    data = json.loads(export(RESULT, "json", review=review()))
    assert data["review"]["state"] == "reviewed"
    claims = data["claims"]
    assert claims[1]["verdict"] == RESULT.findings[1].verdict == "conflicts"
    assert claims[1]["decision"] == {"action": "override", "verdict": "agrees", "note": "the ministry's figure is older",
                                     "editor": "Ana Ruiz", "decided_at": AT.isoformat()}  # fmt: skip
    assert claims[2]["decision"] is None


def test_csv_rows_carry_decision_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(export(RESULT, "csv", review=review()).removeprefix("\ufeff"))))
    assert set(CSV_COLUMNS) == set(rows[0])
    by_claim = {r["claim_id"]: r for r in rows}
    second = by_claim[RESULT.findings[1].claim.id]
    assert (second["verdict"], second["editor_decision"], second["editor_verdict"], second["decided_by"]) == (
        "conflicts", "override", "agrees", "Ana Ruiz",
    )  # fmt: skip
    assert {r["review_state"] for r in rows} == {"reviewed"}
    assert by_claim[RESULT.findings[2].claim.id]["editor_decision"] == ""


def test_html_shows_each_decision_in_the_findings_table_and_its_claim() -> None:
    page = to_html(RESULT, review=review())
    parsed = Page(page)
    parsed.assert_balanced()
    assert page.count("confirmed by Ana Ruiz") == 2  # table row and claim section
    assert page.count("overridden: agrees by Ana Ruiz") == 2
    assert "Review: reviewed (Ana Ruiz, 2026-12-02 03:10 UTC)" in page
    assert "not decided" in page


def test_a_hostile_name_or_note_stays_text() -> None:
    page = export(RESULT, "html", review=review(editor=HOSTILE, note=HOSTILE))
    assert "<script" not in page.lower()
    Page(page).assert_balanced()
    markdown = export(RESULT, "md", review=review(editor=HOSTILE, note=HOSTILE))
    assert "<script" not in markdown.replace("\\<script", "")


def test_a_name_or_note_that_looks_like_a_formula_is_text_in_a_spreadsheet() -> None:
    formula = '=HYPERLINK("https://evil.example","x")'
    text = export(RESULT, "csv", review=review(editor=formula, note=formula))
    cells = [c for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for c in row]
    assert "'" + formula in cells
    assert not [c for c in cells if c.lstrip().startswith("=")]
