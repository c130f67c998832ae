"""The Feeds page, driven in process with Streamlit's AppTest on a temporary SQLite library, with
"Fetch now" against a feed server of our own on 127.0.0.1 (private addresses allowed for it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from db import Store
from tests.test_feeds import RISEN, Wire, watched_check

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
TIMEOUT = 60


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("VERIFIER_DATABASE_URL", url)
    monkeypatch.setenv("VERIFIER_ALLOW_PRIVATE_ADDRESSES", "1")
    monkeypatch.setenv("VERIFIER_WATCH_HOST_DELAY", "0.001")
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


def feeds_page(db_url: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/feeds.py").run()
    assert not at.exception
    return at


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_subscribe_fetch_now_pause_and_remove(db_url: str, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    at = feeds_page(db_url)
    assert "No feeds yet" in at.info[0].value
    at.text_input(key="feeds_url").set_value(httpserver.url_for("/feed"))
    at.text_input(key="feeds_outlet").set_value("Wire")
    button(at, "Subscribe").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert "Subscribed to feed 1" in at.success[0].value
    at.button(key="feeds_fetch_now").click().run()
    assert not at.exception
    assert any("Wire: fetched, 1 item, 1 added, 0 duplicates" in s.value for s in at.success)
    with Store.open(db_url) as store:
        assert [r.outlet for r in store.list_reports()] == ["Wire"]
    at.button(key="feeds_pause").click().run()
    assert at.button(key="feeds_pause").label == "Resume"
    at.button(key="feeds_remove").click().run()
    assert not at.exception and "No feeds yet" in at.info[0].value


def test_reports_fetched_by_fetch_now_count_at_once_on_the_check_page(db_url: str, httpserver: HTTPServer) -> None:
    wire = Wire(httpserver)
    wire.publish("/news/1", "Market blast kills 12", 12)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert any("library is empty" in i.value for i in at.info)  # the check page counted no report
    at.switch_page("pages/feeds.py").run()
    at.text_input(key="feeds_url").set_value(httpserver.url_for("/feed"))
    at.text_input(key="feeds_outlet").set_value("Wire")
    button(at, "Subscribe").click().run()  # type: ignore[attr-defined]
    at.button(key="feeds_fetch_now").click().run()
    assert not at.exception
    at.switch_page("pages/check.py").run()
    assert not any("library is empty" in i.value for i in at.info)


def test_a_bad_interval_is_shown_as_an_error(db_url: str) -> None:
    at = feeds_page(db_url)
    at.text_input(key="feeds_url").set_value("https://example.com/feed")
    at.text_input(key="feeds_outlet").set_value("Wire")
    at.text_input(key="feeds_every").set_value("soon")
    button(at, "Subscribe").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert "not an interval" in at.error[0].value


def test_a_watched_story_shows_the_change_after_fetch_now(db_url: str, httpserver: HTTPServer) -> None:
    check_id = watched_check(db_url)
    wire = Wire(httpserver)
    httpserver.expect_request("/news/risen").respond_with_data(RISEN, content_type="text/html")
    wire.link("Kandahar toll rises", httpserver.url_for("/news/risen"))
    at = feeds_page(db_url)
    at.number_input(key="feeds_watch_id").set_value(check_id)
    button(at, "Watch").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any(f"Watching check {check_id}" in s.value for s in at.success)
    at.text_input(key="feeds_url").set_value(httpserver.url_for("/feed"))
    at.text_input(key="feeds_outlet").set_value("Wire")
    button(at, "Subscribe").click().run()  # type: ignore[attr-defined]
    at.button(key="feeds_fetch_now").click().run()
    assert not at.exception
    assert any("Watched stories checked again: 1 change." in i.value for i in at.info)
    shown = " ".join(m.value for m in at.markdown)
    assert "Suggested update: The toll has risen to 18, the health ministry said on Saturday." in shown.replace("\\", "")
    assert "was **confirmed**, now **updated**" in shown
    dismiss = next(b for b in at.button if b.label == "Dismiss")
    assert dismiss.disabled  # a decision needs the editor's name first

    at.text_input(key="desk_name_input").input("Ana Ruiz")
    at.button(key="desk_name_submit").click().run()
    next(b for b in at.button if b.label == "Dismiss").click().run()
    assert not at.exception
    assert any("Dismissed change 1 of check" in s.value and "Ana Ruiz" in s.value for s in at.success)
    assert not [b for b in at.button if b.label == "Dismiss"]
    with Store.open(db_url) as store:
        (entry,) = store.audit.entries()[:1]
        assert (entry.action, entry.editor, entry.subject_id) == ("change dismissed", "Ana Ruiz", check_id)
    at.button(key="feeds_unwatch").click().run()
    assert any("No watched stories yet" in i.value for i in at.info)
