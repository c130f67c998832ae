"""Intake: bytes, files, HTML pages and URLs -> Document. (Being written: see the intake helper.)"""

from __future__ import annotations

from pathlib import Path

from .errors import SourceFormatError
from .settings import Settings
from .types import Document


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    raise NotImplementedError


def document_from_html(html: str, *, url: str = "") -> Document:
    raise NotImplementedError


def document_from_bytes(data: bytes, *, name: str, content_type: str = "") -> Document:
    raise NotImplementedError


def fetch_url(url: str, *, settings: Settings | None = None) -> Document:
    raise NotImplementedError


def read_story(source: str, *, settings: Settings | None = None) -> Document:
    raise NotImplementedError


def parse_report_file(path: Path) -> tuple[list[Document], list[SourceFormatError]]:
    raise NotImplementedError
