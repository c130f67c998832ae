"""The app's few operations that ``db.Store`` does not offer in the shape a page needs.

Pages stay thin by calling these: each is a short composition of the public ``verifier`` and ``db``
APIs (no SQL, no matching logic), kept here so that the pages and the tests share one version.
"""

from __future__ import annotations

import io
import logging
import os
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePath

# Imported whole here, before ``warm_up``'s thread uses them: a module half-imported by one thread
# is seen half-made by another (see ``ui.desk``: altair looks pandas up in ``sys.modules``).
import pandas
import pyarrow
import streamlit as st

from db import ImportResult, IngestResult, Store
from verifier import Settings, analyse, decode_bytes, example
from verifier.dates import DATE_ORDERS, parse_published
from verifier.intake import document_from_text
from verifier.types import Document

Upload = tuple[str, bytes]
Progress = Callable[[int, int, str], None]

_log = logging.getLogger("verifier.app")
# The longest file name (in bytes) the usual file systems take.
MAX_NAME_BYTES = 255


def settings() -> Settings:
    """Read the environment on every run: it is cheap, and tests change it between app runs."""
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def _open_store(current: Settings) -> Store:
    """One store (and connection pool) per database and settings for the whole server, not one per rerun."""
    return Store.open(current)


def store() -> Store:
    """The library the current settings name, applying their input limit to everything added."""
    return _open_store(settings())


# Read once by ``warm_up``: a sentence with a figure, a group and a claim of responsibility, so that
# every table the extractor compiles on first use is compiled.
WARM_UP_TEXT = "A car bomb killed at least 12 people and wounded 30 in the market, officials said. The group claimed it."


