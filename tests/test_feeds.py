"""Feeds: reading RSS, Atom and news sitemaps; subscriptions; and ``verifier watch`` runs against a
feed server of our own on 127.0.0.1 (pytest-httpserver) whose items change between requests.

The server is on loopback, so runs allow 127.0.0.1/32 (``allow_networks``) and nothing else: an
item linking to another loopback address, or a feed redirecting to a link-local one, is refused
just as a private address is in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, inspect, select
from werkzeug import Request, Response

from db import Store
from db.feed_models import FEED_ITEM
from db.feeds import FeedStore
from db.models import REPORT
from db.watch import FeedRun, run_watch
from verifier.errors import InputError, NotFoundError, SourceFormatError
from verifier.feeds import (
    FeedItem,
    canonical_url,
    format_interval,
    parse_feed,
    parse_interval,
    robots_allow,
)
from verifier.fetch import NOT_MODIFIED, Conditional, download
from verifier.settings import Settings

LOOPBACK = ("127.0.0.1/32",)
SETTINGS = Settings(watch_host_delay=0)
LATER = timedelta(hours=1)

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
{items}
</channel></rss>"""
RSS_ITEM = "<item><title>{title}</title><link>{link}</link><pubDate>Sat, 14 Jun 2025 10:00:00 GMT</pubDate></item>"
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>First</title><link href="/a/1?utm_source=rss"/><updated>2025-06-14T10:00:00Z</updated></entry>
<entry><title>Second</title><link href="https://Example.com/a/2#top"/><updated>2025-06-15T08:30:00+02:00</updated></entry>
</feed>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/news/1</loc><news:news><news:title>Blast kills 12</news:title>
<news:publication_date>2025-06-14T10:00:00Z</news:publication_date></news:news></url>
<url><loc>https://example.com/news/1</loc></url>
</urlset>"""


def page(title: str, toll: int) -> str:
    body = (
        f"A suicide bombing at a market in the city killed {toll} people on Saturday, the health ministry said. "
        "Officials said dozens more were wounded and taken to hospitals across the province. "
        f"The attack was one of the deadliest this year, police said, and the report ({title}) was updated."
    )
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"


# -- pure ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("10m", 600), ("2h", 7200), ("90s", 90), ("1d", 86400), ("15", 900), (" 5 M ", 300)],
)
def test_intervals_are_read_as_editors_write_them(text: str, seconds: int) -> None:
    assert parse_interval(text) == timedelta(seconds=seconds)
    assert parse_interval(format_interval(seconds)) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "ten minutes", "10x", "30s", "-5m"])
def test_unusable_or_impolite_intervals_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_interval(text)


@pytest.mark.parametrize(
    ("url", "base", "canonical"),
    [
        ("/a?utm_source=x#top", "https://Example.com/feed", "https://example.com/a"),
        ("https://EXAMPLE.com/b?id=3&utm_medium=rss", "", "https://example.com/b?id=3"),
        ("javascript:alert(1)", "https://example.com/", ""),
        ("mailto:desk@example.com", "", ""),
        ("", "", ""),
    ],
)
def test_item_links_are_absolute_and_canonical(url: str, base: str, canonical: str) -> None:
    assert canonical_url(url, base=base) == canonical


@pytest.mark.parametrize(
    ("body", "urls", "titles", "published"),
    [
        (
            RSS.format(items=RSS_ITEM.format(title="One", link="https://example.com/1") * 2),
            ["https://example.com/1"],
            ["One"],
            [datetime(2025, 6, 14, 10, tzinfo=UTC)],
        ),
        (
            ATOM,
            ["https://example.com/a/1", "https://example.com/a/2"],
            ["First", "Second"],
            [datetime(2025, 6, 14, 10, tzinfo=UTC), datetime(2025, 6, 15, 6, 30, tzinfo=UTC)],
        ),
        (SITEMAP, ["https://example.com/news/1"], ["Blast kills 12"], [datetime(2025, 6, 14, 10, tzinfo=UTC)]),
    ],
    ids=["rss-with-a-repeated-item", "atom-relative-links", "news-sitemap"],
)
def test_feeds_list_their_items(body: str, urls: list[str], titles: list[str], published: list[datetime]) -> None:
    parsed = parse_feed(body.encode(), url="https://example.com/feed")
    assert [i.url for i in parsed.items] == urls
    assert [i.title for i in parsed.items] == titles
    assert [i.published for i in parsed.items] == published


@pytest.mark.parametrize(
    "body",
    [b"<html><body>not a feed</body></html>", b"\x00\x01binary", b"<urlset><url><loc>x</url>", b""],
    ids=["html", "binary", "broken-sitemap", "empty"],
)
def test_a_body_with_nothing_readable_is_refused(body: bytes) -> None:
    with pytest.raises(SourceFormatError):
        parse_feed(body, url="https://example.com/feed")


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        ("", "/news/1", True),
        ("User-agent: *\nDisallow: /private/", "/news/1", True),
        ("User-agent: *\nDisallow: /private/", "/private/1", False),
        ("User-agent: verifier\nDisallow: /", "/news/1", False),
    ],
)
def test_robots_txt_is_obeyed(robots: str, path: str, allowed: bool) -> None:
    assert robots_allow(robots, f"https://example.com{path}", user_agent=SETTINGS.user_agent) is allowed


# -- the fetcher's conditional requests ---------------------------------------------------------


def test_a_conditional_request_for_an_unchanged_feed_gets_a_bodyless_304(httpserver: HTTPServer) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(RSS.format(items=""), content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/feed").respond_with_handler(feed)
    first = download(httpserver.url_for("/feed"), allow_networks=LOOPBACK, accept=frozenset({"application/rss+xml"}))
    assert (first.status, first.etag) == (200, '"v1"')
    second = download(httpserver.url_for("/feed"), allow_networks=LOOPBACK, conditional=Conditional(etag=first.etag))
    assert (second.status, second.body) == (NOT_MODIFIED, b"")


def test_a_feed_type_is_refused_unless_asked_for(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(RSS.format(items=""), content_type="application/rss+xml")
    from verifier.errors import FetchError

    with pytest.raises(FetchError, match="application/rss\\+xml"):
        download(httpserver.url_for("/feed"), allow_networks=LOOPBACK)


# -- subscriptions ---------------------------------------------------------------------------


def test_subscriptions_are_added_listed_paused_and_removed(store: Store) -> None:
    feeds = FeedStore(store)
    feed = feeds.add("https://example.com/feed", outlet="Wire", interval=timedelta(minutes=10), reliability=0.8)
    assert (feed.outlet, feed.reliability, feed.interval_seconds, feed.paused) == ("Wire", 0.8, 600, False)
    with pytest.raises(InputError, match=f"feed {feed.id}"):
        feeds.add("https://example.com/feed", outlet="Wire", interval=timedelta(minutes=10))
    for bad in ("file:///etc/passwd", "example.com/rss", "https:///rss"):
        with pytest.raises(InputError, match="not an http"):
            feeds.add(bad, outlet="Wire", interval=timedelta(minutes=10))
    assert feeds.set_paused(feed.id, True).paused
    assert feeds.take_due(now=datetime.now(UTC) + LATER) == []
    feeds.set_paused(feed.id, False)
    assert [f.id for f in feeds.take_due()] == [feed.id]
    assert feeds.take_due() == []  # leased by the first taker
    feeds.remove(feed.id)
    assert feeds.list_feeds() == []
    with pytest.raises(NotFoundError):
        feeds.remove(feed.id)


def test_migrations_0004_and_0005_down_and_up_remove_and_restore_the_feed_tables(store: Store) -> None:
    from alembic import command

    from db.migrate import alembic_config
    from verifier.types import Document

    store.add_document(Document(page("Market blast kills 12", 12), outlet="Wire"))
    FeedStore(store).add("https://example.com/feed", outlet="Wire", interval=timedelta(minutes=10))
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert not {"feed", "feed_item", "watched_story"} & set(inspect(store.engine).get_table_names())
    assert reports(store) == 1
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert FeedStore(store).list_feeds() == []
    assert FeedStore(store).add("https://example.com/feed", outlet="Wire", interval=timedelta(minutes=10)).id >= 1


# -- watch runs ------------------------------------------------------------------------------


class Wire:
    """A feed whose items grow between requests, with an ETag, and the item pages it links to."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.items: list[tuple[str, str]] = []
        self.feed_requests: list[str] = []
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        server.expect_request("/feed").respond_with_handler(self.feed)

    def publish(self, path: str, title: str, toll: int) -> None:
        self.server.expect_request(path).respond_with_data(page(title, toll), content_type="text/html")
        self.items.append((title, self.server.url_for(path) + "?utm_source=rss"))

    def link(self, title: str, url: str) -> None:
        self.items.append((title, url))

    def feed(self, request: Request) -> Response:
        etag = f'"{len(self.items)}"'
        self.feed_requests.append(request.headers.get("If-None-Match", ""))
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        items = "".join(RSS_ITEM.format(title=t, link=u) for t, u in self.items)
        return Response(RSS.format(items=items), content_type="application/rss+xml", headers={"ETag": etag})


