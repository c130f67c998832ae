"""Intake: bytes, files, HTML pages and URLs -> ``Document``.

Everything the editor hands us passes through here first, so this module is where bad input is
refused with a message a person can act on: empty or binary files, unknown encodings, pages with
no article text, and URLs that would turn the verifier into a proxy into the newsroom's network.
Third-party errors (httpx, trafilatura, lxml, json) are translated here and never leak out.
"""

from __future__ import annotations

import codecs
import ipaddress
import json
import re
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePath
from typing import Any, BinaryIO

import charset_normalizer
import httpx
import lxml.html
import trafilatura
from lxml import etree

from .errors import (
    BlockedURLError,
    ConfigError,
    FetchError,
    FetchTimeoutError,
    InputError,
    SourceFormatError,
    TooLargeError,
)
from .settings import Settings
from .types import Document

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

REPORT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_HEADER_KEYS = frozenset({"outlet", "published", "url", "title"})
_JSONL_KEYS = ("outlet", "published", "url", "title", "text")

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
_HEADER_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(r"<(p|div|article|body|head|title|br)\b[^>]*>", re.IGNORECASE)

_PLAIN_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_DATE_ADVICE = "use ISO 8601 such as 2020-11-21T08:15:00Z, or a plain date such as 2020-11-21"

_META_DATE_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
    " or @name='date' or @name='DC.date.issued' or @name='dcterms.created']/@content"
)
_FALLBACK_SKIP = {"script", "style", "nav", "aside", "footer", "form", "noscript", "template"}


# --------------------------------------------------------------------------------------- decoding


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


def _declared_charset(data: bytes) -> str | None:
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


def _parse_content_type(value: str) -> tuple[str, str | None]:
    """Split ``text/html; charset=utf-8`` into the media type and a usable charset."""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset" and raw.strip():
            charset = _known_codec(raw.strip().strip("\"'"))
    return media_type.strip().lower(), charset


# ------------------------------------------------------------------------------------------ dates


