"""Decoding: the bytes of an upload or a downloaded page -> text with ``\\n`` newlines.

Editors hand over files from Word, old CMSes and web servers that declare charsets loosely, and
sometimes a PDF or an image by mistake. This module is the one place that decides how bytes
become text (byte-order marks, declared charsets, detection) and refuses binary data with a
message that says what to give instead, so every later stage can assume clean ``str`` input.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

from .errors import InputError

# Media types whose bodies we read: web pages, and plain text (with or without a header block).
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES: frozenset[str] = frozenset({"text/plain", "text/markdown"})

# Signatures of files editors upload by mistake, with what to tell them.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)
_BINARY_ADVICE = "give the story as plain text (.txt), an .html page or a link, or paste its text"

# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer scores within this margin count as a tie (see ``_detect_encoding``).
_DETECTION_TIE = 0.01
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.02

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, *, name: str = "input", encoding: str | None = None) -> str:
    """Decode an upload or a page body to text with ``\\n`` newlines, or refuse it clearly.

    A byte-order mark wins; otherwise UTF-8 (almost every modern file), then ``encoding`` (a
    charset the server or the page declared), then detection. Binary files are refused with a hint
    of what to give instead, because decoding a PDF "successfully" would yield garbage claims.
    """
    if not data:
        raise InputError(f"{name} is empty; give a file or page that contains the story's text")
    bom_encoding = _bom_encoding(data)
    if bom_encoding:
        text = _decode_marked(data, bom_encoding, name)
    else:
        _refuse_binary_bytes(data, name)
        text = _decode_unmarked(data, encoding, name)
    if not text:
        raise InputError(f"{name} is empty; give a file or page that contains the story's text")
    _refuse_binary_text(text, name)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """Turn Windows and old Mac line endings into ``\\n`` so offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str | None:
    """The codec a leading byte-order mark asks for (the codec strips the mark itself)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_marked(data: bytes, encoding: str, name: str) -> str:
    """Decode text that carries a byte-order mark; a mark on undecodable bytes is refused."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.removesuffix("-sig").upper()
        raise InputError(
            f"{name} starts with a {label} byte-order mark but is not valid {label} text; "
            "save it again as UTF-8 text"
        ) from exc


def _refuse_binary_bytes(data: bytes, name: str) -> None:
    """Refuse known binary formats by signature, and anything with NUL bytes (text has none)."""
    head = data[:16]
    for signature, kind in _BINARY_SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"{name} looks like {kind}, not text; {_BINARY_ADVICE}")
    if b"\x00" in data:
        raise InputError(
            f"{name} looks like a binary file (it contains NUL bytes), not text; {_BINARY_ADVICE}"
        )


def _refuse_binary_text(text: str, name: str) -> None:
    """Refuse decoded "text" that is mostly control characters: binary data in disguise."""
    controls = len(_CONTROL_CHARS.findall(text))
    if "\x00" in text or controls > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise InputError(f"{name} looks like a binary file, not text; {_BINARY_ADVICE}")


def _decode_unmarked(data: bytes, encoding: str | None, name: str) -> str:
    """The first candidate encoding that decodes every byte; never a lossy ``errors='replace'``."""
    for candidate in _candidate_encodings(data, encoding):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        f"{name} is not UTF-8 and its text encoding could not be recognised; save it as UTF-8 text and try again"
    )


def _candidate_encodings(data: bytes, encoding: str | None) -> Iterator[str]:
    """UTF-8 (almost every modern file), then the declared charset, then detection (run lazily:
    it is the slow step and rarely needed)."""
    yield "utf-8"
    if encoding:
        yield encoding
    guess = _detect_encoding(data)
    if guess is not None:
        yield guess


def _detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring Windows-1252 among equally good candidates.

    On short Western text the detector cannot tell cp1252 from cp1250 or even UTF-16 and ranks
    them as ties; newsroom copy that is not UTF-8 is overwhelmingly cp1252 (Word, old CMSes), so
    a tie goes to cp1252. A clear winner (Cyrillic, Greek, Central European) still wins.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = (
            match.chaos <= best.chaos + _DETECTION_TIE and match.coherence >= best.coherence - _DETECTION_TIE
        )
        if tied and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return str(best.encoding)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares in its first bytes, if it names a real codec."""
    match = _META_CHARSET.search(data[:4096])
    return _known_codec(match.group(1).decode("ascii", "ignore")) if match else None


def _known_codec(name: str) -> str | None:
    """``name`` if Python knows the codec, else None (servers do send made-up charsets)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def parse_content_type(value: str) -> tuple[str, str | None]:
    """Split ``text/html; charset=utf-8`` into the media type and a usable charset."""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset" and raw.strip():
            charset = _known_codec(raw.strip().strip("\"'"))
    return media_type.strip().lower(), charset