def watch(store: Store, *, at: datetime | None = None) -> dict[str, FeedRun]:
    return {run.feed.outlet: run for run in run_watch(FeedStore(store), settings=SETTINGS, now=at, allow_networks=LOOPBACK)}


def reports(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(REPORT)).scalar_one())


def test_watch_takes_in_new_items_once_and_an_unchanged_feed_costs_a_304(store: Store, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    wire.publish("/news/2", "Hospital fire in the north", 7)
    feeds = FeedStore(store)
    feeds.add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10), reliability=0.9)

    first = watch(store)["Wire"]
    assert (first.status, first.items, first.added, first.problems) == ("fetched", 2, 2, ())
    assert first.feed.etag == '"2"' and first.feed.new_items == 2
    assert {r.outlet for r in store.list_reports()} == {"Wire"}

    assert watch(store) == {}  # not due yet
    second = watch(store, at=datetime.now(UTC) + LATER)["Wire"]
    assert (second.status, second.added) == ("not modified", 0)
    assert wire.feed_requests[-1] == '"2"'

    wire.publish("/news/3", "Market blast toll rises to 18", 18)
    third = watch(store, at=datetime.now(UTC) + 2 * LATER)["Wire"]
    assert (third.status, third.items, third.added) == ("fetched", 3, 1)
    assert reports(store) == 3
    assert feeds.get(third.feed.id).total_items == 3


