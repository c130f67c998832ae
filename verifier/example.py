"""The example event shipped as package data: one story and the reference reports it is checked against.

A newcomer with an empty library needs something to check before they trust the tool with their own
copy, and the example is written so that every verdict shows up: the death toll agrees, the wounded
figure conflicts with a later report, the Taliban's denial agrees and the arrests are unverified.
The texts are read through :mod:`importlib.resources`, so the example works from an installed wheel
as well as from a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from .intake import document_from_text
from .types import Document

__all__ = ["source_documents", "story_document", "story_text"]

_STORY = "story.txt"
_SOURCES = "sources"


def _root() -> Traversable:
    return files("verifier").joinpath("data", "example")


def story_text() -> str:
    """The example story as an editor would paste it, header block included."""
    return _root().joinpath(_STORY).read_text(encoding="utf-8")


def story_document() -> Document:
    """The example story after intake, with its outlet and publication time from the header."""
    return document_from_text(story_text(), name=f"example/{_STORY}")


def source_documents() -> list[Document]:
    """The example reference reports, in file-name order (which is also their order of writing)."""
    folder = _root().joinpath(_SOURCES)
    entries = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".txt")), key=lambda e: e.name)
    return [
        document_from_text(entry.read_text(encoding="utf-8"), name=f"example/{_SOURCES}/{entry.name}")
        for entry in entries
    ]
