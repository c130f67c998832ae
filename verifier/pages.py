"""Pages: an HTML page -> the ``Document`` of the article in it.

A news page is mostly navigation, teasers and boilerplate, and every stray sentence would become a
spurious claim. This module finds the article's main text (trafilatura, with a plain ``<p>``
fallback) and the metadata the publisher declared (JSON-LD, meta tags, ``<time>``), and keeps
lxml and trafilatura failures inside: a page without article text is refused with advice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from .dates import parse_published
from .errors import InputError
from .types import Document

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_META_DATE_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
    " or @name='date' or @name='DC.date.issued' or @name='dcterms.created']/@content"
)
_FALLBACK_SKIP = {"script", "style", "nav", "aside", "footer", "form", "noscript", "template"}


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
    title = _first_str(meta.title, extracted.get("title"))
    return Document(
        text=_with_headline(title, text),
        title=title,
        url=url or meta.url or _first_str(extracted.get("url")),
        outlet=_first_str(meta.outlet, extracted.get("sitename")),
        published=meta.published or _date_or_none(extracted.get("date")),
        origin=origin or url,
    )


def _with_headline(title: str, text: str) -> str:
    """The headline carries claims too ("28 dead, several hurt as ..."): trafilatura leaves it out of the
    main text, so it goes first unless the text already starts with it."""
    words = re.findall(r"\w+", title.lower())
    opening = " ".join(re.findall(r"\w+", text[: len(title) + 200].lower()))
    if not words or " ".join(words[: min(6, len(words))]) in opening:
        return text
    return f"{title}\n\n{text}"


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
        except (json.JSONDecodeError, RecursionError):
            continue  # broken, or nested deeper than the parser goes: a hostile page's metadata
        yield from _walk_json_ld(data)


def _walk_json_ld(data: object) -> Iterator[dict[str, Any]]:
    """Flatten lists and ``@graph`` containers into the objects they hold, in document order.

    A loop over a stack rather than recursion: a page decides how deep its JSON-LD nests.
    """
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.append(item.get("@graph"))


def _ld_name(value: object) -> str:
    """A JSON-LD ``publisher``: either a plain name or an object with a ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else ""


def _date_or_none(value: object) -> datetime | None:
    """A date from page metadata, or None: a bad date on a web page must not reject the page."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, datetime):
        try:
            return value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC)
        except OverflowError:
            return None
    if not isinstance(value, str):
        return None
    try:
        return parse_published(value)
    except InputError:
        return None
