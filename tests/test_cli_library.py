"""`verifier sources ...` and `verifier library ...` against real libraries on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from db import Store
from verifier.cli import app

KABUL = "Rockets hit Kabul on Saturday, killing at least eight people, officials in Kabul said."
MOSUL = "A car bomb in Mosul killed 12 people on Sunday, officials in Mosul said."


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


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


def test_sources_add_adds_a_file_with_a_bad_published_header_undated_and_says_so(db: str, tmp_path: Path) -> None:
    path = tmp_path / "ap.txt"
    path.write_text(f"Outlet: AP\nPublished: last Tuesday\n\n{KABUL}\n", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["sources", "add", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 added, 0 duplicate, 0 rejected" in result.stdout
    assert "added undated" in result.stderr and "ap.txt:2" in result.stderr and "last Tuesday" in result.stderr
    with Store.open(db) as store:
        (report,) = store.list_reports()
    assert (report.outlet, report.published) == ("AP", None)


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


# -- sources add says what it did not read, and fails when a whole source gave nothing --------------


def test_sources_add_on_a_folder_says_what_it_skipped_and_why(db: str, reports: Path) -> None:
    (reports / "notes.pdf").write_bytes(b"%PDF-1.4")
    (reports / ".DS_Store").write_bytes(b"\x00")
    (reports / ".git").mkdir()
    (reports / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    code, out = run("sources", "add", str(reports), "--db", db)
    assert code == 0, out
    assert "2 added, 0 duplicate, 1 rejected, 3 skipped" in out
    assert "not a report file (.pdf)" in out and "a hidden file" in out and "a hidden folder; not read" in out
    assert "HEAD.txt" not in out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("header.txt", "Outlet: Reuters\nOutlet: AP\n\nRockets hit Kabul, killing eight people.\n"),
        ("feed.jsonl", "{oops\n" + json.dumps({"outlet": "AP", "text": ""}) + "\n"),
        ("empty.jsonl", "\n\n"),
    ],
    ids=["bad header", "every line bad", "no lines"],
)
def test_sources_add_fails_when_a_whole_file_gives_nothing(db: str, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out = run("sources", "add", str(path), "--db", db)
    assert code == 1 and "0 added" in out and "rejected" in out


def test_sources_add_on_a_folder_without_reports_says_so(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page1.pdf").write_bytes(b"%PDF-1.4")
    code, out = run("sources", "add", str(folder), "--db", db)
    assert code == 1 and "the folder holds no report files" in out and "1 skipped" in out


def test_a_path_with_markup_is_read_and_shown_as_written(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "[" / "x]"  # the file's path reads ".../[/x]/[red]wire.txt"
    folder.mkdir(parents=True)
    (folder / "[red]wire.txt").write_text(f"Outlet: AP\n\n{KABUL}\n", encoding="utf-8")
    code, out = run("sources", "add", str(tmp_path / "["), "--db", db)
    assert code == 0 and "1 added" in out and "[/x]/[red]wire.txt" in out, out


@pytest.mark.parametrize("missing", ["no-such-folder", "gone.txt"])
def test_sources_add_on_a_missing_path_says_no_such_file(db: str, tmp_path: Path, missing: str) -> None:
    code, out = run("sources", "add", str(tmp_path / missing), "--db", db)
    assert code == 1 and "no such file or folder" in out and "unsupported" not in out


def test_a_link_in_a_folder_is_not_followed_outside_it(db: str, reports: Path, tmp_path: Path) -> None:
    secret = tmp_path / "private"
    secret.mkdir()
    (secret / "memo.txt").write_text("Outlet: Internal\n\nThe minister said 40 people were killed.\n", encoding="utf-8")
    (reports / "memo.txt").symlink_to(secret / "memo.txt")
    (reports / "private").symlink_to(secret, target_is_directory=True)
    (reports / "copy.txt").symlink_to(reports / "reuters.txt")  # a link inside the folder is read
    code, out = run("sources", "add", str(reports), "--db", db)
    assert code == 0, out
    assert "a link to a file outside the folder; not followed" in out and "a link to a folder; not followed" in out
    with Store.open(db) as store:
        assert store.count_reports(outlet="Internal") == 0 and store.count_reports() == 2


def test_a_feed_of_many_small_reports_is_not_too_large(db: str, tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    lines = [json.dumps({"outlet": f"Wire {i}", "text": f"{MOSUL} Report number {i}. " + "Calm returned. " * 20}) for i in range(30)]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert feed.stat().st_size > 4 * 2000  # over the byte budget of one report of 2,000 characters
    result = CliRunner(env={"COLUMNS": "250", "VERIFIER_MAX_INPUT_CHARS": "2000"}).invoke(
        app, ["sources", "add", str(feed), "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert "30 added" in result.output and "too large" not in result.output


# -- text from sources never drives the terminal (issue 11 item 8) ----------------------------------

HOSTILE_TITLE = "Kabul [/x] [bold red]rockets\x1b]0;owned\x07\x1b[2J"


def test_markup_and_escape_codes_in_sources_are_printed_as_text(db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"outlet": "AFP [/]", "title": HOSTILE_TITLE, "url": "https://example.org/[/x]", "text": f"{KABUL} [/x]\x1b[31m"})
        + "\n",
        encoding="utf-8",
    )
    outputs = []
    for args in (["sources", "add", str(feed)], ["sources", "list"], ["sources", "show", "1"]):
        code, out = run(*args, "--db", db)
        assert code == 0, out
        outputs.append(out)
    added, listed, shown = outputs
    assert all("[/x]" in out and "\x1b" not in out and "\x07" not in out for out in outputs)
    assert "Kabul [/x] [bold red]rockets" in listed and "\\u001b]0;owned" in listed
    assert "AFP [/]" in shown and f"{KABUL} [/x]\\u001b[31m" in shown


def test_library_export_to_the_terminal_escapes_control_characters(db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"outlet": "AP", "title": "Kabul\x85 rockets\x1b[2J", "text": KABUL}) + "\n", encoding="utf-8")
    run("sources", "add", str(feed), "--db", db)
    exported = invoke("library", "export", "-", "--db", db).stdout
    assert not {"\x1b", "\x85"} & set(exported)
    assert json.loads(exported)["title"] == "Kabul\x85 rockets\x1b[2J"


def test_a_database_in_a_missing_folder_is_an_error(tmp_path: Path, reports: Path) -> None:
    url = f"sqlite:///{tmp_path / 'typo' / 'library.db'}"
    for args in (["sources", "add", str(reports)], ["sources", "list"], ["library", "import", "-"]):
        code, out = run(*args, "--db", url)
        assert code == 1 and "does not exist" in out, out
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(("where", "says"), [("missing/library.jsonl", "does not exist"), (".", "is a folder")])
def test_library_export_to_an_unusable_path_is_a_clear_error(db: str, tmp_path: Path, where: str, says: str) -> None:
    code, out = run("library", "export", str(tmp_path / where), "--db", db)
    assert code == 1 and says in out and "Traceback" not in out
