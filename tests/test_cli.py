"""`verifier extract` and `verifier check` on real files, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

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
