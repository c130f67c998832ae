"""`verifier extract` and `verifier check` on real files, through the real command line."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from verifier.cli import app
from verifier.cli.app import terminal_safe
from verifier.cli.commands import spread_option

runner = CliRunner()

STORY = (
    "Rockets hit Lashkar Gah\n"
    "A rocket attack on Lashkar Gah killed at least six people and wounded 22 others, officials said.\n"
    "Police arrested 4 suspects on Sunday.\n"
    "The Taliban denied involvement.\n"
    "Latest Stories\n"
    "53 arrested in cybercrime bust\n"
    "2 hours -\n"
    "Farmers protest new tax\n"
)


@pytest.fixture()
def event(tmp_path: Path) -> tuple[Path, Path]:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(
        "Outlet: Helmand Wire\nPublished: 2024-05-04T09:00:00Z\nURL: https://example.org/a\n\n"
        "Seven people were killed and 25 wounded when rockets struck Lashkar Gah, officials said.\n"
        "A Taliban spokesman said the group was not involved.\n",
        encoding="utf-8",
    )
    (sources / "b.jsonl").write_text(
        json.dumps(
            {
                "outlet": "Kandahar Daily",
                "published": "2024-05-04T12:00:00Z",
                "url": "https://example.com/b",
                "title": "Rockets in Lashkar Gah",
                "text": "At least six people died in the Lashkar Gah rocket attack.",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    return story, sources


def test_extract_json_follows_the_contract(event: tuple[Path, Path]) -> None:
    story, _ = event
    result = runner.invoke(app, ["extract", str(story), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    kinds = [(c["kind"], c["value"]["low"] if c["value"] else None) for c in payload["claims"]]
    assert kinds == [("killed", 6), ("injured", 22), ("arrested", 4), ("responsibility", None)]
    assert all("53 arrested" not in c["sentence"] for c in payload["claims"])
    first = payload["claims"][0]
    assert payload["story"]["text"][first["span"][0] : first["span"][1]] == "at least six"


def test_extract_from_stdin() -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input="Police detained 86 people.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"][0]["kind"] == "arrested"


def test_check_against_a_folder(event: tuple[Path, Path]) -> None:
    story, sources = event
    result = runner.invoke(app, ["check", str(story), "--against", str(sources), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    verdicts = {c["kind"]: c["verdict"] for c in payload["claims"]}
    assert verdicts == {"killed": "agrees", "injured": "conflicts", "arrested": "unverified", "responsibility": "agrees"}
    killed = next(c for c in payload["claims"] if c["kind"] == "killed")
    assert {e["outlet"] for e in killed["evidence"]} == {"Helmand Wire", "Kandahar Daily"}
    assert payload["summary"]["claims"] == 4
    assert "b.jsonl:2: not valid JSON" in result.stderr


@pytest.mark.parametrize(("fmt", "marker"), [("csv", "claim_id"), ("md", "# "), ("html", "<!DOCTYPE html>")])
def test_check_writes_reports(event: tuple[Path, Path], tmp_path: Path, fmt: str, marker: str) -> None:
    story, sources = event
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["check", str(story), "-a", str(sources), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text(encoding="utf-8")
    # Excel opens a CSV right only with a UTF-8 BOM; the terminal gets none (issue 10).
    assert out.read_bytes().startswith(codecs.BOM_UTF8) == (fmt == "csv")


@pytest.mark.parametrize(
    ("undated", "said"),
    [("story", "undated story story.txt:1: "), ("source", "undated a.txt:2: ")],
)
def test_check_says_which_published_header_it_could_not_read(
    event: tuple[Path, Path], undated: str, said: str
) -> None:
    story, sources = event
    target = story if undated == "story" else sources / "a.txt"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        "Published: the other day\n\n" + text if undated == "story" else text.replace("2024-05-04T09:00:00Z", "the other day"),
        encoding="utf-8",
    )
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["check", str(story), "-a", str(sources), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "the other day" in result.stderr and said in result.stderr.replace(str(target.parent) + "/", "")
    assert json.loads(result.stdout)["summary"]["sources"] == 2  # the undated source is still used


def test_csv_on_the_terminal_has_no_byte_order_mark(event: tuple[Path, Path]) -> None:
    story, sources = event
    result = runner.invoke(app, ["check", str(story), "-a", str(sources), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("claim_id,")


def test_check_table_output(event: tuple[Path, Path]) -> None:
    story, sources = event
    result = runner.invoke(app, ["check", str(story), "-a", str(sources)])
    assert result.exit_code == 0, result.output
    assert "conflicts" in result.stdout and "unverified" in result.stdout


def test_missing_story_is_a_friendly_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nope.txt" in result.stderr


def test_binary_story_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["check", str(path), "-a", str(tmp_path)])
    assert result.exit_code == 1
    assert "binary" in result.stderr.lower()


# -- a check never reports confidence it does not have (issue 10 §3, issue 11 item 20) ---------------


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "refs"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({}, "holds no report files"),
        ({"notes.pdf": b"%PDF-1.4", "draft.docx": b"PK"}, "holds no report files"),
        ({"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "nothing to check against"),
        ({"feed.jsonl": b"{not json\n"}, "nothing to check against"),
    ],
    ids=["empty folder", "no report files", "only a binary file", "only bad lines"],
)
def test_check_with_nothing_to_compare_against_says_so(
    event: tuple[Path, Path], tmp_path: Path, files: dict[str, bytes], says: str
) -> None:
    story, _ = event
    result = runner.invoke(app, ["check", str(story), "--against", str(_folder(tmp_path, files)), "-f", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert says in result.stderr and "Traceback" not in result.output


def test_check_names_what_it_skipped_in_a_folder(event: tuple[Path, Path], tmp_path: Path) -> None:
    story, sources = event
    (sources / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["check", str(story), "--against", str(sources), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "notes.pdf: not a report file (.pdf)" in result.stderr


def test_check_against_an_empty_library_says_so(event: tuple[Path, Path], db_url: str) -> None:
    story, _ = event
    result = runner.invoke(app, ["check", str(story), "--db", db_url])
    assert result.exit_code == 1 and result.stdout == ""
    assert "nothing to check against" in result.stderr and "sources add" in result.stderr


def test_check_against_a_stored_library(event: tuple[Path, Path], db_url: str) -> None:
    story, sources = event
    assert runner.invoke(app, ["sources", "add", str(sources), "--db", db_url]).exit_code == 0
    result = runner.invoke(app, ["check", str(story), "--db", db_url, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert {c["kind"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}["killed"] == "agrees"


@pytest.mark.parametrize("missing", ["no-such-folder", "no-such-file.txt"])
def test_a_missing_against_path_is_no_such_file(event: tuple[Path, Path], tmp_path: Path, missing: str) -> None:
    story, sources = event
    result = runner.invoke(app, ["check", str(story), "--against", str(sources), str(tmp_path / missing)])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{missing}: no such file or folder" in result.stderr and "unsupported" not in result.stderr


def test_a_database_in_a_missing_folder_is_an_error(event: tuple[Path, Path], tmp_path: Path) -> None:
    story, sources = event
    url = f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}"
    for args in (["check", str(story), "--db", url], ["check", str(story), "-a", str(sources), "--db", url]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and "does not exist" in result.stderr, result.output
    assert not (tmp_path / "missing").exists()


def test_against_takes_several_paths_after_one_flag(event: tuple[Path, Path]) -> None:
    story, sources = event
    result = runner.invoke(
        app, ["check", str(story), "--against", str(sources / "a.txt"), str(sources / "b.jsonl"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    killed = next(c for c in json.loads(result.stdout)["claims"] if c["kind"] == "killed")
    assert {e["outlet"] for e in killed["evidence"]} == {"Helmand Wire", "Kandahar Daily"}


@pytest.mark.parametrize(
    ("args", "spread"),
    [
        (["s", "-a", "x", "y", "-f", "json"], ["s", "--against", "x", "--against", "y", "-f", "json"]),
        (["s", "--against", "x", "--db", "u", "-a", "y"], ["s", "--against", "x", "--db", "u", "--against", "y"]),
        (["s", "--against=x", "y"], ["s", "--against=x", "y"]),
        (["s", "-a"], ["s", "--against"]),
        (["s", "-a", "-f", "json"], ["s", "--against", "-f", "json"]),
        (["-a", "x", "s"], ["--against", "x", "--against", "s"]),
        (["s", "-f", "json"], ["s", "-f", "json"]),
        (["-a", "x", "--", "-a", "s"], ["--against", "x", "--", "-a", "s"]),
    ],
)
def test_spread_option(args: list[str], spread: list[str]) -> None:
    assert spread_option(args) == spread


@given(st.lists(st.sampled_from(["s", "x", "-f", "json", "--db", "-a", "--against", "-"]), max_size=12))
def test_spread_option_keeps_every_word_in_order(args: list[str]) -> None:
    """Only flags are added or renamed: every other word stays, in order, and a flag stays a flag."""
    spread = spread_option(args)
    assert [a for a in spread if a not in ("-a", "--against")] == [a for a in args if a not in ("-a", "--against")]
    assert ("-a" in args or "--against" in args) == ("--against" in spread)


# -- --output writes every format, and a bad --output is refused before any work (issue 11 item 10) --


@pytest.mark.parametrize(
    ("command", "fmt", "marker"),
    [("check", "table", "conflicts"), ("check", "json", '"verdict"'), ("extract", "table", "arrested"), ("extract", "json", '"claims"')],
)
def test_output_writes_every_format(event: tuple[Path, Path], tmp_path: Path, command: str, fmt: str, marker: str) -> None:
    story, sources = event
    out = tmp_path / f"out.{fmt}"
    against = ["-a", str(sources)] if command == "check" else []
    result = runner.invoke(app, [command, str(story), *against, "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text(encoding="utf-8") and marker not in result.stdout


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize(("where", "says"), [("missing/report.html", "does not exist"), (".", "is a folder")])
def test_output_that_cannot_be_written_is_a_clear_error(
    event: tuple[Path, Path], tmp_path: Path, command: str, where: str, says: str
) -> None:
    story, sources = event
    against = ["-a", str(sources)] if command == "check" else []
    result = runner.invoke(app, [command, str(story), *against, "-f", "json", "-o", str(tmp_path / where)])
    assert result.exit_code == 1 and says in result.stderr and "Traceback" not in result.output


# -- text from sources never drives the terminal (issue 11 item 8) ----------------------------------


def test_extract_table_prints_markup_and_escape_codes_as_text(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    padding = "The market reopened on Monday after the holiday, traders said. " * 20  # under decode's binary share
    story.write_text(f"Police arrested 4 suspects [/x] [bold]in Kabul\x1b[2J on Sunday.\n{padding}\n", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["extract", str(story)])
    assert result.exit_code == 0, result.output
    assert "[/x] [bold]in Kabul" in result.stdout
    assert "\x1b" not in result.stdout and "\\u001b[2J" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "table"])
def test_check_on_standard_output_escapes_control_characters(event: tuple[Path, Path], tmp_path: Path, fmt: str) -> None:
    story, _ = event
    sources = tmp_path / "feed.jsonl"
    sentence = "Seven people were killed\x1b]0;owned\x07 in Lashkar Gah\x9b31m, officials said [/x]."
    sources.write_text(json.dumps({"outlet": "Wire [/x]", "text": sentence}) + "\n", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["check", str(story), "-a", str(sources), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert not {"\x1b", "\x07", "\x9b"} & set(result.stdout)
    if fmt == "json":  # the escape is JSON's own: the sentence reads back unchanged
        killed = next(c for c in json.loads(result.stdout)["claims"] if c["kind"] == "killed")
        assert killed["evidence"][0]["sentence"] == sentence
    if fmt == "table":  # the outlet's name is shown as written, not read as markup
        assert "Wire [/x]" in result.stdout


def test_terminal_safe_escapes_what_a_terminal_obeys() -> None:
    assert terminal_safe("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert terminal_safe("x\ry\x00\x7f\x85") == "x\\u000dy\\u0000\\u007f\\u0085"


@given(st.text())
def test_terminal_safe_leaves_no_control_character(text: str) -> None:
    safe = terminal_safe(text)
    assert not any(ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) <= 0x9F for c in safe)
    assert json.loads(terminal_safe(json.dumps(text, ensure_ascii=False))) == text


# -- the command line starts at once: nothing heavy is imported before it is needed (issue 10 §3) ----

HEAVY = ("httpx", "trafilatura", "sqlalchemy", "db", "alembic", "pydantic", "verifier.match", "verifier.pages")
# What a help text needs none of: the extractor and its frames, intake, reports, rich's tables.
READER = ("verifier.claims", "verifier.frames", "verifier.roles", "verifier.intake", "verifier.report", "rich.table")


@pytest.mark.parametrize(
    ("args", "unused"),
    [
        (["--help"], HEAVY + READER),
        (["check", "--help"], HEAVY + READER),
        (["extract", "STORY"], HEAVY),
        (["extract", "STORY", "-f", "json"], HEAVY),
    ],
)
def test_the_command_line_imports_only_what_a_command_uses(
    event: tuple[Path, Path], args: list[str], unused: tuple[str, ...]
) -> None:
    story, _ = event
    args = [str(story) if a == "STORY" else a for a in args]
    probe = (
        "import sys\nfrom click.testing import CliRunner\nfrom verifier.cli import app\n"
        f"result = CliRunner().invoke(app, {args!r})\nassert result.exit_code == 0, result.output\n"
        f"print(sorted(m for m in {unused!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