def test_the_same_story_in_two_feeds_is_stored_once(store: Store, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    httpserver.expect_request("/other").respond_with_data(
        RSS.format(items=RSS_ITEM.format(title="copy", link=httpserver.url_for("/news/1"))), content_type="text/xml"
    )
    feeds = FeedStore(store)
    feeds.add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    feeds.add(httpserver.url_for("/other"), outlet="Other", interval=timedelta(minutes=10))
    runs = watch(store)
    assert runs["Wire"].added + runs["Other"].added == 1
    assert reports(store) == 1
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(FEED_ITEM)).scalar_one() == 1


def test_one_broken_feed_is_reported_and_the_others_go_on(store: Store, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    httpserver.expect_request("/bad-xml").respond_with_data("<html><p>oops", content_type="application/xml")
    httpserver.expect_request("/error").respond_with_data("down", status=500)
    httpserver.expect_request("/to-metadata").respond_with_data("", status=302, headers={"Location": "http://169.254.169.254/latest"})
    feeds = FeedStore(store)
    for outlet, path in [("Bad", "/bad-xml"), ("Down", "/error"), ("Sneaky", "/to-metadata"), ("Wire", "/feed")]:
        feeds.add(httpserver.url_for(path), outlet=outlet, interval=timedelta(minutes=10))
    runs = watch(store)
    assert {name: run.status for name, run in runs.items()} == {"Bad": "failed", "Down": "failed", "Sneaky": "failed", "Wire": "fetched"}
    assert "not an RSS or Atom feed" in runs["Bad"].error
    assert "HTTP 500" in runs["Down"].error
    assert "link-local" in runs["Sneaky"].error
    assert runs["Wire"].added == 1
    assert {f.outlet: f.last_error != "" for f in feeds.list_feeds()} == {"Bad": True, "Down": True, "Sneaky": True, "Wire": False}


def test_items_on_private_addresses_or_disallowed_paths_are_refused_and_tried_again(store: Store, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    wire.publish("/private/2", "Staff memo", 3)
    wire.link("Internal", f"http://127.0.0.2:{httpserver.port}/news/3")
    feeds = FeedStore(store)
    feeds.add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    run = watch(store)["Wire"]
    assert run.added == 1
    reasons = {p.url.rsplit("/", 2)[-2]: p.reason for p in run.problems}
    assert "robots.txt" in reasons["private"]
    assert "loopback" in reasons["news"]
    assert reports(store) == 1
    assert len(feeds.unseen(FeedItem(p.url) for p in run.problems)) == 2  # not recorded: tried again next run


def test_a_feed_that_does_not_answer_in_time_fails_alone(store: Store, httpserver: HTTPServer) -> None:
    import threading

    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response(RSS.format(items=""), content_type="application/rss+xml")

    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    stalled = HTTPServer(host="127.0.0.1", port=0)  # a server of its own: a stalled handler holds its thread
    stalled.expect_request("/slow").respond_with_handler(slow)
    stalled.start()
    feeds = FeedStore(store)
    feeds.add(stalled.url_for("/slow"), outlet="Slow", interval=timedelta(minutes=10))
    feeds.add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    try:
        runs = {r.feed.outlet: r for r in run_watch(feeds, settings=Settings(watch_host_delay=0, fetch_timeout=0.5), allow_networks=LOOPBACK)}
    finally:
        release.set()
        stalled.clear()
        stalled.stop()
    assert runs["Slow"].status == "failed" and "did not answer" in runs["Slow"].error
    assert runs["Wire"].added == 1


def test_a_feed_on_a_private_address_is_refused_without_allowed_networks(store: Store, httpserver: HTTPServer) -> None:
    Wire(httpserver)
    feeds = FeedStore(store)
    feeds.add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    (run,) = run_watch(feeds, settings=SETTINGS)
    assert run.status == "failed" and "loopback" in run.error
    assert httpserver.log == []


# -- the command line ------------------------------------------------------------------------

CLI_ENV = {"COLUMNS": "250", "VERIFIER_ALLOW_PRIVATE_ADDRESSES": "1", "VERIFIER_WATCH_HOST_DELAY": "0.001", "VERIFIER_EDITOR": ""}


def cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from verifier.cli import app

    result = CliRunner(env=CLI_ENV).invoke(app, list(args))
    return result.exit_code, result.output


def test_feeds_commands_add_list_pause_and_remove(db_url: str) -> None:
    code, out = cli("feeds", "add", "https://example.com/feed", "--outlet", "Wire", "--every", "2h", "--db", db_url)
    assert code == 0 and "added feed 1" in out, out
    assert cli("feeds", "add", "https://example.com/feed", "--outlet", "Wire", "--db", db_url)[0] == 1
    assert cli("feeds", "add", "https://example.com/x", "--outlet", "Wire", "--every", "soon", "--db", db_url)[0] == 1
    code, out = cli("feeds", "pause", "1", "--db", db_url)
    assert code == 0
    code, out = cli("feeds", "list", "--db", db_url)
    assert code == 0 and "Wire" in out and "2h" in out and "paused" in out, out
    assert cli("feeds", "remove", "1", "--db", db_url)[0] == 0
    assert cli("feeds", "remove", "1", "--db", db_url)[0] == 1
    assert "no feeds yet" in cli("feeds", "list", "--db", db_url)[1]


def test_watch_prints_a_summary_per_feed_and_fails_when_a_feed_did(db_url: str, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    httpserver.expect_request("/error").respond_with_data("down", status=500)
    assert cli("feeds", "add", httpserver.url_for("/feed"), "--outlet", "Wire", "--db", db_url)[0] == 0
    assert cli("feeds", "add", httpserver.url_for("/error"), "--outlet", "Down\x1b[2J", "--db", db_url)[0] == 0
    code, out = cli("watch", "--db", db_url)
    assert code == 1, out
    wire_row = next(line for line in out.splitlines() if "Wire" in line)
    assert "fetched" in wire_row and " 1 " in wire_row
    assert "HTTP 500" in out and "\x1b[2J" not in out and "\\u001b[2J" in out
    code, out = cli("watch", "--db", db_url)
    assert (code, out.strip()) == (0, "no feed is due")


def test_two_workers_at_once_fetch_each_feed_once_and_store_each_item_once(db_url: str, httpserver: HTTPServer) -> None:
    import threading

    wire = Wire(httpserver)
    for n in range(4):
        wire.publish(f"/news/{n}", f"Report {n}", 10 + n)
    with Store.open(db_url) as setup:
        for n in range(3):
            FeedStore(setup).add(httpserver.url_for("/feed") + f"?copy={n}", outlet=f"Wire {n}", interval=timedelta(minutes=10))
    runs: list[FeedRun] = []
    start = threading.Barrier(2)

    def worker() -> None:
        with Store.open(db_url) as own:
            start.wait()
            runs.extend(run_watch(FeedStore(own), settings=SETTINGS, allow_networks=LOOPBACK))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.feed.outlet for r in runs) == ["Wire 0", "Wire 1", "Wire 2"]
    assert len(wire.feed_requests) == 3
    assert sum(r.added for r in runs) == 4
    with Store.open(db_url) as check:
        assert reports(check) == 4


# -- watched stories -------------------------------------------------------------------------

T0 = datetime(2025, 6, 14, 10, tzinfo=UTC)
FIRST_WORD = "A suicide bombing at a market in Kandahar killed 12 people on Saturday, the health ministry said."
STORY = "A suicide bombing at a busy market in Kandahar killed 12 people on Saturday, the health ministry said, police added."
RISEN = (
    "<html><head><title>Kandahar toll rises</title>"
    '<meta property="article:published_time" content="2025-06-14T15:00:00Z"></head><body><article>'
    "<p>The toll of the suicide bombing at a market in Kandahar has risen to 18, the health ministry said on Saturday.</p>"
    "<p>Officials said dozens more were wounded and taken to hospitals across the province, police said.</p>"
    "</article></body></html>"
)


def watched_check(db_url: str) -> int:
    from db import run_check
    from verifier.types import Document

    with Store.open(db_url) as store:
        store.add_document(Document(FIRST_WORD, outlet="AP", published=T0))
        check_id, _ = run_check(store, Document(STORY, title="Kandahar blast", published=T0 + timedelta(hours=1)))
    assert check_id is not None
    return check_id


def test_a_watched_story_whose_toll_a_new_item_raises_shows_the_change_after_one_watch(db_url: str, httpserver: HTTPServer) -> None:
    check_id = watched_check(db_url)
    assert cli("stories", "watch", str(check_id), "--db", db_url)[0] == 0
    assert cli("stories", "watch", str(check_id), "--db", db_url)[0] == 1  # already watched
    wire = Wire(httpserver)
    httpserver.expect_request("/news/risen").respond_with_data(RISEN, content_type="text/html")
    wire.link("Kandahar toll rises", httpserver.url_for("/news/risen"))
    assert cli("feeds", "add", httpserver.url_for("/feed"), "--outlet", "Wire", "--db", db_url)[0] == 0
    code, out = cli("watch", "--db", db_url)
    assert code == 0, out
    assert "The toll has risen to 18, the health ministry said on Saturday." in out
    change_row = next(line for line in out.splitlines() if " 18 " in line)
    assert "updated" in change_row and "the health ministry" in change_row
    code, out = cli("stories", "list", "--db", db_url)
    assert code == 0 and "Kandahar blast" in out and "risen to 18" in out

    # dismissing it is an editor's decision: it needs a name, and the audit log records it
    code, out = cli("stories", "dismiss", str(check_id), "1", "--db", db_url)
    assert code == 1 and "say who you are" in out
    assert cli("stories", "dismiss", str(check_id), "2", "--editor", "Ana Ruiz", "--db", db_url)[0] == 1  # there is one change
    code, out = cli("stories", "dismiss", str(check_id), "1", "--editor", "Ana Ruiz", "--db", db_url)
    assert code == 0 and "dismissed change 1" in out, out
    code, out = cli("stories", "list", "--db", db_url)
    assert code == 0 and "risen to 18" not in out
    code, out = cli("log", "--action", "change dismissed", "--db", db_url)
    assert code == 0 and "Ana Ruiz" in out and "killed: confirmed -> updated, 18" in out, out
    assert cli("stories", "unwatch", str(check_id), "--db", db_url)[0] == 0
    assert "no watched stories" in cli("stories", "list", "--db", db_url)[1]


@pytest.mark.parametrize(
    ("before", "after", "moved"),
    [({}, "confirmed", [("unverified", "confirmed")]), ({"killed:0:2": "confirmed"}, "confirmed", []), ({"killed:0:2": "confirmed"}, "updated", [("confirmed", "updated")])],
)
def test_only_findings_whose_state_moved_are_changes(before: dict[str, str], after: str, moved: list[tuple[str, str]]) -> None:
    from verifier.changes import changes
    from verifier.types import Claim, Finding, Range

    claim = Claim(id="c1", kind="killed", value=Range(12, 12), sentence="12 killed", span=(0, 2))
    finding = Finding(claim, "agrees" if after == "confirmed" else "conflicts", "", status=after)
    assert [(c.before, c.after) for c in changes(before, (finding,))] == moved


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
         '<entry><title>One</title><link href="/news/1"/><updated>2025-06-14T10:00:00Z</updated></entry></feed>', "application/atom+xml"),
        ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/news/1</loc></url></urlset>', "application/xml"),
    ],
    ids=["atom", "news-sitemap"],
)  # fmt: skip
def test_atom_feeds_and_news_sitemaps_are_watched_like_rss(store: Store, httpserver: HTTPServer, body: str, content_type: str) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news/1").respond_with_data(page("Market blast kills 12", 12), content_type="text/html")
    httpserver.expect_request("/feed").respond_with_data(body.replace("{base}", httpserver.url_for("").rstrip("/")), content_type=content_type)
    FeedStore(store).add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    run = watch(store)["Wire"]
    assert (run.status, run.items, run.added) == ("fetched", 1, 1)


