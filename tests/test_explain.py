"""`verifier explain` and ``verifier.explain``: each number and person with what was decided and why."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from verifier import explain
from verifier.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "why"),
    [
        ("John Reyes, 33, of Elmwood, was killed.", "33", "", "an age after a name"),
        ("John Reyes, 33, of Elmwood, was killed.", "John Reyes, 33, of Elmwood,", "killed", "passive of 'killed'"),
        ("Three rockets hit the base in 2019.", "2019", "", "a year, never a figure"),
        ("Five bodies were brought to the hospital.", "Five", "killed", "labelled by 'bodies'"),
        ("A community of about 900 mourned.", "about 900", "", "no claim frame and no cue"),
        ("Police arrested a 16-year-old boy.", "a 16-year-old boy", "arrested", "object of 'arrested'"),
    ],
)
def test_every_number_and_person_has_a_decision_and_a_reason(sentence: str, text: str, kind: str, why: str) -> None:
    (explained,) = explain(sentence)
    reading = next(r for r in explained.readings if r.text == text)
    assert reading.kind == kind
    assert any(why in reason for reason in reading.reasons), reading.reasons


def test_cues_are_listed() -> None:
    (explained,) = explain("Two people died and four were hurt.")
    assert ("died", "killed") in explained.cues and ("hurt", "injured") in explained.cues


def test_cli_json() -> None:
    result = runner.invoke(app, ["explain", "Gunmen killed 7 guards at the checkpoint.", "--format", "json"])
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads(result.output)
    assert [(r["text"], r["kind"]) for r in sentence["readings"]] == [("7", "killed")]
    assert sentence["claims"][0]["value"]["low"] == 7


def test_cli_table_escapes_source_text() -> None:
    result = runner.invoke(app, ["explain", "[/x] Three people died.\x1b[2K"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "[/x]" in result.output
