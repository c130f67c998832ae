"""Intake: stories and reference files -> ``Document``; the way in for every caller.

Everything the editor hands us passes through here first: a story given as a path, a URL or
standard input, and the reference files (text with a ``Key: value`` header block, HTML pages,
JSONL feeds) that fill the library. This module decides what kind of input it has and where it
goes, and refuses what cannot be used with a message a person can act on; the work itself is
done by ``decode`` (bytes -> text), ``pages`` (HTML -> Document), ``fetch`` (URL -> bytes,
behind the SSRF guard) and ``dates``, whose public functions are re-exported here.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from .clean import clean_text
from .dateline import find_dateline
from .dates import DEFAULT_DATE_ORDER, DateOrder, parse_published
from .decode import (
    HTML_TYPES,
    TEXT_TYPES,
    declared_charset,
    decode_bytes,
    normalise_newlines,
    parse_content_type,
)
from .errors import InputError, SourceFormatError
from .settings import Settings
from .types import Document

if TYPE_CHECKING:
    from .pages import document_from_html

__all__ = [
    "REPORT_SUFFIXES",
    "Skipped",
    "check_input_size",
    "decode_bytes",
    "document_from_bytes",
    "document_from_html",
    "document_from_text",
    "fetch_url",
    "iter_report_paths",
    "normalise_newlines",
    "parse_published",
    "parse_report_file",
    "read_file_bytes",
    "read_story",
    "scan_report_paths",
    "split_header",
]

REPORT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})


def __getattr__(name: str) -> Any:
    """``document_from_html`` is re-exported on first use: ``pages`` loads trafilatura and ``fetch``
    loads httpx (a quarter of a second together), which only pages and URLs need, while
    ``verifier --help`` and ``verifier extract`` on a text file must start at once."""
    if name == "document_from_html":
        from .pages import document_from_html

        return document_from_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
_HEADER_KEYS = frozenset({"outlet", "published", "url", "title"})
_JSONL_KEYS = ("outlet", "published", "url", "title", "text")

_HEADER_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(r"<(p|div|article|body|head|title|br)\b[^>]*>", re.IGNORECASE)


# ------------------------------------------------------------------------------- text and headers


def document_from_bytes(
    data: bytes, *, name: str, content_type: str = "", url: str = "", order: DateOrder = DEFAULT_DATE_ORDER
) -> Document:
    """An uploaded or downloaded file as a Document: HTML pages via ``document_from_html``,
    text files via their optional ``Key: value`` header block.

    HTML is recognised by extension, by content type or by content, so a page saved as ``.txt``
    or served without a content type is still read as a page rather than as tag soup.
    """
    media_type, charset = parse_content_type(content_type)
    suffix = PurePath(name).suffix.lower()
    text = decode_bytes(data, name=name, encoding=charset or declared_charset(data))
    if _is_html(text, suffix, media_type):
        from .pages import document_from_html  # trafilatura only where a page is read

        return document_from_html(text, url=url, origin=name)
    return document_from_text(text, name=name, order=order)


def _is_html(text: str, suffix: str, media_type: str) -> bool:
    """Whether to treat ``text`` as a page: declared HTML, or undeclared text that starts like one."""
    if suffix in _HTML_SUFFIXES or media_type in HTML_TYPES:
        return True
    if _HTML_START.match(text[:4096]):
        return True
    declared_text = suffix in _TEXT_SUFFIXES or media_type in TEXT_TYPES
    return not declared_text and text.lstrip().startswith("<") and bool(_HTML_TAG.search(text[:4096]))


def document_from_text(text: str, *, name: str, order: DateOrder = DEFAULT_DATE_ORDER) -> Document:
    """A plain-text story or report; a leading header block becomes metadata and leaves the text.

    A ``Published:`` header that cannot be read leaves the document undated with a warning saying
    so, rather than refusing it: the text and its claims are what matter, and a date can be given
    later (``order`` says how numeric dates read; see ``verifier.dates``).
    """
    header, body = split_header(text, name=name)
    body = body.strip()
    if not body:
        raise InputError(f"{name} has no story text; give the text of the story, not only its headers")
    values = {key: value for key, (value, _) in header.items()}
    published = None
    warnings: tuple[str, ...] = ()
    if values.get("published"):
        try:
            published = parse_published(values["published"], order=order)
        except InputError as exc:
            where = SourceFormatError(str(exc), path=name, line=header["published"][1])
            warnings = (f"{where}; so it has no date: fix the Published: header, or give the time in the app",)
    dateline = ""
    placed = None
    if published is None and "published" not in values:
        line = find_dateline(body, order=order)
        if line is not None:
            dateline, placed = line.line, line.published
    return Document(
        text=body,
        title=values.get("title", "") or _headline(body),
        url=values.get("url", ""),
        outlet=values.get("outlet", ""),
        published=published,
        origin=name,
        warnings=warnings,
        dateline=dateline,
        placed=placed,
    )


# A first line this short and without a full stop reads as the story's headline.
HEADLINE_MAX_WORDS = 20


def _headline(body: str) -> str:
    """The story's first line when it reads as a headline; it stays in the text, it only names the story."""
    first = clean_text(body).text.strip().split("\n", 1)[0].strip()
    if first and len(first.split()) <= HEADLINE_MAX_WORDS and not first.endswith((".", "!", "?", ":", '"', "\u201d")):
        return first
    return ""


