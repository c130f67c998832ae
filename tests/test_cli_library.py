"""`verifier sources ...` and `verifier library ...` against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from db import Store
from verifier.cli import app

KABUL = "Rockets hit Kabul on Saturday, killing at least eight people, officials in Kabul said."
MOSUL = "A car bomb in Mosul killed 12 people on Sunday, officials in Mosul said."


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli' / 'library.db'}"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "reuters.txt").write_text(
        f"Outlet: Reuters\nPublished: 2020-11-21T08:15:00Z\nURL: https://example.org/kabul\nTitle: Rockets hit Kabul\n\n{KABUL}\n",
        encoding="utf-8",
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"outlet": "AFP", "title": "Mosul bomb", "text": MOSUL}) + "\n{oops\n", encoding="utf-8"
    )
    return folder


def invoke(*args: str, stdin: str | None = None) -> Result:
    # Wide enough that table cells are not wrapped in the middle of the words the tests look for.
    return CliRunner(env={"COLUMNS": "250"}).invoke(app, list(args), input=stdin)


def run(*args: str) -> tuple[int, str]:
    """Exit code and everything printed (standard output and error interleaved)."""
    result = invoke(*args)
    return result.exit_code, result.output


def test_sources_add_reports_each_file_and_recognises_duplicates(db: str, reports: Path) -> None:
    code, out = run("sources", "add", str(reports), "--db", db)
    assert code == 0, out  # a malformed line is reported, not a hard failure
    assert "2 added, 0 duplicate, 1 rejected" in out and "not valid JSON" in out
    code, out = run("sources", "add", str(reports / "reuters.txt"), "--db", db)
    assert (code, "0 added, 1 duplicate, 0 rejected" in out) == (0, True)
    with Store.open(db) as store:
        assert store.count_reports() == 2


@pytest.mark.parametrize("bad", ["missing.txt", "picture.txt"])
def test_sources_add_fails_when_a_whole_file_cannot_be_used(db: str, reports: Path, bad: str) -> None:
    (reports / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out = run("sources", "add", str(reports / "reuters.txt"), str(reports / bad), "--db", db)
    assert code == 1 and "1 added" in out and "rejected" in out


@pytest.mark.parametrize(
    ("options", "shown", "hidden"),
    [
        ([], ["Rockets hit Kabul", "Mosul bomb", "2 of 2 reports"], []),
        (["--search", "mosul"], ["Mosul bomb", "1 of 1 reports"], ["Rockets hit Kabul"]),
        (["--outlet", "Reuters"], ["Rockets hit Kabul", "1 of 1 reports"], ["Mosul bomb"]),
        (["--limit", "1"], ["1 of 2 reports"], []),
    ],
)
def test_sources_list(db: str, reports: Path, options: list[str], shown: list[str], hidden: list[str]) -> None:
    run("sources", "add", str(reports), "--db", db)
    code, out = run("sources", "list", *options, "--db", db)
    assert code == 0, out
    assert all(s in out for s in shown) and not any(h in out for h in hidden)


def test_sources_show_and_remove(db: str, reports: Path) -> None:
    run("sources", "add", str(reports / "reuters.txt"), "--db", db)
    code, out = run("sources", "show", "1", "--db", db)
    assert code == 0 and "Reuters" in out and "https://example.org/kabul" in out and KABUL in out
    assert "killed" in out  # the stored claim
    assert invoke("sources", "remove", "1", "--db", db, stdin="n\n").exit_code == 1
    code, out = run("sources", "remove", "1", "--yes", "--db", db)
    assert code == 0 and "removed report 1" in out
    code, out = run("sources", "show", "1", "--db", db)
    assert code == 1 and "V320" in out and "no report 1" in out


def test_library_export_then_import_into_an_empty_database(db: str, reports: Path, tmp_path: Path) -> None:
    run("sources", "add", str(reports), "--db", db)
    exported = tmp_path / "library.jsonl"
    code, out = run("library", "export", str(exported), "--db", db)
    assert code == 0 and "exported 2 reports" in out
    assert invoke("library", "export", "-", "--db", db).stdout == exported.read_text(encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out = run("library", "import", str(exported), "--db", other)
    assert code == 0 and "2 added, 0 duplicate, 0 unusable lines" in out
    again = tmp_path / "again.jsonl"
    run("library", "export", str(again), "--db", other)
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_library_import_reports_unusable_lines(db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"outlet": "AP", "text": KABUL}) + "\nnot json\n", encoding="utf-8")
    code, out = run("library", "import", str(feed), "--db", db)
    assert code == 1 and "1 added" in out and ":2:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sources", "list", "--db", "mysql://u@h/db"], "V400"),
        (["library", "import", "/nonexistent/file.jsonl"], "cannot read"),
    ],
)
def test_errors_are_one_friendly_line(db: str, args: list[str], message: str) -> None:
    if "--db" not in args:
        args = [*args, "--db", db]
    code, out = run(*args)
    assert code == 1 and message in out and "Traceback" not in out