def parse_published(value: str) -> datetime:
    """Read a publication time as an aware UTC datetime, or raise ``InputError`` saying why.

    ISO 8601 (with ``Z`` or an offset), plain dates (midnight UTC), RFC 2822 (feeds and HTTP) and
    "21 November 2020"-style dates are accepted. A time without a zone is taken as UTC: reference
    files are meant to be written in UTC, and guessing a local zone would reorder reports silently.
    """
    raw = value.strip()
    if not raw:
        raise InputError(f"the publication date is empty; {_DATE_ADVICE}")
    parsed = _parse_datetime(raw)
    if parsed is None:
        raise InputError(f"cannot read the publication date {value!r}; {_DATE_ADVICE}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _parse_datetime(raw: str) -> datetime | None:
    """Try each accepted format in turn; None when none of them fits."""
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _PLAIN_DATE_FORMATS:
        try:
            return datetime.combine(datetime.strptime(raw, fmt).date(), datetime.min.time())
        except ValueError:
            continue
    return None


def _date_or_none(value: object) -> datetime | None:
    """A date from page metadata, or None: a bad date on a web page must not reject the page."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, datetime):
        return value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC)
    if not isinstance(value, str):
        return None
    try:
        return parse_published(value)
    except InputError:
        return None


# ------------------------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class _PageMeta:
    """What the page's own markup says about itself (JSON-LD, meta tags, ``<time>``)."""

    title: str = ""
    outlet: str = ""
    url: str = ""
    published: datetime | None = None


def document_from_html(html: str, *, url: str = "", origin: str = "") -> Document:
    """The article in a page: main text via trafilatura, plus title, date, outlet and URL.

    Paragraphs are separated by blank lines so later stages can see paragraph breaks. When
    trafilatura finds nothing (tiny or odd pages) the ``<p>`` text is used instead: an editor is
    better served by rough text than by nothing. A page with no text at all is refused.
    Metadata the publisher declared (JSON-LD, Open Graph, ``<time>``) wins over trafilatura's
    guesses, which for titles are often the ``<title>`` with its SEO tail cut off.
    """
    label = origin or url or "the page"
    tree = _parse_html(html)
    extracted = _trafilatura_extract(html, url)
    text = _paragraphs(str(extracted.get("text") or "")) or (
        _plain_paragraphs(tree) if tree is not None else ""
    )
    if not text:
        raise InputError(f"{label} has no readable article text; paste the story's text instead")
    meta = _page_meta(tree) if tree is not None else _PageMeta()
    return Document(
        text=text,
        title=_first_str(meta.title, extracted.get("title")),
        url=url or meta.url or _first_str(extracted.get("url")),
        outlet=_first_str(meta.outlet, extracted.get("sitename")),
        published=meta.published or _date_or_none(extracted.get("date")),
        origin=origin or url,
    )


def _first_str(*values: object) -> str:
    """The first non-blank string among ``values`` (metadata sources in order of trust)."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _parse_html(html: str) -> Any:
    """An lxml tree of the page, or None when lxml cannot make one (empty or broken input)."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


def _trafilatura_extract(html: str, url: str) -> dict[str, Any]:
    """trafilatura's main text and metadata as a dict (empty when it finds no article).

    Precision mode first: it keeps kickers, repeated headlines and sidebars out of the text,
    which would otherwise become spurious claims. If that finds no text, the balanced mode gets a
    second try before the caller falls back to plain ``<p>`` text. Comments and tables are left
    out: flattened table cells lose their headings (figures out of context) and on older sites
    tables are layout and navigation.
    """
    first = _trafilatura_run(html, url, favor_precision=True)
    return first if first.get("text") else _trafilatura_run(html, url, favor_precision=False) or first


def _trafilatura_run(html: str, url: str, *, favor_precision: bool) -> dict[str, Any]:
    """One trafilatura pass; trafilatura is a heuristic parser of arbitrary HTML, so any failure
    inside it degrades to the next fallback rather than failing intake."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url or None,
            include_comments=False,
            include_tables=False,
            favor_precision=favor_precision,
            with_metadata=True,
        )
    except Exception:  # see the docstring
        return {}
    if result is None:
        return {}
    as_dict = getattr(result, "as_dict", None)  # trafilatura 2 returns a Document, 1.x a dict
    data: object = as_dict() if callable(as_dict) else result
    return dict(data) if isinstance(data, dict) else {}


def _paragraphs(text: str) -> str:
    """One paragraph per non-empty line, separated by blank lines (trafilatura gives one per line)."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _plain_paragraphs(tree: Any) -> str:
    """The text of every ``<p>`` outside navigation, forms and scripts: the last-resort extraction."""
    paragraphs = []
    for element in tree.iter("p"):
        if any(ancestor.tag in _FALLBACK_SKIP for ancestor in element.iterancestors()):
            continue
        words = " ".join(element.text_content().split())
        if words:
            paragraphs.append(words)
    return "\n\n".join(paragraphs)


def _page_meta(tree: Any) -> _PageMeta:
    """Title, outlet, canonical URL and publication time from the page's structured markup."""
    ld = list(_json_ld_objects(tree))
    published = _first_date(
        [obj.get("datePublished") for obj in ld]
        + tree.xpath(_META_DATE_XPATH)
        + tree.xpath("//article//time/@datetime")
        + tree.xpath("//time/@datetime")
    )
    return _PageMeta(
        title=_first_str(
            *(obj.get("headline") for obj in ld), *tree.xpath("//meta[@property='og:title']/@content")
        ),
        outlet=_first_str(
            *(_ld_name(obj.get("publisher")) for obj in ld),
            *tree.xpath("//meta[@property='og:site_name']/@content"),
        ),
        url=_first_str(
            *tree.xpath("//link[@rel='canonical']/@href"), *tree.xpath("//meta[@property='og:url']/@content")
        ),
        published=published,
    )


def _first_date(values: Iterable[object]) -> datetime | None:
    """The first of ``values`` that reads as a date, skipping the unreadable ones."""
    for value in values:
        parsed = _date_or_none(value)
        if parsed is not None:
            return parsed
    return None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members included; broken blocks are skipped."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        yield from _walk_json_ld(data)


def _walk_json_ld(data: object) -> Iterator[dict[str, Any]]:
    """Flatten lists and ``@graph`` containers into the objects they hold."""
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item)
    elif isinstance(data, dict):
        yield data
        yield from _walk_json_ld(data.get("@graph"))


