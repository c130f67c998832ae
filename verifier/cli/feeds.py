"""`verifier feeds add|list|remove|pause|resume` and `verifier watch`: reports that arrive by themselves.

``watch`` looks at every feed that is due once and exits (for cron), or with ``--every`` keeps
looking. It prints progress on stderr and a summary per feed on stdout; the exit code of a single
run is 1 when a feed failed, so cron reports it. Titles, URLs and errors from feeds are printed
through ``untrusted``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click
from rich.text import Text

from .app import (
    app,
    editor_option,
    err_console,
    friendly_errors,
    load_settings,
    new_table,
    open_store,
    print_table,
    terminal_safe,
    untrusted,
)

if TYPE_CHECKING:
    from rich.table import Table

    from db.feeds import Feed, StoryChanges
    from db.watch import FeedRun, RobotsCache

    from ..settings import Settings

_db_option = click.option(
    "--db", metavar="URL", help="Database URL (default: $VERIFIER_DATABASE_URL, else a SQLite file in your data folder)."
)


@app.group("feeds", no_args_is_help=True)
def feeds_app() -> None:
    """Subscribe to outlets' RSS and Atom feeds and news sitemaps; `verifier watch` fetches them."""


def _when(feed: Feed) -> str:
    return feed.last_fetch_at.strftime("%Y-%m-%d %H:%M UTC") if feed.last_fetch_at else "never"


def _feeds_table(feeds: list[Feed]) -> Table:
    from ..feeds import format_interval

    table = new_table("id", "outlet", "url", "every", "reliability", "state", "last fetch", "new", "total", "last error")
    for f in feeds:
        state = "paused" if f.paused else (f.last_status or "new")
        table.add_row(
            str(f.id), untrusted(f.outlet), untrusted(f.url), format_interval(f.interval_seconds), f"{f.reliability:g}",
            state, _when(f), str(f.new_items), str(f.total_items), untrusted(f.last_error),
        )  # fmt: skip
    return table


@feeds_app.command("add")
@click.argument("url")
@click.option("--outlet", required=True, help="The outlet whose reports the feed lists (e.g. Reuters).")
@click.option("--every", "every", default="10m", show_default=True, help="How often to look: 10m, 2h, 1d.")
@click.option("--reliability", type=float, default=1.0, show_default=True, help="The outlet's weight, 0 to 1.")
@_db_option
@friendly_errors
def feeds_add(url: str, outlet: str, every: str, reliability: float, db: str | None) -> None:
    """Subscribe to the feed or news sitemap at URL; it is due at the next `verifier watch`."""
    from db.feeds import FeedStore

    from ..feeds import parse_interval

    interval = parse_interval(every)
    with open_store(load_settings(db)) as store:
        feed = FeedStore(store).add(url, outlet=outlet, interval=interval, reliability=reliability)
    err_console.print(Text.assemble("added feed ", str(feed.id), ": ", untrusted(feed.url)))


@feeds_app.command("list")
@_db_option
@friendly_errors
def feeds_list(db: str | None) -> None:
    """The subscriptions and how each one's last look went."""
    from db.feeds import FeedStore

    with open_store(load_settings(db)) as store:
        feeds = FeedStore(store).list_feeds()
    if not feeds:
        err_console.print("no feeds yet; add one with `verifier feeds add URL --outlet NAME`")
        return
    print_table(_feeds_table(feeds))


@feeds_app.command("remove")
@click.argument("feed_id", type=int)
@_db_option
@friendly_errors
def feeds_remove(feed_id: int, db: str | None) -> None:
    """Unsubscribe from feed FEED_ID; the reports it brought stay in the library."""
    from db.feeds import FeedStore

    with open_store(load_settings(db)) as store:
        FeedStore(store).remove(feed_id)
    err_console.print(f"removed feed {feed_id}")


@feeds_app.command("pause")
@click.argument("feed_id", type=int)
@_db_option
@friendly_errors
def feeds_pause(feed_id: int, db: str | None) -> None:
    """Stop looking at feed FEED_ID until it is resumed."""
    _set_paused(feed_id, True, db)


@feeds_app.command("resume")
@click.argument("feed_id", type=int)
@_db_option
@friendly_errors
def feeds_resume(feed_id: int, db: str | None) -> None:
    """Look at feed FEED_ID again from the next `verifier watch`."""
    _set_paused(feed_id, False, db)


def _set_paused(feed_id: int, paused: bool, db: str | None) -> None:
    from db.feeds import FeedStore

    with open_store(load_settings(db)) as store:
        FeedStore(store).set_paused(feed_id, paused)
    err_console.print(f"{'paused' if paused else 'resumed'} feed {feed_id}")


def _runs_table(runs: list[FeedRun]) -> Table:
    table = new_table("id", "outlet", "status", "items", "added", "duplicates", "problems")
    for run in runs:
        problems = [run.error] if run.error else []
        problems += [f"{p.url}: {p.reason}" for p in run.problems]
        style = "red" if run.status == "failed" else ""
        table.add_row(
            str(run.feed.id), untrusted(run.feed.outlet), Text(run.status, style=style), str(run.items),
            str(run.added), str(run.duplicates), untrusted("\n".join(problems)),
        )  # fmt: skip
    return table


