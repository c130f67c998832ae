"""The app's few operations that ``db.Store`` does not offer in the shape a page needs.

Pages stay thin by calling these: each is a short composition of the public ``verifier`` and ``db``
APIs (no SQL, no matching logic), kept here so that the pages and the tests share one version.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePath

import streamlit as st

from db import ImportResult, IngestResult, Store
from verifier import Settings, decode_bytes, example
from verifier.dates import parse_published
from verifier.intake import document_from_text

Upload = tuple[str, bytes]
Progress = Callable[[int, int, str], None]


def settings() -> Settings:
    """Read the environment on every run: it is cheap, and tests change it between app runs."""
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def _open_store(database_url: str) -> Store:
    """One store (and connection pool) per database for the whole server, not one per rerun."""
    return Store.open(database_url)


def store() -> Store:
    """The library the current settings name."""
    return _open_store(settings().database_url)


def load_example(library: Store) -> list[IngestResult]:
    """Add the shipped example reports; loading twice only reports duplicates."""
    return [library.add_document(doc) for doc in example.source_documents()]


def add_pasted(
    library: Store,
    text: str,
    *,
    outlet: str = "",
    url: str = "",
    published: str = "",
    title: str = "",
) -> IngestResult:
    """A pasted report; the form's fields win over a header block pasted with the text."""
    document = document_from_text(text, name="pasted report")
    document = replace(
        document,
        outlet=outlet.strip() or document.outlet,
        url=url.strip() or document.url,
        title=title.strip() or document.title,
        published=parse_published(published) if published.strip() else document.published,
    )
    return library.add_document(document)


def add_uploads(library: Store, uploads: Sequence[Upload], *, progress: Progress | None = None) -> list[IngestResult]:
    """Uploaded reference files, each read exactly as ``verifier sources add`` reads a file.

    Each upload is written under its own name to a private temporary folder and handed to
    ``Store.add_paths``, so .txt/.md/.html/.jsonl handling and rejections are the library's own;
    the temporary folder is then cut from the names and messages the editor sees.
    """
    results: list[IngestResult] = []
    for done, (name, data) in enumerate(uploads, 1):
        results.extend(_add_upload(library, name, data))
        if progress:
            progress(done, len(uploads), name)
    return results


def _add_upload(library: Store, name: str, data: bytes) -> list[IngestResult]:
    safe_name = PurePath(name).name or "upload"
    with tempfile.TemporaryDirectory(prefix="verifier-upload-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        prefix = f"{folder}/"
        return [
            replace(r, source=r.source.replace(prefix, ""), reason=r.reason.replace(prefix, ""))
            for r in library.add_paths([path])
        ]


def export_library(library: Store) -> str:
    """The whole library as JSONL text, for a download button."""
    buffer = io.StringIO()
    library.export_jsonl(buffer)
    return buffer.getvalue()


def import_library(library: Store, name: str, data: bytes) -> ImportResult:
    """Load an uploaded library export; bad lines come back as errors, good ones are stored."""
    buffer = io.StringIO(decode_bytes(data, name=name))
    buffer.name = name  # type: ignore[misc]
    return library.import_jsonl(buffer)


def parse_optional_time(value: str) -> datetime | None:
    """A publication time typed into a form, or None when the field was left empty."""
    return parse_published(value) if value.strip() else None