def split_header(text: str, *, name: str = "input") -> tuple[dict[str, tuple[str, int]], str]:
    """Split a leading ``Key: value`` block (ended by a blank line) from the text.

    Returns ``{key: (value, line number)}`` with lower-case keys, and the rest of the text. The
    block only counts when every line in it is a known key (Outlet, Published, URL, Title) and a
    blank line follows it, so a story opening "Kabul: rockets hit..." keeps its first line.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    fields: dict[str, tuple[str, int]] = {}
    index = start
    while index < len(lines) and lines[index].strip():
        match = _HEADER_LINE.match(lines[index])
        if not match or match.group(1).lower() not in _HEADER_KEYS:
            return {}, text
        key = match.group(1).lower()
        if key in fields:
            raise SourceFormatError(f"the header {match.group(1)!r} appears twice", path=name, line=index + 1)
        fields[key] = (match.group(2), index + 1)
        index += 1
    if not fields:
        return {}, text
    return fields, "\n".join(lines[index + 1 :])


# ------------------------------------------------------------------------------------------- URLs


def fetch_url(url: str, *, settings: Settings | None = None, allow_networks: Iterable[str] = ()) -> Document:
    """Download a story page behind the SSRF guard (see ``fetch.download``) and read it.

    The Document's ``url`` is the address the page was finally served from (after redirects) and
    its ``origin`` the address the editor gave. ``allow_networks`` lists CIDR ranges to allow
    anyway (say, the newsroom's own CMS).
    """
    from .fetch import download  # httpx only where a URL is fetched (see ``__getattr__``)

    page = download(url, settings=settings, allow_networks=allow_networks)
    document = document_from_bytes(page.body, name=page.url, content_type=page.content_type, url=page.url)
    return replace(document, url=page.url, origin=url)


# ----------------------------------------------------------------------------------- files, stdin


def read_story(source: str, *, settings: Settings | None = None, stdin: BinaryIO | None = None) -> Document:
    """The story to check, from a file path, an http(s) URL, or ``-`` for standard input.

    ``stdin`` replaces ``sys.stdin.buffer`` (for callers that already hold the stream). Anything
    that looks like ``scheme://`` goes to ``fetch_url``, which refuses the schemes it does not
    fetch, so ``file:///etc/passwd`` is refused rather than read as a path.
    """
    settings = settings or Settings()
    if source == "-":
        data = _read_limited(stdin or sys.stdin.buffer, "standard input", settings)
        document = document_from_bytes(data, name="standard input", order=settings.date_order)
    elif _URL_LIKE.match(source):
        document = fetch_url(source, settings=settings)
    else:
        path = Path(source).expanduser()
        data = read_file_bytes(path, settings=settings)
        document = document_from_bytes(data, name=str(path), order=settings.date_order)
    _check_length(document, settings)
    return document


def read_file_bytes(path: Path, *, settings: Settings | None = None, reports: int = 1) -> bytes:
    """A local file's bytes, refusing missing files, directories and files over the size cap."""
    settings = settings or Settings()
    if not path.exists():
        raise InputError(
            f"{path}: no such file; check the path, or give an http(s) URL or '-' for standard input"
        )
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a single file")
    try:
        with path.open("rb") as stream:
            return _read_limited(stream, str(path), settings, reports=reports)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


# A feed file may be as large as this many reports at the input limit: a feed is many reports and
# the limit applies to each, but what one file makes us hold in memory stays bounded.
FEED_REPORTS = 12


def _read_limited(stream: BinaryIO, name: str, settings: Settings, *, reports: int = 1) -> bytes:
    """Read at most the byte budget (4 bytes per allowed character, per report) and refuse anything longer."""
    limit = settings.max_input_chars * 4 * reports
    data = stream.read(limit + 1)
    if len(data) > limit:
        what = "one story or report" if reports == 1 else f"a feed of {reports} reports"
        raise InputError(
            f"{name} is over {limit:,} bytes, over the limit for {what} ({settings.max_input_chars:,} characters "
            "each); give only the article's text, or raise the limit with VERIFIER_MAX_INPUT_CHARS"
        )
    return data


def check_input_size(text: str, *, name: str, max_chars: int) -> None:
    """The one input limit, for every story, report and import line on every way in (CLI, API, app).

    The checker is built for articles, not books: one pasted novel or 10 MB upload would store
    hundreds of thousands of claims and slow every editor's page. A feed is many reports, so the
    limit applies to each report in it, not to the file.
    """
    if len(text) > max_chars:
        raise InputError(
            f"{name} has {len(text):,} characters of text, over the limit of {max_chars:,} for one story "
            "or report; give only the article's text, or raise the limit with VERIFIER_MAX_INPUT_CHARS"
        )


def _check_length(document: Document, settings: Settings) -> None:
    check_input_size(document.text, name=document.origin or "the story", max_chars=settings.max_input_chars)


# -------------------------------------------------------------------------------- reference files


class Skipped(NamedTuple):
    """A file or folder inside a given folder that was not read as a report, and why."""

    path: Path
    reason: str


_REPORT_TYPES = "use .txt, .md, .html, .htm or .jsonl"


def scan_report_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The report files to read from ``paths``, and what was passed over inside folders, with why.

    Folders are read recursively, in sorted order. Passed over, so the editor can see what was not
    read: hidden files and folders (a hidden folder once, not each file in it), other file types,
    links to folders, and links to files outside the folder given: a folder of reports must not be
    a way to read the rest of the disk. Paths that are not folders come back as given, so a missing
    or unsupported file named explicitly is reported by ``parse_report_file`` instead of vanishing.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        root = path.resolve()
        found: list[Path] = []
        for folder, folders, names in os.walk(path):  # os.walk never descends into a link to a folder
            here = Path(folder)
            for name in sorted(folders):
                if name.startswith("."):
                    skipped.append(Skipped(here / name, "a hidden folder; not read"))
                    folders.remove(name)
                elif (here / name).is_symlink():
                    skipped.append(Skipped(here / name, "a link to a folder; not followed"))
            for name in sorted(names):
                reason = _passed_over(here / name, root)
                if reason:
                    skipped.append(Skipped(here / name, reason))
                else:
                    found.append(here / name)
        files.extend(sorted(found))
    return files, skipped


def _passed_over(candidate: Path, root: Path) -> str:
    """Why a file found in the folder ``root`` is not read as a report, or "" when it is."""
    suffix = candidate.suffix.lower()
    if candidate.name.startswith("."):
        return "a hidden file"
    if suffix not in REPORT_SUFFIXES:
        return f"not a report file ({suffix or 'no extension'}); reports {_REPORT_TYPES}"
    if candidate.is_symlink() and not candidate.resolve().is_relative_to(root):
        return "a link to a file outside the folder; not followed"
    if not candidate.is_file():
        return "not a regular file (a broken link, a pipe or a device)"
    return ""


def iter_report_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The report files of ``paths``, folders expanded (see ``scan_report_paths``)."""
    yield from scan_report_paths(paths)[0]


def parse_report_file(
    path: Path, *, settings: Settings | None = None
) -> tuple[list[Document], list[SourceFormatError]]:
    """Read one reference file into reports, collecting problems instead of stopping at the first.

    A ``.jsonl`` file yields one report per good line and one error per bad line, so one broken
    line does not lose a whole wire feed. Text files without an ``Outlet`` header (and pages
    without a site name) take the file name as the outlet: the matcher needs to know who said it.
    """
    suffix = path.suffix.lower()
    if not path.exists():
        return [], [SourceFormatError("no such file or folder; check the path", path=str(path))]
    if suffix not in REPORT_SUFFIXES:
        message = f"unsupported file type {suffix or '(no extension)'!r}; {_REPORT_TYPES}"
        return [], [SourceFormatError(message, path=str(path))]
    try:
        if suffix == ".jsonl":
            data = read_file_bytes(path, settings=settings, reports=FEED_REPORTS)
            return _parse_jsonl(decode_bytes(data, name=str(path)), path, settings or Settings())
        data = read_file_bytes(path, settings=settings)
        document = document_from_bytes(data, name=str(path), order=(settings or Settings()).date_order)
    except InputError as exc:
        return [], [_as_source_error(exc, path)]
    return [replace(document, outlet=document.outlet or path.stem)], []


def _as_source_error(exc: InputError, path: Path) -> SourceFormatError:
    """Re-type an intake error as a SourceFormatError for ``path`` (its message names it already)."""
    if isinstance(exc, SourceFormatError):
        return exc
    error = SourceFormatError(str(exc))
    error.path = str(path)
    return error


def _parse_jsonl(text: str, path: Path, settings: Settings) -> tuple[list[Document], list[SourceFormatError]]:
    """One report per non-blank line; each bad line becomes an error with its line number."""
    documents: list[Document] = []
    errors: list[SourceFormatError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_jsonl_report(line, path, number, settings))
        except SourceFormatError as exc:
            errors.append(exc)
    return documents, errors


def _jsonl_report(line: str, path: Path, number: int, settings: Settings) -> Document:
    """A report from one JSONL line, or a SourceFormatError saying what is wrong with the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"not valid JSON ({exc.msg} at column {exc.colno})", path=str(path), line=number
        ) from exc
    if not isinstance(record, dict):
        raise SourceFormatError(
            f"expected a JSON object with the keys {', '.join(_JSONL_KEYS)}", path=str(path), line=number
        )
    fields: dict[str, str] = {}
    for key in _JSONL_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise SourceFormatError(
                f"{key!r} must be a string, not {type(value).__name__}", path=str(path), line=number
            )
        fields[key] = (value or "").strip()
    if not fields["text"]:
        raise SourceFormatError(
            "the report has no 'text'; every line needs the report's text", path=str(path), line=number
        )
    try:
        check_input_size(fields["text"], name="the report", max_chars=settings.max_input_chars)
        published = parse_published(fields["published"], order=settings.date_order) if fields["published"] else None
    except InputError as exc:
        raise SourceFormatError(str(exc), path=str(path), line=number) from exc
    return Document(
        text=normalise_newlines(fields["text"]),
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"] or path.stem,
        published=published,
        origin=f"{path}:{number}",
    )