def _changes_table(stories: list[StoryChanges]) -> Table:
    from ..report import format_time

    table = new_table("check", "#", "story", "claim", "was", "now", "new figure", "who", "when", "suggested update", show_lines=True)
    for story in stories:
        for n, c in enumerate(story.changes, 1):
            table.add_row(
                str(story.check_id), str(n), untrusted(story.title), untrusted(c.story_sentence), c.before, c.after,
                untrusted(c.figure), untrusted(c.who), format_time(c.when) if c.when else "", untrusted(c.suggestion),
            )  # fmt: skip
    return table


def _watch_once(settings: Settings, robots: RobotsCache) -> tuple[list[FeedRun], list[StoryChanges]]:
    """One run over the due feeds, then, if it added reports, a re-check of the watched stories."""
    from rich.progress import Progress

    from db.feeds import FeedStore, WatchedStories
    from db.watch import run_watch

    with open_store(settings) as store:
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("feeds", total=None)

            def progress(done: int, total: int, url: str) -> None:
                bar.update(task, completed=done, total=total, description=terminal_safe_url(url))

            runs = run_watch(FeedStore(store), settings=settings, progress=progress, robots=robots)
        rechecked = WatchedStories(store).recheck() if any(run.added for run in runs) else []
    return runs, [story for story in rechecked if story.changes]


def terminal_safe_url(url: str) -> str:
    """A feed URL for the progress line: escaped like all source text, and never Rich markup."""
    from rich.markup import escape

    return escape(terminal_safe(url))


@app.command("watch")
@click.option("--every", "every", default=None, help="Keep looking, this often (10m, 1h); without it, one run.")
@_db_option
@friendly_errors
def watch_command(every: str | None, db: str | None) -> None:
    """Fetch every feed that is due once and add its new items' pages to the library.

    When reports were added, every watched story (`verifier stories watch CHECK_ID`) is checked
    again and each claim whose verdict moved is listed with the new figure, who gave it and when.
    """
    from ..feeds import parse_interval

    settings = load_settings(db)
    from db.watch import RobotsCache

    interval = parse_interval(every) if every else None
    robots = RobotsCache()  # kept across the runs of --every
    while True:
        started = time.monotonic()
        runs, moved = _watch_once(settings, robots)
        if runs:
            print_table(_runs_table(runs))
        else:
            err_console.print("no feed is due")
        if moved:
            print_table(_changes_table(moved))
        if interval is None:
            if any(run.status == "failed" for run in runs):
                raise click.exceptions.Exit(1)
            return
        time.sleep(max(0.0, interval.total_seconds() - (time.monotonic() - started)))


@app.group("stories", no_args_is_help=True)
def stories_app() -> None:
    """Watch saved checks: `verifier watch` re-checks them when new reports arrive."""


@stories_app.command("watch")
@click.argument("check_id", type=int)
@_db_option
@friendly_errors
def stories_watch(check_id: int, db: str | None) -> None:
    """Watch saved check CHECK_ID (`verifier check --db` saves checks; the app's Reports page lists them)."""
    from db.feeds import WatchedStories

    with open_store(load_settings(db)) as store:
        story = WatchedStories(store).watch(check_id)
    err_console.print(Text.assemble(f"watching check {check_id}: ", untrusted(story.title)))


@stories_app.command("unwatch")
@click.argument("check_id", type=int)
@_db_option
@friendly_errors
def stories_unwatch(check_id: int, db: str | None) -> None:
    """Stop watching saved check CHECK_ID."""
    from db.feeds import WatchedStories

    with open_store(load_settings(db)) as store:
        WatchedStories(store).unwatch(check_id)
    err_console.print(f"no longer watching check {check_id}")


@stories_app.command("dismiss")
@click.argument("check_id", type=int)
@click.argument("number", type=int)
@editor_option
@_db_option
@friendly_errors
def stories_dismiss(check_id: int, number: int, editor: str | None, db: str | None) -> None:
    """Dismiss change NUMBER (the # column of `stories list`) of watched check CHECK_ID.

    The change leaves the list and the audit log records who (--editor or VERIFIER_EDITOR), when
    and the change itself (`verifier log --action "change dismissed"`).
    """
    from db.feeds import WatchedStories

    from ..errors import InputError

    with open_store(load_settings(db, editor)) as store:
        watched = WatchedStories(store)
        listed = watched.get(check_id).changes
        if not 1 <= number <= len(listed):
            shown = f"1 to {len(listed)}" if listed else "none"
            raise InputError(f"check {check_id} has no change {number} (its changes: {shown}); `verifier stories list` numbers them")
        change = watched.dismiss(check_id, listed[number - 1].key)
    err_console.print(Text.assemble(f"dismissed change {number} of check {check_id}: ", untrusted(change.story_sentence)))


@stories_app.command("list")
@_db_option
@friendly_errors
def stories_list(db: str | None) -> None:
    """The watched stories and what moved at their last re-check."""
    from db.feeds import WatchedStories

    from ..report import format_time

    with open_store(load_settings(db)) as store:
        stories = WatchedStories(store).list_watched()
    if not stories:
        err_console.print("no watched stories; watch one with `verifier stories watch CHECK_ID`")
        return
    table = new_table("check", "story", "watched", "last re-check", "changes")
    for s in stories:
        rechecked = format_time(s.rechecked_at) if s.rechecked_at else "not yet"
        table.add_row(str(s.check_id), untrusted(s.title), format_time(s.watched_at), rechecked, str(len(s.changes)))
    print_table(table)
    moved = [s for s in stories if s.changes]
    if moved:
        print_table(_changes_table(moved))
