"""Issue 12's bar in a real headless Chromium: a watched story whose toll a new feed item raises
shows the change after one `verifier watch` run, in the command's output and on the Feeds page's
Changes; an editor who gave their name dismisses it there, and the audit log records who.

A feed server of our own on 127.0.0.1 serves the feed and the item's page; the library (a first
report, a saved check of the story, the story watched, the feed subscribed) is made before the real
``streamlit run`` starts on a throwaway SQLite file; ``verifier watch`` runs as its own process,
as cron would run it. Private addresses are allowed for the feed server only through the
environment of these two processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytest_httpserver import HTTPServer

from db import Store
from db.audit import AuditFilter
from db.feeds import FeedStore, WatchedStories
from tests.e2e.test_browser import _settle, chromium_page, streamlit_app
from tests.test_feeds import RISEN, RSS, RSS_ITEM, watched_check

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip("playwright.sync_api")

SUGGESTION = "The toll has risen to 18, the health ministry said on Saturday."
# The feed server is on loopback: allowed for these processes only, with hardly a delay between requests.
ENV = {"VERIFIER_ALLOW_PRIVATE_ADDRESSES": "1", "VERIFIER_WATCH_HOST_DELAY": "0.001", "VERIFIER_EDITOR": "", "COLUMNS": "250"}
CLI_TIMEOUT = 300


@pytest.fixture(scope="module")
def feed_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1")
    server.start()  # first, so that its port is known to the feed's link
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    item = RSS_ITEM.format(title="Kandahar toll rises", link=server.url_for("/news/risen"))
    server.expect_request("/feed").respond_with_data(RSS.format(items=item), content_type="application/rss+xml")
    server.expect_request("/news/risen").respond_with_data(RISEN, content_type="text/html")
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, feed_server: HTTPServer) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e-feeds') / 'library.db'}"
    check_id = watched_check(url)
    with Store.open(url) as store:
        WatchedStories(store).watch(check_id)
        FeedStore(store).add(feed_server.url_for("/feed"), outlet="Wire", interval=timedelta(minutes=10))
    return url, check_id


@pytest.fixture(scope="module")
def server(library: tuple[str, int]) -> Iterator[str]:
    with streamlit_app(library[0], ENV) as url:
        yield url


def _watch_once(database_url: str) -> str:
    """`verifier watch` once, as its own process (as cron runs it); its output, stdout and stderr."""
    done = subprocess.run(
        [sys.executable, "-c", "from verifier.cli import main; main()", "watch", "--db", database_url],
        env={**os.environ, **ENV}, capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_change_a_new_feed_item_brings_shows_after_one_watch_and_is_dismissed_on_the_changes_page(
    server: str, library: tuple[str, int]
) -> None:
    database_url, check_id = library
    out = _watch_once(database_url)
    assert SUGGESTION in out
    change_row = next(line for line in out.splitlines() if " 18 " in line)
    assert "updated" in change_row and "the health ministry" in change_row

    expect = sync_api.expect
    with chromium_page() as page:
        page.goto(f"{server}/feeds")
        expect(page.get_by_role("heading", name="Changes")).to_be_visible()
        card = page.locator(f".st-key-feeds_change_{check_id}_1")  # the first change's card (its key)
        expect(card.get_by_text(f"Check {check_id} · Kandahar blast")).to_be_visible()
        expect(card.get_by_text("was confirmed, now updated")).to_be_visible()
        expect(card.get_by_text("New figure: 18 (the health ministry")).to_be_visible()
        expect(card.get_by_text(f"Suggested update: {SUGGESTION}")).to_be_visible()
        dismiss = card.get_by_role("button", name="Dismiss")
        expect(dismiss).to_be_disabled()  # an editor's decision: their name first

        _settle(page)
        page.get_by_label("Your name, for the audit log").fill("Ana Ruiz")
        page.get_by_role("button", name="Use this name").click()
        expect(page.get_by_text("Working as Ana Ruiz")).to_be_visible()
        _settle(page)
        expect(dismiss).to_be_enabled()
        dismiss.click()
        expect(page.get_by_text(f"Dismissed change 1 of check {check_id}; the audit log records it under Ana Ruiz.")).to_be_visible()
        expect(page.get_by_text("every change was dismissed")).to_be_visible()
        expect(page.get_by_role("button", name="Dismiss")).to_have_count(0)

    with Store.open(database_url) as store:
        (entry,) = store.audit.entries(AuditFilter(action="change dismissed"))
        assert (entry.editor, entry.subject, entry.subject_id) == ("Ana Ruiz", "watched story", check_id)
        assert entry.before["change"]["suggestion"] == SUGGESTION
        assert WatchedStories(store).get(check_id).changes == ()
