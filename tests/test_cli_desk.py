"""`verifier review`, `verifier checks rerun` and `verifier log` against real libraries on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from db import Store, run_check
from verifier import example
from verifier.cli import app
from verifier.types import Document


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "250", "VERIFIER_EDITOR": "", **(env or {})}).invoke(app, list(args))


@pytest.fixture
def checked(db_url: str) -> tuple[str, int]:
    with Store.open(db_url) as store:
        store.add_documents(example.source_documents()[:2])
        check_id, _ = run_check(store, example.story_document())
    assert check_id is not None
    return db_url, check_id


def test_decide_confirm_and_override_then_show_both_beside_the_tools_verdicts(checked: tuple[str, int]) -> None:
    db, check_id = checked
    with Store.open(db) as store:
        findings = store.get_check(check_id).findings
    other = "agrees" if findings[1].verdict != "agrees" else "conflicts"
    done = invoke("review", "decide", str(check_id), "1", "confirm", "--note", "wire agrees", "--editor", "Ana Ruiz", "--db", db)
    assert done.exit_code == 0, done.output
    assert "confirmed by Ana Ruiz" in done.output and "(review in review)" in done.output
    claim_id = findings[1].claim.id
    done = invoke("review", "decide", str(check_id), claim_id, "override", "--verdict", other, "--db", db, env={"VERIFIER_EDITOR": "Ben"})
    assert done.exit_code == 0, done.output
    shown = invoke("review", "show", str(check_id), "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "confirmed" in shown.output and f"overridden: {other}" in shown.output and "Ben" in shown.output
    assert "not decided" in shown.output
    data = json.loads(invoke("review", "show", str(check_id), "-f", "json", "--db", db).output)
    assert data["claims"][1]["verdict"] == findings[1].verdict
    assert data["claims"][1]["decision"]["verdict"] == other and data["review"]["state"] == "in review"


def test_a_decision_without_a_name_is_refused(checked: tuple[str, int]) -> None:
    db, check_id = checked
    done = invoke("review", "decide", str(check_id), "1", "confirm", "--db", db)
    assert done.exit_code == 1 and "say who you are" in done.output
    with Store.open(db) as store:
        assert store.reviews.get(check_id).history == ()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99", "confirm"], "no finding"),
        (["1", "override"], "needs a verdict"),
    ],
)
def test_bad_decisions_say_what_to_do(checked: tuple[str, int], args: list[str], message: str) -> None:
    db, check_id = checked
    done = invoke("review", "decide", str(check_id), *args, "--editor", "Ana", "--db", db)
    assert done.exit_code == 1 and message in done.output, done.output


def test_state_and_list(checked: tuple[str, int]) -> None:
    db, check_id = checked
    done = invoke("review", "state", str(check_id), "reviewed", "--editor", "Ana", "--db", db)
    assert done.exit_code == 0 and "Review: reviewed (Ana" in done.output, done.output
    listed = invoke("review", "list", "--state", "reviewed", "--db", db).output
    assert [row.split("│")[1].strip() for row in _rows(listed)] == [str(check_id)]
    assert _rows(invoke("review", "list", "--state", "in-review", "--db", db).output) == []


def _rows(table: str) -> list[str]:
    """The body rows of a Rich table: lines that start with a cell border and hold a number."""
    return [line for line in table.splitlines() if line.startswith("│") and line.split("│")[1].strip().isdigit()]


def test_rerun_lists_the_new_sources_and_moved_verdicts(checked: tuple[str, int]) -> None:
    db, check_id = checked
    assert "nothing changed" in invoke("checks", "rerun", str(check_id), "--db", db).output
    with Store.open(db) as store:
        store.add_documents(example.source_documents()[2:])
    done = invoke("checks", "rerun", str(check_id), "-f", "json", "--save", "--db", db)
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["new_sources"] and data["saved_as"] not in (None, check_id)
    table = invoke("checks", "rerun", str(check_id), "--db", db).output
    assert "new source" in table


def test_log_prints_every_change_and_exports_csv_and_jsonl(checked: tuple[str, int], tmp_path: Path) -> None:
    db, check_id = checked
    invoke("review", "decide", str(check_id), "1", "dismiss", "--note", "=cmd|' /C calc'!A0", "--editor", "Ana", "--db", db)
    with Store.open(db) as store:
        report_id = store.list_reports()[0].id
    assert invoke("sources", "remove", str(report_id), "--yes", "--editor", "Ben", "--db", db).exit_code == 0
    assert invoke("sources", "restore", str(report_id), "--editor", "Ben", "--db", db).exit_code == 0
    table = invoke("log", "--db", db).output
    for words in ("finding decided", "check reviewed", "report deleted", "report restored", "report added", "Ana", "Ben"):
        assert words in table, words
    only = invoke("log", "--action", "report deleted", "--db", db).output
    assert "report deleted" in only and "finding decided" not in only
    out = tmp_path / "log.csv"
    assert invoke("log", "-f", "csv", "-o", str(out), "--db", db).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {"finding decided", "report deleted"} <= {r["action"] for r in rows}
    assert all(not c.startswith("=") for r in rows for c in r.values())
    lines = invoke("log", "-f", "jsonl", "--editor", "ben", "--db", db).output.splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["report restored", "report deleted"]
    assert "unknown action" in invoke("log", "--action", "burned", "--db", db).output


def test_log_is_terminal_safe(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.with_editor("Eve\x1b[2J").add_document(Document("Rockets killed 8 people in Kabul.", title="\x1b]0;pwned\x07Kabul", outlet="Wire"))
    out = invoke("log", "--db", db_url).output
    assert "\x1b" not in out and "\\u001b" in out


def test_sources_list_deleted_and_restore(db_url: str) -> None:
    with Store.open(db_url) as store:
        report_id = store.add_document(Document("Rockets killed 8 people in Kabul.", title="Kabul", outlet="Wire")).report_id
    invoke("sources", "remove", str(report_id), "--yes", "--db", db_url)
    assert "0 of 0 reports" in invoke("sources", "list", "--db", db_url).output
    assert "1 of 1 deleted reports" in invoke("sources", "list", "--deleted", "--db", db_url).output
    restored = invoke("sources", "restore", str(report_id), "--db", db_url)
    assert restored.exit_code == 0 and "restored report" in restored.output
    assert invoke("sources", "restore", str(report_id), "--db", db_url).exit_code == 1
