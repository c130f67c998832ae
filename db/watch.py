"""One watch run: every due feed fetched once, its new items' pages read and added to the library.

The stages, per feed:
  1. take the due feeds (leased, so a second worker takes others; see ``db.feeds``);
  2. fetch the feed through the SSRF-guarded fetcher, conditionally (ETag, Last-Modified): a 304
     stores nothing;
  3. read its items (``verifier.feeds``), keep those no feed has taken in (canonical URLs) and those
     the feed says changed since they were (a new version of the article);
  4. claim the items (one transaction per ``ITEM_CHUNK``) and fetch their pages politely: one
     request at a time per host, ``watch_host_delay`` (or the robots.txt Crawl-delay) between two
     to one host, nothing robots.txt disallows; several hosts at once, in background threads,
     while the pages already in are read by the normal intake (trafilatura's main text);
  5. add the pages through the store's normal batch path (content-hash dedupe, versions) and
     record how each item ended (one transaction per chunk);
  6. record the feed's state (validators, new items, last error) and when it is next due.
A feed that fails (bad XML, an HTTP error, a timeout, a private address) is recorded as failed
and the run goes on with the next; a page that fails is reported and tried again next run.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from verifier import intake
from verifier.errors import FetchError, InputError, VerifierError
from verifier.feeds import FeedItem, parse_feed, robots_allow, robots_delay, robots_url
from verifier.fetch import FEED_TYPES, NOT_MODIFIED, Conditional, Download, download
from verifier.settings import Settings
from verifier.types import Document

from .feeds import Feed, FeedOutcome, FeedStore
from .records import IngestResult

# The longest Crawl-delay honoured; a robots.txt asking more would stall the whole run.
MAX_CRAWL_DELAY = 30.0
# Items claimed, read and stored together: one transaction to claim them and one to settle them
# instead of two per item, while a worker that dies mid-run strands at most this many claims.
ITEM_CHUNK = 100
# Hosts whose item pages are downloaded at once (each still one request at a time), and how many
# downloaded pages may wait to be read.
HOSTS_AT_ONCE = 4
PAGES_AHEAD = 8
# How long a robots.txt read is trusted in one process (RFC 9309 allows up to a day).
ROBOTS_TTL = 3600.0

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


class RobotsCache:
    """robots.txt texts by host, each kept for ``ROBOTS_TTL``: a process that watches again and again
    (``verifier watch --every``, the app, the benchmark) asks a host for it once an hour, not every
    run, so a run with nothing new makes only the feeds' conditional requests."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[float, str]] = {}

    def get(self, host: str) -> str | None:
        kept = self._texts.get(host)
        if kept is None or time.monotonic() - kept[0] > ROBOTS_TTL:
            return None
        return kept[1]

    def put(self, host: str, text: str) -> None:
        self._texts[host] = (time.monotonic(), text)


class _Politeness:
    """One request at a time per host (the run is sequential), a delay between two, robots.txt obeyed."""

    def __init__(self, settings: Settings, allow_networks: tuple[str, ...], robots: RobotsCache) -> None:
        self.settings = settings
        self.allow_networks = allow_networks
        self._last: dict[str, float] = {}
        self._robots = robots

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.settings.watch_host_delay
        asked = robots_delay(self._robots.get(host) or "", user_agent=self.settings.user_agent)
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
        text = self._robots.get(host)
        if text is None:
            self.wait(url)
            try:
                page = download(robots_url(url), settings=self.settings, allow_networks=self.allow_networks)
                text = page.body.decode("utf-8", errors="replace")
            except FetchError:
                text = ""  # as crawlers do for a missing robots.txt
            self._robots.put(host, text)
        return robots_allow(text, url, user_agent=self.settings.user_agent)


def run_watch(
    feeds: FeedStore,
    *,
    settings: Settings,
    progress: Progress | None = None,
    now: datetime | None = None,
    allow_networks: Iterable[str] = (),
    robots: RobotsCache | None = None,
) -> list[FeedRun]:
    """Fetch every due feed once and add its new items' pages; one ``FeedRun`` per feed, in order.

    ``allow_networks`` lists CIDR ranges every fetch may reach anyway (see ``verifier.fetch.download``);
    ``robots`` keeps robots.txt across the runs of one process (a fresh one per run without it).
    """
    due = feeds.take_due(now=now)
    polite = _Politeness(settings, tuple(allow_networks), robots or RobotsCache())
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
    problems: list[ItemProblem] = []
    results: list[IngestResult] = []
    unseen = feeds.unseen(parsed.items)
    for start in range(0, len(unseen), ITEM_CHUNK):
        chunk_results, chunk_problems = _take_in(feeds, feed, unseen[start : start + ITEM_CHUNK], settings, polite)
        results += chunk_results
        problems += chunk_problems
    added = sum(result.status == "added" for result in results)
    duplicates = sum(result.status == "duplicate" for result in results)
    return FeedRun(fetched, "fetched", len(parsed.items), added, duplicates, tuple(problems), parsed.warning, tuple(results))