def _warm_up() -> None:
    """What the first check of a fresh server would otherwise spend before its first finding shows:
    the extractor's frames and the roles' lexicon compiled (about 0.4 s here), and pandas and
    pyarrow's first table (about 0.5 s: every page's dataframes go through them). Nothing is read
    from or written to the library."""
    try:
        analyse(WARM_UP_TEXT)
        pyarrow.Table.from_pandas(pandas.DataFrame([{"n": 1, "verdict": "agrees"}]))
    except Exception as exc:  # a warm-up that fails costs the first check its time, nothing else
        log_unexpected(exc)


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Start ``_warm_up`` once per server, beside the first page an editor opens (in a thread of
    its own, so that page is not held up); later calls return the same thread."""
    thread = threading.Thread(target=_warm_up, name="verifier-warm-up", daemon=True)
    thread.start()
    return thread


def log_unexpected(exc: BaseException) -> str:
    """Log an error the verifier did not expect, with its traceback, under a short reference.

    The editor sees only the reference (Streamlit would show a redacted "This app has encountered
    an error"); quoting it lets whoever runs the server find the traceback in the log.
    """
    reference = secrets.token_hex(4).upper()
    _log.error("unexpected error, reference %s", reference, exc_info=exc)
    return reference


def unexpected_message(exc: BaseException, reference: str) -> str:
    return (
        f"Something went wrong that the verifier did not expect ({type(exc).__name__}); nothing else was "
        f"changed. Try again, and if it happens again, report it quoting reference {reference}"
    )


# The command line or a feed watcher in another process may change the library too, unseen by this
# server: a count shown is at most this old.
COUNT_TTL_SECONDS = 30


@st.cache_data(ttl=COUNT_TTL_SECONDS, show_spinner=False, hash_funcs={Store: lambda library: library.url})
def _report_count(library: Store) -> int:
    return library.count_reports()


def report_count(library: Store) -> int:
    """How many reports the library holds, counted once and not on every rerun: counting a
    newsroom's million claims' reports takes longer than drawing the page (issue 9). Every change
    made through this module forgets the count (``library_changed``)."""
    return _report_count(library)


@st.cache_data(ttl=COUNT_TTL_SECONDS, show_spinner=False, hash_funcs={Store: lambda library: library.url})
def _deleted_count(library: Store) -> int:
    return library.count_reports(deleted=True)


def deleted_count(library: Store) -> int:
    """How many reports are deleted (and can be restored), kept like ``report_count``."""
    return _deleted_count(library)


@st.cache_data(ttl=COUNT_TTL_SECONDS, show_spinner=False, hash_funcs={Store: lambda library: library.url})
def _outlet_names(library: Store) -> list[str]:
    return [o.name for o in library.outlets() if o.reports]


def outlet_names(library: Store) -> list[str]:
    """The outlets that have reports, for the Sources page's filter, kept like ``report_count``:
    counting every outlet's reports takes a few tenths of a second in a library of 60,000 reports,
    on every rerun of the page."""
    return _outlet_names(library)


def library_changed() -> None:
    """Forget the cached counts: call after anything that adds, edits or deletes reports."""
    _report_count.clear()
    _deleted_count.clear()
    _outlet_names.clear()


@contextmanager
def changing_library() -> Iterator[None]:
    """Around a page's change to the library (add, edit, delete, restore, import, a feed fetch):
    the cached count is forgotten as soon as it is done, or failed part-way, so the next page drawn
    counts again instead of showing the old figure for up to ``COUNT_TTL_SECONDS``."""
    try:
        yield
    finally:
        library_changed()


def load_example(library: Store) -> list[IngestResult]:
    """Add the shipped example reports; loading twice only reports duplicates."""
    with changing_library():
        return [library.add_document(doc) for doc in example.source_documents()]


def with_form_fields(
    document: Document, *, outlet: str = "", url: str = "", published: str = "", title: str = ""
) -> Document:
    """A pasted document with what the editor typed beside it; typed fields win over the text's
    header block, and a typed publication time replaces the header's along with the warning that it
    could not be read. The time is read as the settings' date order says (``parse_published``)."""
    if published.strip():
        when = parse_published(published, order=settings().date_order)
        document = replace(document, published=when, warnings=())
    return replace(
        document,
        outlet=outlet.strip() or document.outlet,
        url=url.strip() or document.url,
        title=title.strip() or document.title,
    )


def pasted_story(text: str, *, outlet: str = "", published: str = "") -> Document:
    """A story pasted on the check page, with the outlet and publication time typed beside it."""
    document = document_from_text(text, name="the pasted story", order=settings().date_order)
    return with_form_fields(document, outlet=outlet, published=published)


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
    document = document_from_text(text, name="pasted report", order=settings().date_order)
    document = with_form_fields(document, outlet=outlet, url=url, published=published, title=title)
    with changing_library():
        return library.add_document(document)


def add_url(library: Store, url: str) -> IngestResult:
    """The report at ``url``, fetched with the settings' limits and read as ``verifier sources add URL`` reads it."""
    with changing_library():
        return library.add_url(url.strip(), settings=settings())


def add_uploads(library: Store, uploads: Sequence[Upload], *, progress: Progress | None = None) -> list[IngestResult]:
    """Uploaded reference files, each read exactly as ``verifier sources add`` reads a file.

    Each upload is written under its own name to a private temporary folder and handed to
    ``Store.add_paths``, so .txt/.md/.html/.jsonl handling and rejections are the library's own;
    the temporary folder is then cut from the names and messages the editor sees.
    Every file gets its own outcome: one that fails in a way nobody foresaw is rejected with a
    logged reference (``log_unexpected``) and the others still go in.
    """
    results: list[IngestResult] = []
    with changing_library():
        for done, (name, data) in enumerate(uploads, 1):
            try:
                results.extend(_add_upload(library, name, data))
            except Exception as exc:  # see the docstring: one file's surprise must not lose the rest
                reason = unexpected_message(exc, log_unexpected(exc))
                results.append(IngestResult("rejected", safe_upload_name(name), reason=reason))
            if progress:
                progress(done, len(uploads), name)
    return results


def safe_upload_name(name: str) -> str:
    """An uploaded file's name made safe to write in a folder of our own.

    The browser's name is untrusted: only its last part is kept (no "../"), without NUL or other
    control characters, and cut to ``MAX_NAME_BYTES`` while keeping the extension that decides how
    the file is read. A name that is nothing but dots becomes "upload".
    """
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch != "/")
    if base.strip(". ") == "":
        return "upload"
    stem, suffix = os.path.splitext(base)
    if len(suffix.encode("utf-8")) > MAX_NAME_BYTES // 2:
        stem, suffix = base, ""
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + suffix


def _add_upload(library: Store, name: str, data: bytes) -> list[IngestResult]:
    safe_name = safe_upload_name(name)
    with tempfile.TemporaryDirectory(prefix="verifier-upload-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        prefix = f"{folder}/"
        return [
            replace(r, source=r.source.replace(prefix, ""), reason=r.reason.replace(prefix, ""))
            for r in library.add_paths([path])
        ]


def export_library(library: Store) -> str:
    """The whole library as JSONL text, for a download button: hand it over as
    ``partial(export_library, library)`` so that it is written when the button is clicked."""
    buffer = io.StringIO()
    library.export_jsonl(buffer)
    return buffer.getvalue()


def import_library(library: Store, name: str, data: bytes) -> ImportResult:
    """Load an uploaded library export; bad lines come back as errors, good ones are stored."""
    buffer = io.StringIO(decode_bytes(data, name=name))
    buffer.name = name  # type: ignore[misc]
    with changing_library():
        return library.import_jsonl(buffer)


def parse_optional_time(value: str) -> datetime | None:
    """A publication time typed into a form, in the settings' day/month order; None when left empty."""
    return parse_published(value, order=settings().date_order) if value.strip() else None


def published_label() -> str:
    """The label of a publication-time field: it says how a numeric date will be read."""
    order = settings().date_order
    example = "14/03/2025 16:00" if order == "DMY" else "03/14/2025 16:00"
    return f"Published ({DATE_ORDERS[order]}, UTC unless a zone is given; e.g. {example} or March 14, 2025)"
