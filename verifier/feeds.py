"""Feeds and news sitemaps -> the items they list: pure functions over bytes already fetched.

A feed's text is untrusted like every source: feedparser reads RSS and Atom leniently (a feed with
a stray ``&`` is still read, as readers do), and only a body from which nothing at all can be read
is refused. News sitemaps (``<urlset>`` with ``news:`` entries) are read with lxml, with entities
and network access off. Item links are made absolute and canonical (courlan: lower-case host,
tracking parameters and fragments dropped), so the same story reached through two links or two
feeds is one item.
"""

from __future__ import annotations

import re
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import InputError, SourceFormatError

# Accepted intervals: a number and a unit ("90s", "10m", "2h", "1d"); a bare number is minutes.
_INTERVAL = re.compile(r"\s*(\d+)\s*([smhd]?)\s*", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}
# Looking more often than this is impolite to an outlet, and no newsroom needs it.
MIN_INTERVAL = timedelta(minutes=1)
DEFAULT_INTERVAL = timedelta(minutes=10)
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class FeedItem:
    """One listed story: its canonical URL and what the feed says of it (title, time, last update).

    ``updated`` is when the feed says the article last changed (Atom ``<updated>``, RSS ``atom:updated``
    or a sitemap's ``lastmod``): a later one than when the item was taken in means a new version.
    """

    url: str
    title: str = ""
    published: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed body lists; ``warning`` says what a lenient read had to step over."""

    title: str
    items: tuple[FeedItem, ...]
    warning: str = ""


def parse_interval(text: str) -> timedelta:
    """An interval as editors write it ("10m", "2h", "90s", "1d"; a bare number is minutes).

    >>> parse_interval("10m")
    datetime.timedelta(seconds=600)
    """
    match = _INTERVAL.fullmatch(text)
    if not match:
        raise InputError(f"{text!r} is not an interval; write it as 10m, 2h or 1d")
    interval = timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()])
    if interval < MIN_INTERVAL:
        raise InputError(f"{text!r} is too often; look at a feed at most once a minute")
    return interval


def format_interval(seconds: int) -> str:
    """The shortest way to write ``seconds`` the way ``parse_interval`` reads it back.

    >>> format_interval(7200)
    '2h'
    """
    for unit in ("d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def canonical_url(url: str, *, base: str = "") -> str:
    """``url`` made absolute against ``base`` and canonical; '' for anything but an http(s) address.

    >>> canonical_url("/a?utm_source=x#top", base="https://Example.com/feed")
    'https://example.com/a'
    """
    from courlan import normalize_url  # trafilatura's dependency; loaded only when feeds are read

    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    try:
        return str(normalize_url(absolute, strict=True))
    except ValueError:
        return ""


def parse_feed(body: bytes, *, url: str, content_type: str = "application/xml") -> ParsedFeed:
    """The items of an RSS or Atom feed or a news sitemap at ``url``; refused if none can be read.

    ``content_type`` is what the server declared (feedparser reads the charset from it).
    """
    head = body[:2048].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _parse_sitemap(body, url)
    import feedparser  # loaded only when a feed is read

    parsed: Any = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type or "application/xml"})
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise SourceFormatError(f"is not an RSS or Atom feed ({why or 'nothing could be read'})", path=url)
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = canonical_url(str(entry.get("link") or ""), base=url)
        if not link or link in seen:
            continue
        seen.add(link)
        updated = dict.get(entry, "updated_parsed")  # feedparser's own get() maps it to published_parsed
        items.append(FeedItem(link, str(entry.get("title") or "").strip(), _entry_time(entry), _struct_time(updated)))
    warning = f"read past an error in the feed: {parsed.bozo_exception}" if parsed.get("bozo") else ""
    return ParsedFeed(str(parsed.feed.get("title") or "").strip(), tuple(items), warning)


def _entry_time(entry: Any) -> datetime | None:
    """An entry's publication (or else update) time, aware in UTC, or None if it gives none."""
    return _struct_time(dict.get(entry, "published_parsed")) or _struct_time(dict.get(entry, "updated_parsed"))


def _struct_time(value: Any) -> datetime | None:
    """feedparser's UTC ``time.struct_time`` as an aware datetime."""
    if not value:
        return None
    year, month, day, hour, minute, second = value[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _parse_sitemap(body: bytes, url: str) -> ParsedFeed:
    """A news sitemap's ``<url>`` entries: location, and the news title and publication date if given."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceFormatError(f"is not a readable sitemap ({exc})", path=url) from exc
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in root.iter(f"{{{_SITEMAP_NS}}}url"):
        link = canonical_url(entry.findtext(f"{{{_SITEMAP_NS}}}loc") or "", base=url)
        if not link or link in seen:
            continue
        seen.add(link)
        title = (entry.findtext(f".//{{{_NEWS_NS}}}title") or "").strip()
        published = _iso_time(entry.findtext(f".//{{{_NEWS_NS}}}publication_date") or "")
        items.append(FeedItem(link, title, published, _iso_time(entry.findtext(f"{{{_SITEMAP_NS}}}lastmod") or "")))
    return ParsedFeed("", tuple(items))


def _iso_time(text: str) -> datetime | None:
    """A sitemap's W3C datetime (or an RFC 822 date, which some sitemaps give), aware in UTC."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def robots_url(url: str) -> str:
    """Where the robots.txt that governs ``url`` is.

    >>> robots_url("https://example.com/news/a?b=1")
    'https://example.com/robots.txt'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def robots_allow(robots_txt: str, url: str, *, user_agent: str) -> bool:
    """Whether a robots.txt lets ``user_agent`` fetch ``url`` (an empty one allows everything)."""
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots_txt.splitlines())
    return parser.can_fetch(user_agent, url)


def robots_delay(robots_txt: str, *, user_agent: str) -> float | None:
    """The Crawl-delay a robots.txt asks of ``user_agent``, in seconds, if it asks one."""
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots_txt.splitlines())
    delay = parser.crawl_delay(user_agent)
    return None if delay is None else float(delay)
