"""The frames file is data a newsroom edits: loading it must report every problem at once."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from verifier import ConfigError
from verifier.frames import compile_frames, default_frames, load_frames


def _data() -> dict:
    return tomllib.loads(resources.files("verifier").joinpath("data/frames.toml").read_text(encoding="utf-8"))


def test_packaged_frames_compile() -> None:
    frames = default_frames()
    assert {f.kind for f in frames.casualty} == {"killed", "injured", "arrested"}
    assert "the group" in frames.anaphors


def test_every_problem_is_reported_at_once() -> None:
    data = _data()
    data["kinds"]["killed"]["after"] = []
    data["nouns"]["munitions"] = ["rockets(", "shells"]
    del data["responsibility"]["blamed"]
    with pytest.raises(ConfigError) as err:
        compile_frames(data)
    message = str(err.value)
    assert "kinds.killed.after" in message
    assert "nouns.munitions: 'rockets('" in message
    assert "responsibility.blamed" in message


def test_a_newsroom_can_add_words(tmp_path: Path) -> None:
    text = resources.files("verifier").joinpath("data/frames.toml").read_text(encoding="utf-8")
    extended = text.replace('munitions = [\n', 'munitions = [\n  "hellfires",\n', 1)
    path = tmp_path / "frames.toml"
    path.write_text(extended, encoding="utf-8")
    frames = load_frames(path)
    assert frames.munitions_noun.match(" hellfires")
    assert not default_frames().munitions_noun.match(" hellfires")


def test_unreadable_frames_file(tmp_path: Path) -> None:
    path = tmp_path / "frames.toml"
    path.write_text("kinds = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read claim frames"):
        load_frames(path)