def _ld_name(value: object) -> str:
    """A JSON-LD ``publisher``: either a plain name or an object with a ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else ""


# ------------------------------------------------------------------------------- text and headers


def document_from_bytes(data: bytes, *, name: str, content_type: str = "", url: str = "") -> Document:
    """An uploaded or downloaded file as a Document: HTML pages via ``document_from_html``,
    text files via their optional ``Key: value`` header block.

    HTML is recognised by extension, by content type or by content, so a page saved as ``.txt``
    or served without a content type is still read as a page rather than as tag soup.
    """
    media_type, charset = _parse_content_type(content_type)
    suffix = PurePath(name).suffix.lower()
    text = decode_bytes(data, name=name, encoding=charset or _declared_charset(data))
    if _is_html(text, suffix, media_type):
        return document_from_html(text, url=url, origin=name)
    return document_from_text(text, name=name)


def _is_html(text: str, suffix: str, media_type: str) -> bool:
    """Whether to treat ``text`` as a page: declared HTML, or undeclared text that starts like one."""
    if suffix in _HTML_SUFFIXES or media_type in _HTML_TYPES:
        return True
    if _HTML_START.match(text[:4096]):
        return True
    declared_text = suffix in _TEXT_SUFFIXES or media_type in _TEXT_TYPES
    return not declared_text and text.lstrip().startswith("<") and bool(_HTML_TAG.search(text[:4096]))


def document_from_text(text: str, *, name: str) -> Document:
    """A plain-text story or report; a leading header block becomes metadata and leaves the text."""
    header, body = split_header(text, name=name)
    body = body.strip()
    if not body:
        raise InputError(f"{name} has no story text; give the text of the story, not only its headers")
    values = {key: value for key, (value, _) in header.items()}
    published = None
    if values.get("published"):
        try:
            published = parse_published(values["published"])
        except InputError as exc:
            raise SourceFormatError(str(exc), path=name, line=header["published"][1]) from exc
    return Document(
        text=body,
        title=values.get("title", ""),
        url=values.get("url", ""),
        outlet=values.get("outlet", ""),
        published=published,
        origin=name,
    )


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


# ------------------------------------------------------------------------------------------ fetch


@dataclass(frozen=True)
class _AddressPolicy:
    """Which resolved addresses we may connect to: public ones, plus any explicitly allowed."""

    allow_private: bool
    allowed: tuple[IPNetwork, ...] = ()

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` is refused (e.g. "a loopback address"), or None if it may be used."""
        if self.allow_private or any(
            address in net for net in self.allowed if net.version == address.version
        ):
            return None
        return _non_public_kind(address)