def test_a_huge_feed_is_refused_at_the_cap(store: Store, httpserver: HTTPServer) -> None:
    items = RSS_ITEM.format(title="x" * 1000, link="https://example.com/1") * 200
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/huge").respond_with_data(RSS.format(items=items), content_type="application/rss+xml")
    feeds = FeedStore(store)
    feeds.add(httpserver.url_for("/huge"), outlet="Huge", interval=timedelta(minutes=10))
    (run,) = run_watch(feeds, settings=Settings(watch_host_delay=0, fetch_max_bytes=50_000), allow_networks=LOOPBACK)
    assert run.status == "failed" and "over the limit" in run.error


def test_an_item_the_feed_says_changed_since_is_taken_in_again_as_a_new_version(store: Store, httpserver: HTTPServer) -> None:
    from sqlalchemy import update

    state = {"toll": 12, "updated": "2025-06-14T10:00:00Z"}

    def feed(request: Request) -> Response:
        entry = f'<entry><title>Blast</title><link href="/news/1"/><updated>{state["updated"]}</updated></entry>'
        return Response(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entry}</feed>', content_type="application/atom+xml")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed").respond_with_handler(feed)
    httpserver.expect_request("/news/1").respond_with_handler(lambda r: Response(page("Market blast", state["toll"]), content_type="text/html"))
    FeedStore(store).add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    assert watch(store)["Wire"].added == 1
    assert watch(store, at=datetime.now(UTC) + LATER)["Wire"].added == 0  # listed again, unchanged
    with store.engine.begin() as conn:  # taken in an hour ago, and the feed says it changed since
        conn.execute(update(FEED_ITEM).values(seen_at=datetime.now(UTC) - LATER))
    state.update(toll=18, updated=(datetime.now(UTC) - LATER / 2).strftime("%Y-%m-%dT%H:%M:%SZ"))
    run = watch(store, at=datetime.now(UTC) + 2 * LATER)["Wire"]
    assert run.added == 1 and "new version of report" in run.results[0].reason
    state.update(updated="2999-01-01T00:00:00Z")  # an update time in the future is no change
    assert watch(store, at=datetime.now(UTC) + 3 * LATER)["Wire"].added == 0


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A server of our own that answers requests at once (the shared one answers one at a time)."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def test_pages_of_two_hosts_are_fetched_at_once_but_each_host_one_request_at_a_time(store: Store, threaded_server: HTTPServer) -> None:
    import threading
    import time

    lock = threading.Lock()
    in_flight: dict[str, int] = {}
    most: dict[str, int] = {}
    most_at_once = 0

    def slow_page(request: Request) -> Response:
        nonlocal most_at_once
        host = request.headers["Host"]
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            most[host] = max(most.get(host, 0), in_flight[host])
            most_at_once = max(most_at_once, sum(in_flight.values()))
        time.sleep(0.3)
        with lock:
            in_flight[host] -= 1
        n = int(request.path.rsplit("/", 1)[1])
        return Response(page(f"Report {n} from {host}", 10 + n), content_type="text/html")

    wire = Wire(threaded_server)
    for n in range(6):
        threaded_server.expect_request(f"/slow/{n}").respond_with_handler(slow_page)
        host = "localhost" if n % 2 else "127.0.0.1"  # one server, two hosts as the fetcher sees them
        wire.link(f"Report {n}", f"http://{host}:{threaded_server.port}/slow/{n}")
    FeedStore(store).add(threaded_server.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    run = watch(store)["Wire"]
    assert (run.added, run.problems) == (6, ())
    assert most == {f"localhost:{threaded_server.port}": 1, f"127.0.0.1:{threaded_server.port}": 1}
    assert most_at_once == 2


def test_a_robots_cache_kept_across_runs_asks_each_host_once(store: Store, httpserver: HTTPServer) -> None:
    from db.watch import RobotsCache

    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    FeedStore(store).add(httpserver.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))

    def robots_requests() -> int:
        return sum(request.path == "/robots.txt" for request, _ in httpserver.log)

    robots = RobotsCache()
    for hours in (0, 1, 2):
        run_watch(FeedStore(store), settings=SETTINGS, now=datetime.now(UTC) + hours * LATER, allow_networks=LOOPBACK, robots=robots)
    assert robots_requests() == 1
    watch(store, at=datetime.now(UTC) + 3 * LATER)  # a run of its own (cron) reads robots.txt afresh
    assert robots_requests() == 2
    assert wire.feed_requests[1:] == ['"1"', '"1"', '"1"']  # every later look was conditional


