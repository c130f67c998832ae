"""Feed subscriptions, the items already taken in and the watched stories: the only code that runs SQL on them.

Several watch workers may share one PostgreSQL library: a worker *leases* the feeds it takes
(``take_due``: ``FOR UPDATE SKIP LOCKED``, then a lease time), so no feed is fetched by two workers
at once, and a worker that dies loses its lease when the time runs out. SQLite serialises writers
with its write lock, so there the same statement is enough. An item's canonical URL is recorded
once (a unique column), so whichever worker gets there first takes it and the other skips it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from verifier.changes import Change, changes, merge, states
from verifier.errors import InputError, NotFoundError
from verifier.feeds import FeedItem

from . import audit
from .engine import reading, writing
from .feed_models import FEED, FEED_ITEM, MAX_HEADER, WATCHED
from .models import CHECK
from .store import Store, _check_reliability, _row_id

_F = FEED.c
_I = FEED_ITEM.c
_W = WATCHED.c
# How long a worker holds the feeds it took: longer than one feed's fetch and items can take.
LEASE = timedelta(minutes=15)
# Rows of one multi-row INSERT when claiming items: four parameters each, well under SQLite's 32,766.
_CLAIM_ROWS = 500


@dataclass(frozen=True)
class Feed:
    """A subscription and how its last look went."""

    id: int
    url: str
    outlet: str
    reliability: float
    interval_seconds: int
    paused: bool
    next_due_at: datetime
    last_fetch_at: datetime | None = None
    last_status: str = ""
    etag: str = ""
    last_modified: str = ""
    new_items: int = 0
    total_items: int = 0
    last_error: str = ""


@dataclass(frozen=True)
class FeedOutcome:
    """What one look at a feed found, to be recorded on its row."""

    status: str  # "fetched", "not modified" or "failed"
    new_items: int = 0
    etag: str = ""
    last_modified: str = ""
    error: str = ""


def _now() -> datetime:
    return datetime.now(UTC)


def _changed_since(item: FeedItem, seen_at: datetime, now: datetime) -> bool:
    return item.updated is not None and seen_at < item.updated <= now


def _feed(row: object) -> Feed:
    return Feed(**{name: getattr(row, name) for name in Feed.__dataclass_fields__})


class FeedStore:
    """The feeds of one library; built on an open ``Store``, whose database it shares."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def _read(self) -> AbstractContextManager[Connection]:
        return reading(self.engine)

    def _write(self) -> AbstractContextManager[Connection]:
        return writing(self.engine)

    def add(self, url: str, *, outlet: str, interval: timedelta, reliability: float = 1.0) -> Feed:
        """Subscribe to ``url``; due at once. A feed already subscribed is refused, naming its id."""
        _check_reliability(reliability)
        url, outlet = url.strip(), outlet.strip()
        if not outlet:
            raise InputError("a feed needs the outlet its reports are from (--outlet NAME)")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{url} is not an http(s) address; give the feed's full address, e.g. https://example.com/rss")
        now = _now()
        values = {
            "url": url, "outlet": outlet[:200], "reliability": reliability,
            "interval_seconds": int(interval.total_seconds()), "paused": False, "created_at": now,
            "next_due_at": now, "last_status": "new", "etag": "", "last_modified": "", "new_items": 0,
            "total_items": 0, "last_error": "",
        }  # fmt: skip
        try:
            with self._write() as conn:
                feed_id = conn.execute(insert(FEED).returning(_F.id), values).scalar_one()
        except IntegrityError as exc:
            with self._read() as conn:
                existing = conn.execute(select(_F.id).where(_F.url == url)).scalar()
            raise InputError(f"{url} is already subscribed as feed {existing}") from exc
        return self.get(int(feed_id))

    def get(self, feed_id: int) -> Feed:
        with self._read() as conn:
            row = conn.execute(select(FEED).where(_F.id == _row_id(feed_id, "feed"))).first()
        if row is None:
            raise NotFoundError(f"there is no feed {feed_id}; `verifier feeds list` shows them")
        return _feed(row)

    def list_feeds(self) -> list[Feed]:
        with self._read() as conn:
            return [_feed(row) for row in conn.execute(select(FEED).order_by(_F.id))]

    def remove(self, feed_id: int) -> None:
        """Unsubscribe; the reports already taken in stay in the library."""
        self.get(feed_id)
        with self._write() as conn:
            conn.execute(delete(FEED_ITEM).where(_I.feed_id == feed_id))
            conn.execute(delete(FEED).where(_F.id == feed_id))

    def set_paused(self, feed_id: int, paused: bool) -> Feed:
        self.get(feed_id)
        with self._write() as conn:
            conn.execute(update(FEED).where(_F.id == feed_id).values(paused=paused))
        return self.get(feed_id)

    def take_due(self, *, now: datetime | None = None, lease: timedelta = LEASE) -> list[Feed]:
        """Lease every feed that is due and not paused nor held by another worker; return them."""
        now = now or _now()
        with self._write() as conn:
            due = select(_F.id).where(
                _F.paused.is_(False), _F.next_due_at <= now, or_(_F.leased_until.is_(None), _F.leased_until < now)
            )
            ids = list(conn.execute(due.order_by(_F.next_due_at, _F.id).with_for_update(skip_locked=True)).scalars())
            if ids:
                conn.execute(update(FEED).where(_F.id.in_(ids)).values(leased_until=now + lease))
                rows = conn.execute(select(FEED).where(_F.id.in_(ids)).order_by(_F.next_due_at, _F.id))
                return [_feed(row) for row in rows]
        return []

    def record(self, feed: Feed, outcome: FeedOutcome, *, now: datetime | None = None) -> Feed:
        """Store how the look went, set the next time it is due, and give the lease back.

        A 304 or a failure keeps the validators of the last body actually read.
        """
        now = now or _now()
        values: dict[str, object] = {
            "leased_until": None,
            "last_fetch_at": now,
            "last_status": outcome.status,
            "next_due_at": now + timedelta(seconds=feed.interval_seconds),
            "new_items": outcome.new_items,
            "total_items": feed.total_items + outcome.new_items,
            "last_error": outcome.error,
        }
        if outcome.status == "fetched":
            values["etag"] = outcome.etag[:MAX_HEADER]
            values["last_modified"] = outcome.last_modified[:MAX_HEADER]
        with self._write() as conn:
            conn.execute(update(FEED).where(_F.id == feed.id).values(**values))
        return self.get(feed.id)

    def unseen(self, items: Iterable[FeedItem], *, now: datetime | None = None) -> list[FeedItem]:
        """The items no feed has taken in yet, or whose feed says they changed since (a new version).

        An update time in the future is a feed's mistake and is not read as a change.
        """
        wanted = list({item.url: item for item in items}.values())
        if not wanted:
            return []
        now = now or _now()
        with self._read() as conn:
            rows = conn.execute(select(_I.url, _I.seen_at).where(_I.url.in_([i.url for i in wanted])))
            seen: dict[str, datetime] = {row.url: row.seen_at for row in rows}
        return [i for i in wanted if i.url not in seen or _changed_since(i, seen[i.url], now)]

    def claim_items(self, feed_id: int, items: Sequence[FeedItem], *, now: datetime | None = None) -> list[FeedItem]:
        """Take ``items`` in for ``feed_id``, in one transaction; those another feed (worker) has not.

        New items are inserted in one statement that skips the URLs already there, so of two
        workers each item goes to one; a changed item is taken again by moving its ``seen_at`` on,
        in one conditional UPDATE, so again only one worker gets it. Returned in the given order.
        """
        wanted = list({item.url: item for item in items}.values())
        if not wanted:
            return []
        now = now or _now()
        with self._write() as conn:
            dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            rows = [{"url": item.url, "feed_id": feed_id, "status": "fetching", "seen_at": now} for item in wanted]
            taken: set[str] = set()
            for start in range(0, len(rows), _CLAIM_ROWS):
                statement = dialect_insert(FEED_ITEM).values(rows[start : start + _CLAIM_ROWS])
                taken.update(conn.execute(statement.on_conflict_do_nothing().returning(_I.url)).scalars())
            for item in wanted:
                if item.url in taken or item.updated is None or item.updated > now:
                    continue
                retaken = conn.execute(
                    update(FEED_ITEM).where(_I.url == item.url, _I.seen_at < item.updated).values(status="fetching", seen_at=now)
                )
                if retaken.rowcount == 1:
                    taken.add(item.url)
        return [item for item in wanted if item.url in taken]

    def settle_items(self, settled: Iterable[tuple[str, str, int | None]]) -> None:
        """Say how claimed items ended: (url, status, report id) each (added, duplicate, rejected); one transaction."""
        values = [{"item_url": url, "new_status": status[:64], "new_report": report_id} for url, status, report_id in settled]
        if not values:
            return
        statement = (
            update(FEED_ITEM)
            .where(_I.url == bindparam("item_url"))
            .values(status=bindparam("new_status"), report_id=bindparam("new_report"))
        )
        with self._write() as conn:
            conn.execute(statement, values)

    def release_items(self, urls: Iterable[str]) -> None:
        """Forget claimed items whose pages could not be fetched, so the next run tries them again."""
        wanted = list(urls)
        if wanted:
            with self._write() as conn:
                conn.execute(delete(FEED_ITEM).where(_I.url.in_(wanted)))