def _non_public_kind(address: IPAddress) -> str | None:
    """Name the kind of non-public address, or None for a public one.

    IPv6 forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64) are judged by the IPv4
    address inside, since that is where the packets end up.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            kind = _non_public_kind(embedded)
            if kind is not None:
                return kind
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((f"a {kind} address" for kind, hit in checks if hit), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it is one of the transition forms."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def fetch_url(url: str, *, settings: Settings | None = None, allow_networks: Iterable[str] = ()) -> Document:
    """Download a story page and read it, refusing anything that is not a public web page.

    Every hop (redirects are followed here, not by httpx) is checked: http(s) only, and every
    address the host resolves to must be public, because an editor's tool must not become a proxy
    into the newsroom's network. The connection goes to the address we checked (not a second DNS
    answer), the whole fetch shares one deadline, and the body is capped while it streams.
    ``allow_networks`` lists CIDR ranges to allow anyway (say, the newsroom's own CMS).
    """
    settings = settings or Settings()
    policy = _AddressPolicy(settings.allow_private_addresses, _networks(allow_networks))
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    }
    with (
        _httpx_errors(url, settings),
        httpx.Client(headers=headers, follow_redirects=False, trust_env=False) as client,
    ):
        final_url, content_type, body = _download(client, url, settings, policy, deadline)
    document = document_from_bytes(body, name=final_url, content_type=content_type, url=final_url)
    return replace(document, url=final_url, origin=url)


def _networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Parse the allowed CIDR ranges, refusing a typo rather than silently allowing nothing."""
    try:
        return tuple(ipaddress.ip_network(value, strict=False) for value in values)
    except ValueError as exc:
        raise ConfigError(f"allowed network {exc}; use CIDR notation such as 10.1.2.0/24") from exc


@contextmanager
def _httpx_errors(url: str, settings: Settings) -> Iterator[None]:
    """Turn httpx exceptions into FetchError subclasses with advice, chained to the original."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(
            f"{url} did not answer within {settings.fetch_timeout:g} seconds; "
            "try again later, or save the page and upload it",
            url=url,
        ) from exc
    except httpx.ConnectError as exc:
        raise FetchError(
            f"could not connect to the server of {url} ({exc}); check the address, "
            "or try again later if the site is down",
            url=url,
        ) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid web address ({exc})", url=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"downloading {url} failed ({exc}); try again later", url=url) from exc


def _download(
    client: httpx.Client, url: str, settings: Settings, policy: _AddressPolicy, deadline: float
) -> tuple[str, str, bytes]:
    """Follow redirects hop by hop; return the final URL, its content type and the capped body."""
    current = _checked_url(url)
    for _ in range(settings.fetch_max_redirects + 1):
        response = _send_pinned(client, current, policy, deadline)
        try:
            if response.is_redirect:
                current = _checked_url(str(current.join(response.headers["Location"])))
                continue
            _check_status(response, str(current))
            content_type = _check_content_type(response, str(current))
            return str(current), content_type, _read_capped(response, str(current), settings, deadline)
        finally:
            response.close()
    raise FetchError(
        f"{url} redirected more than {settings.fetch_max_redirects} times; open it in a browser "
        "and give the address it ends up at",
        url=url,
    )


def _checked_url(url: str) -> httpx.URL:
    """Parse ``url`` and refuse schemes other than http(s) and URLs without a host."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid web address ({exc})", url=url) from exc
    if parsed.scheme not in ("http", "https"):
        raise BlockedURLError(
            f"{url} is not an http(s) address; only web pages can be fetched (upload files instead)", url=url
        )
    if not parsed.host:
        raise FetchError(
            f"{url} has no host name; give a full address such as https://example.com/story", url=url
        )
    return parsed


def _resolve(url: httpx.URL) -> list[IPAddress]:
    """Every address the URL's host resolves to (an IP literal resolves to itself)."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"could not find the server {url.host!r} (DNS lookup failed); check the address for typos",
            url=str(url),
        ) from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _send_pinned(
    client: httpx.Client, url: httpx.URL, policy: _AddressPolicy, deadline: float
) -> httpx.Response:
    """Send a GET to an address that passed the policy, trying the next one if it refuses.

    The request goes to the checked IP with the original Host header (and TLS server name), so a
    second DNS answer cannot swap in an internal address after the check (DNS rebinding).
    """
    addresses = _resolve(url)
    for address in addresses:
        reason = policy.refusal(address)
        if reason is not None:
            raise BlockedURLError(
                f"{url} leads to {address}, {reason}; only public web pages can be fetched. "
                "Save the page and upload it instead",
                url=str(url),
            )
    for address in addresses[:-1]:
        try:
            return client.send(_pinned_request(client, url, address, deadline), stream=True)
        except httpx.ConnectError:
            continue  # another address of the same host may answer (IPv6 vs IPv4)
    return client.send(_pinned_request(client, url, addresses[-1], deadline), stream=True)


def _pinned_request(
    client: httpx.Client, url: httpx.URL, address: IPAddress, deadline: float
) -> httpx.Request:
    """A request for ``url`` addressed to ``address`` with the remaining time as its timeout."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("no time left for the request")
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii")},
        timeout=httpx.Timeout(remaining),
        extensions=extensions,
    )


def _check_status(response: httpx.Response, url: str) -> None:
    """Refuse error pages: a 404 page's text is not the story."""
    if response.is_success:
        return
    code = response.status_code
    advice = "check the address" if code < 500 else "the site has a problem; try again later"
    raise FetchError(f"{url} answered HTTP {code} {response.reason_phrase}; {advice}", url=url)