def test_a_change_stays_listed_until_an_editor_dismisses_it_and_the_audit_log_says_who(store: Store) -> None:
    from db import run_check
    from db.audit import AuditFilter
    from db.feeds import WatchedStories
    from verifier.types import Document

    store.add_document(Document(FIRST_WORD, outlet="AP", published=T0))
    check_id, _ = run_check(store, Document(STORY, title="Kandahar blast", published=T0 + timedelta(hours=1)))
    assert check_id is not None
    WatchedStories(store).watch(check_id)
    risen = "The toll of the suicide bombing at a market in Kandahar has risen to 18, the health ministry said on Saturday."
    store.add_document(Document(risen, outlet="Wire", published=T0 + timedelta(hours=5)))
    (first,) = WatchedStories(store).recheck()
    assert [(c.before, c.after, c.figure) for c in first.changes] == [("confirmed", "updated", "18")]

    store.add_document(Document("Floods closed two roads in the north on Sunday, officials said.", outlet="Wire", published=T0 + timedelta(days=1)))
    (second,) = WatchedStories(store).recheck()
    assert second.changes == first.changes  # nothing moved again: the change is still there to act on

    with pytest.raises(InputError, match="say who you are"):
        WatchedStories(store).dismiss(check_id, first.changes[0].key)
    desk = WatchedStories(store.with_editor("Ana Ruiz"))
    with pytest.raises(NotFoundError):
        desk.dismiss(check_id, "killed:0:0")
    dismissed = desk.dismiss(check_id, first.changes[0].key)
    assert dismissed == first.changes[0]
    assert WatchedStories(store).get(check_id).changes == ()
    (entry,) = store.audit.entries(AuditFilter(action="change dismissed"))
    assert (entry.editor, entry.subject, entry.subject_id) == ("Ana Ruiz", "watched story", check_id)
    assert entry.before["change"]["figure"] == "18" and entry.before["change"]["who"] == "the health ministry"
    assert entry.after == {"dismissed": True}
    with pytest.raises(NotFoundError):
        desk.dismiss(check_id, first.changes[0].key)  # once

    store.add_document(Document("Markets reopened in Kandahar on Monday, traders said.", outlet="Wire", published=T0 + timedelta(days=2)))
    (third,) = WatchedStories(store).recheck()
    assert third.changes == ()  # a dismissed change does not come back unless the claim moves again


@pytest.mark.parametrize(
    ("listed", "moved", "kept"),
    [
        ([], [("a", "18")], [("a", "18")]),
        ([("a", "18")], [], [("a", "18")]),
        ([("a", "18")], [("a", "21")], [("a", "21")]),
        ([("a", "18"), ("b", "3")], [("b", "4"), ("c", "1")], [("b", "4"), ("c", "1"), ("a", "18")]),
    ],
)
def test_a_claims_newer_change_takes_its_older_ones_place(
    listed: list[tuple[str, str]], moved: list[tuple[str, str]], kept: list[tuple[str, str]]
) -> None:
    from verifier.changes import Change, merge

    def made(pairs: list[tuple[str, str]]) -> list[Change]:
        return [Change("killed", f"sentence {key}", "confirmed", "updated", figure, key=key) for key, figure in pairs]

    assert [(c.key, c.figure) for c in merge(made(listed), made(moved))] == kept
