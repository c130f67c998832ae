"""One watch run: every due feed fetched once, its new items' pages read and added to the library.

The stages, per feed:
  1. take the due feeds (leased, so a second worker takes others; see ``db.feeds``);
  2. fetch the feed through the SSRF-guarded fetcher, conditionally (ETag, Last-Modified): a 304
     stores nothing;
  3. read its items (``verifier.feeds``), keep those no feed has taken in (canonical URLs) and those
     the feed says changed since they were (a new version of the article);
  4. fetch each item's page through the normal intake (trafilatura's main text), politely: one
     request at a time, ``watch_host_delay`` (or the robots.txt Crawl-delay) between two to one
     host, and nothing robots.txt disallows;
  5. add the pages through the store's normal batch path (content-hash dedupe, versions);
  6. record the feed's state (validators, new items, last error) and when it is next due.
A feed that fails (bad XML, an HTTP error, a timeout, a private address) is recorded as failed
and the run goes on with the next; a page that fails is reported and tried again next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from verifier import intake
from verifier.errors import FetchError, InputError, VerifierError
from verifier.feeds import FeedItem, parse_feed, robots_allow, robots_delay, robots_url
from verifier.fetch import FEED_TYPES, NOT_MODIFIED, Conditional, download
from verifier.settings import Settings
from verifier.types import Document

from .feeds import Feed, FeedOutcome, FeedStore
from .records import IngestResult

# The longest Crawl-delay honoured; a robots.txt asking more would stall the whole run.
MAX_CRAWL_DELAY = 30.0

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ItemProblem:
    """An item whose page was not added, and why."""

    url: str
    reason: str


@dataclass(frozen=True)
class FeedRun:
    """What one feed gave in a run: for the per-feed summary."""

    feed: Feed
    status: str  # "fetched", "not modified", "failed"
    items: int = 0
    added: int = 0
    duplicates: int = 0
    problems: tuple[ItemProblem, ...] = ()
    error: str = ""
    results: tuple[IngestResult, ...] = field(default=(), repr=False)


class _Politeness:
    """One request at a time per host (the run is sequential), a delay between two, robots.txt obeyed."""

    def __init__(self, settings: Settings, allow_networks: tuple[str, ...]) -> None:
        self.settings = settings
        self.allow_networks = allow_networks
        self._last: dict[str, float] = {}
        self._robots: dict[str, str] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.settings.watch_host_delay
        asked = robots_delay(self._robots.get(host, ""), user_agent=self.settings.user_agent)
        if asked is not None:
            delay = max(delay, min(asked, MAX_CRAWL_DELAY))
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets us fetch ``url``; a robots.txt that cannot be read allows all."""
        host = urlsplit(url).netloc.lower()
        if host not in self._robots:
            self.wait(url)
            try:
                page = download(robots_url(url), settings=self.settings, allow_networks=self.allow_networks)
                self._robots[host] = page.body.decode("utf-8", errors="replace")
            except FetchError:
                self._robots[host] = ""  # as crawlers do for a missing robots.txt
        return robots_allow(self._robots[host], url, user_agent=self.settings.user_agent)


def run_watch(
    feeds: FeedStore,
    *,
    settings: Settings,
    progress: Progress | None = None,
    now: datetime | None = None,
    allow_networks: Iterable[str] = (),
) -> list[FeedRun]:
    """Fetch every due feed once and add its new items' pages; one ``FeedRun`` per feed, in order.

    ``allow_networks`` lists CIDR ranges every fetch may reach anyway (see ``verifier.fetch.download``).
    """
    due = feeds.take_due(now=now)
    polite = _Politeness(settings, tuple(allow_networks))
    runs: list[FeedRun] = []
    for number, feed in enumerate(due, 1):
        if progress:
            progress(number - 1, len(due), feed.url)
        run = _run_feed(feeds, feed, settings, polite)
        runs.append(replace(run, feed=feeds.record(feed, _outcome(run), now=now)))
        if progress:
            progress(number, len(due), feed.url)
    return runs


def _outcome(run: FeedRun) -> FeedOutcome:
    """What to record of a run: a fetched feed's ``run.feed`` carries the validators it was served with."""
    return FeedOutcome(run.status, new_items=run.added, etag=run.feed.etag, last_modified=run.feed.last_modified, error=run.error)


def _run_feed(feeds: FeedStore, feed: Feed, settings: Settings, polite: _Politeness) -> FeedRun:
    """Stages 2-5 for one feed; a failure of the feed itself becomes a failed ``FeedRun``."""
    try:
        if not polite.allowed(feed.url):
            return FeedRun(feed, "failed", error=f"{feed.url} is disallowed by its site's robots.txt")
        polite.wait(feed.url)
        page = download(
            feed.url,
            settings=settings,
            allow_networks=polite.allow_networks,
            accept=FEED_TYPES,
            conditional=Conditional(feed.etag, feed.last_modified),
        )
        if page.status == NOT_MODIFIED:
            return FeedRun(feed, "not modified")
        parsed = parse_feed(page.body, url=page.url, content_type=page.content_type)
    except VerifierError as exc:
        return FeedRun(feed, "failed", error=str(exc))
    fetched = replace(feed, etag=page.etag, last_modified=page.last_modified)
    documents: list[tuple[str, Document]] = []
    problems: list[ItemProblem] = []
    for item in feeds.unseen(parsed.items):
        if not feeds.claim_item(feed.id, item):
            continue  # another worker took it meanwhile
        doc_or_problem = _read_item(item, feed, settings, polite)
        if isinstance(doc_or_problem, ItemProblem):
            problems.append(doc_or_problem)
            feeds.release_item(item.url)
            continue
        documents.append((item.url, doc_or_problem))
    results = feeds.store.add_documents([doc for _, doc in documents], reliability=feed.reliability) if documents else []
    added = duplicates = 0
    for (url, _), result in zip(documents, results, strict=True):
        feeds.settle_item(url, status=result.status, report_id=result.report_id)
        added += result.status == "added"
        duplicates += result.status == "duplicate"
        if result.status == "rejected":
            problems.append(ItemProblem(url, result.reason))
    return FeedRun(fetched, "fetched", len(parsed.items), added, duplicates, tuple(problems), parsed.warning, tuple(results))


def _read_item(item: FeedItem, feed: Feed, settings: Settings, polite: _Politeness) -> Document | ItemProblem:
    """An item's page as a Document of the feed's outlet, or why it could not be read."""
    try:
        if not polite.allowed(item.url):
            return ItemProblem(item.url, "disallowed by the site's robots.txt")
        polite.wait(item.url)
        doc = intake.fetch_url(item.url, settings=settings, allow_networks=polite.allow_networks)
    except (FetchError, InputError) as exc:  # a refused address (BlockedURLError) among them
        return ItemProblem(item.url, str(exc))
    return replace(
        doc,
        outlet=feed.outlet,
        title=doc.title or item.title,
        published=doc.published or item.published,
    )