@dataclass(frozen=True)
class StoryChanges:
    """A watched story and the changes it lists: what moved in it, until an editor dismisses it."""

    check_id: int
    title: str
    watched_at: datetime
    rechecked_at: datetime | None
    changes: tuple[Change, ...] = ()


class WatchedStories:
    """Saved checks an editor watches; ``recheck`` runs each again against the library as it is now."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._feeds = FeedStore(store)

    def watch(self, check_id: int) -> StoryChanges:
        """Watch saved check ``check_id``: its findings' states now are what later re-checks compare with."""
        result = self.store.get_check(_row_id(check_id, "check"))
        values = {"check_id": check_id, "created_at": _now(), "states_json": json.dumps(states(result.findings)), "changes_json": "[]"}
        try:
            with self._feeds._write() as conn:
                conn.execute(insert(WATCHED).values(**values))
        except IntegrityError as exc:
            raise InputError(f"check {check_id} is already watched") from exc
        return self.get(check_id)

    def unwatch(self, check_id: int) -> None:
        self.get(check_id)
        with self._feeds._write() as conn:
            conn.execute(delete(WATCHED).where(_W.check_id == check_id))

    def get(self, check_id: int) -> StoryChanges:
        found = [s for s in self.list_watched() if s.check_id == check_id]
        if not found:
            raise NotFoundError(f"check {check_id} is not watched; `verifier stories list` shows those that are")
        return found[0]

    def list_watched(self) -> list[StoryChanges]:
        with self._feeds._read() as conn:
            rows = conn.execute(
                select(_W.check_id, _W.created_at, _W.rechecked_at, _W.changes_json, CHECK.c.story_title, CHECK.c.story_url)
                .join(CHECK, CHECK.c.id == _W.check_id)
                .order_by(_W.id)
            ).all()
        return [
            StoryChanges(
                row.check_id, row.story_title or row.story_url or "untitled", row.created_at, row.rechecked_at,
                tuple(Change.from_json(c) for c in json.loads(row.changes_json)),
            )
            for row in rows
        ]  # fmt: skip

    def recheck(self, *, now: datetime | None = None) -> list[StoryChanges]:
        """Check every watched story again; each comes back with the changes it now lists.

        What moved since the last look joins the changes still listed (``verifier.changes.merge``):
        a change stays until an editor dismisses it. The list is merged inside the write
        transaction, on the row as it is then, so a dismissal made during the check is kept.
        """
        from .check import run_check

        now = now or _now()
        done: list[StoryChanges] = []
        with self._feeds._read() as conn:
            rows = conn.execute(select(_W.check_id, _W.created_at, _W.states_json).order_by(_W.id)).all()
        for row in rows:
            saved = self.store.get_check(row.check_id)
            _, result = run_check(self.store, saved.story, save=False)
            moved = changes(json.loads(row.states_json), result.findings)
            with self._feeds._write() as conn:
                listed = self._listed(conn, row.check_id)
                if listed is None:
                    continue  # unwatched meanwhile
                kept = merge(listed, moved)
                conn.execute(
                    update(WATCHED)
                    .where(_W.check_id == row.check_id)
                    .values(rechecked_at=now, states_json=json.dumps(states(result.findings)), changes_json=_to_json(kept))
                )
            title = saved.story.title or saved.story.url or "untitled"
            done.append(StoryChanges(row.check_id, title, row.created_at, now, tuple(kept)))
        return done

    def dismiss(self, check_id: int, key: str) -> Change:
        """An editor sets aside the change ``key`` of watched check ``check_id``: it leaves the list,
        and the audit log records who, when and the whole change, in the same transaction.

        The editor is the store's (``Store.with_editor``; ``--editor`` or ``VERIFIER_EDITOR`` on the
        command line, the editor's name in the app); without one it is refused, as a review is.
        """
        editor = self.store.editor
        if not editor:
            raise InputError("say who you are to dismiss a change: --editor NAME or VERIFIER_EDITOR (in the app, your name)")
        with self._feeds._write() as conn:
            listed = self._listed(conn, _row_id(check_id, "check"))
            if listed is None:
                raise NotFoundError(f"check {check_id} is not watched; `verifier stories list` shows those that are")
            found = [c for c in listed if c.key == key]
            if not found:
                raise NotFoundError(f"check {check_id} lists no such change now; `verifier stories list` shows its changes")
            change = found[0]
            conn.execute(update(WATCHED).where(_W.check_id == check_id).values(changes_json=_to_json([c for c in listed if c.key != key])))
            audit.record(
                conn, editor=editor, action="change dismissed", subject="watched story", subject_id=check_id,
                summary=f"{change.kind}: {change.before} -> {change.after}" + (f", {change.figure} ({change.who})" if change.figure else ""),
                before={"change": change.to_json()}, after={"dismissed": True},
            )  # fmt: skip
        return change

    @staticmethod
    def _listed(conn: Connection, check_id: int) -> list[Change] | None:
        """The changes a watched story lists, read under the write lock (None if it is not watched)."""
        stored = conn.execute(select(_W.changes_json).where(_W.check_id == check_id).with_for_update()).scalar()
        return None if stored is None else [Change.from_json(c) for c in json.loads(stored)]


def _to_json(listed: list[Change]) -> str:
    return json.dumps([c.to_json() for c in listed])