def _check_content_type(response: httpx.Response, url: str) -> str:
    """Accept HTML and plain text (or no declared type); refuse images, PDFs and the like."""
    content_type = response.headers.get("Content-Type", "")
    media_type, _ = _parse_content_type(content_type)
    if media_type and media_type not in _HTML_TYPES | _TEXT_TYPES:
        raise FetchError(
            f"{url} returned {media_type}, not a web page or plain text; give the address of the "
            "article page, or save the story's text and upload it",
            url=url,
        )
    return content_type


def _read_capped(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    """Read the body, stopping at ``fetch_max_bytes`` (declared or actual) and at the deadline."""
    limit = settings.fetch_max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise TooLargeError(
            f"{url} is {int(declared):,} bytes, over the limit of {limit:,} (VERIFIER_FETCH_MAX_BYTES); "
            "save the article's text and upload it instead",
            url=url,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise TooLargeError(
                f"{url} is larger than the limit of {limit:,} bytes (VERIFIER_FETCH_MAX_BYTES); "
                "save the article's text and upload it instead",
                url=url,
            )
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the download took longer than the fetch timeout")
        chunks.append(chunk)
    return b"".join(chunks)


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
        document = document_from_bytes(data, name="standard input")
    elif _URL_LIKE.match(source):
        document = fetch_url(source, settings=settings)
    else:
        path = Path(source).expanduser()
        document = document_from_bytes(read_file_bytes(path, settings=settings), name=str(path))
    _check_length(document, settings)
    return document


def read_file_bytes(path: Path, *, settings: Settings | None = None) -> bytes:
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
            return _read_limited(stream, str(path), settings)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _read_limited(stream: BinaryIO, name: str, settings: Settings) -> bytes:
    """Read at most the byte budget (4 bytes per allowed character) and refuse anything longer."""
    limit = settings.max_input_chars * 4
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{name} is over {limit:,} bytes, too large for one story or report "
            "(VERIFIER_MAX_INPUT_CHARS); give only the article's text"
        )
    return data


def _check_length(document: Document, settings: Settings) -> None:
    """Refuse stories longer than ``max_input_chars``: the checker is built for articles, not books."""
    if len(document.text) > settings.max_input_chars:
        raise InputError(
            f"{document.origin or 'the story'} has {len(document.text):,} characters of text, over the limit "
            f"of {settings.max_input_chars:,} (VERIFIER_MAX_INPUT_CHARS); give only the article's text"
        )


# -------------------------------------------------------------------------------- reference files


def iter_report_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand directories into the report files inside them (sorted, recursive, no hidden files).

    Paths that are not directories come back as given, so a missing or unsupported file named
    explicitly is reported by ``parse_report_file`` instead of vanishing.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        found = (
            candidate
            for candidate in path.rglob("*")
            if candidate.suffix.lower() in REPORT_SUFFIXES
            and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            and candidate.is_file()
        )
        yield from sorted(found)


def parse_report_file(
    path: Path, *, settings: Settings | None = None
) -> tuple[list[Document], list[SourceFormatError]]:
    """Read one reference file into reports, collecting problems instead of stopping at the first.

    A ``.jsonl`` file yields one report per good line and one error per bad line, so one broken
    line does not lose a whole wire feed. Text files without an ``Outlet`` header (and pages
    without a site name) take the file name as the outlet: the matcher needs to know who said it.
    """
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        message = (
            f"unsupported file type {suffix or '(no extension)'!r}; use .txt, .md, .html, .htm or .jsonl"
        )
        return [], [SourceFormatError(message, path=str(path))]
    try:
        data = read_file_bytes(path, settings=settings)
        if suffix == ".jsonl":
            return _parse_jsonl(decode_bytes(data, name=str(path)), path)
        document = document_from_bytes(data, name=str(path))
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


def _parse_jsonl(text: str, path: Path) -> tuple[list[Document], list[SourceFormatError]]:
    """One report per non-blank line; each bad line becomes an error with its line number."""
    documents: list[Document] = []
    errors: list[SourceFormatError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_jsonl_report(line, path, number))
        except SourceFormatError as exc:
            errors.append(exc)
    return documents, errors


def _jsonl_report(line: str, path: Path, number: int) -> Document:
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
        published = parse_published(fields["published"]) if fields["published"] else None
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