def _take_in(
    feeds: FeedStore, feed: Feed, items: list[FeedItem], settings: Settings, polite: _Politeness
) -> tuple[list[IngestResult], list[ItemProblem]]:
    """Stages 4-5 for one chunk of items: claim them (one transaction), read their pages as they
    arrive, add them in one batch and say how each ended (one transaction); failed pages are released."""
    documents: list[tuple[str, Document]] = []
    problems: list[ItemProblem] = []
    claimed = feeds.claim_items(feed.id, items)  # those another worker took meanwhile are left out
    for item, page in _pages(claimed, settings, polite):
        doc_or_problem = page if isinstance(page, ItemProblem) else _read_page(item, page, feed)
        if isinstance(doc_or_problem, ItemProblem):
            problems.append(doc_or_problem)
        else:
            documents.append((item.url, doc_or_problem))
    feeds.release_items(problem.url for problem in problems)
    results = feeds.store.add_documents([doc for _, doc in documents], reliability=feed.reliability) if documents else []
    feeds.settle_items((url, result.status, result.report_id) for (url, _), result in zip(documents, results, strict=True))
    problems += [ItemProblem(url, result.reason) for (url, _), result in zip(documents, results, strict=True) if result.status == "rejected"]
    return results, problems


def _pages(items: list[FeedItem], settings: Settings, polite: _Politeness) -> Iterator[tuple[FeedItem, Download | ItemProblem]]:
    """Each item's page (or why it could not be had), in the order they arrive.

    The pages are downloaded in background threads while the caller reads the ones already in:
    one thread per host (``HOSTS_AT_ONCE`` hosts at a time), so a host still gets one request at
    a time, with its delay, while a slow outlet does not hold up the others. At most
    ``PAGES_AHEAD`` pages wait to be read, so memory stays bounded whatever the feed's size.
    """
    by_host: dict[str, list[FeedItem]] = {}
    for item in items:
        by_host.setdefault(urlsplit(item.url).netloc.lower(), []).append(item)
    arrived: queue.Queue[tuple[FeedItem, Download | ItemProblem] | None] = queue.Queue(maxsize=PAGES_AHEAD)
    stop = threading.Event()

    def hand_on(entry: tuple[FeedItem, Download | ItemProblem] | None) -> None:
        while not stop.is_set():
            try:
                arrived.put(entry, timeout=0.1)
                return
            except queue.Full:
                continue

    def fetch_host(host_items: list[FeedItem]) -> None:
        try:
            for item in host_items:
                if stop.is_set():
                    return
                hand_on((item, _download_item(item, settings, polite)))
        finally:
            hand_on(None)  # this host is done

    if not by_host:
        return
    pool = ThreadPoolExecutor(max_workers=min(HOSTS_AT_ONCE, len(by_host)), thread_name_prefix="verifier-watch")
    try:
        hosts = [pool.submit(fetch_host, host_items) for host_items in by_host.values()]
        finished = 0
        while finished < len(hosts):
            entry = arrived.get()
            if entry is None:
                finished += 1
            else:
                yield entry
        for host in hosts:
            host.result()  # a thread's unexpected error is the run's, not lost
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


def _download_item(item: FeedItem, settings: Settings, polite: _Politeness) -> Download | ItemProblem:
    """An item's page, politely, or why it could not be had."""
    try:
        if not polite.allowed(item.url):
            return ItemProblem(item.url, "disallowed by the site's robots.txt")
        polite.wait(item.url)
        return download(item.url, settings=settings, allow_networks=polite.allow_networks)
    except FetchError as exc:  # a refused address (BlockedURLError) among them
        return ItemProblem(item.url, str(exc))


def _read_page(item: FeedItem, page: Download, feed: Feed) -> Document | ItemProblem:
    """An item's page read by the normal intake as a Document of the feed's outlet, or why it could not be."""
    try:
        doc = intake.document_from_bytes(page.body, name=page.url, content_type=page.content_type, url=page.url)
    except InputError as exc:
        return ItemProblem(item.url, str(exc))
    return replace(
        doc,
        url=page.url,
        origin=item.url,
        outlet=feed.outlet,
        title=doc.title or item.title,
        published=doc.published or item.published,
    )
