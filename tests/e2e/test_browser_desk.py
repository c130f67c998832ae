"""The editors' desk in a real headless Chromium against the real ``streamlit run``: open a saved
check by its own address, give a name, confirm one finding and override another, download the HTML
report and find both decisions with the editor's name in it, re-run the check, and read the audit log.

The library (the example's four reports and one saved check) is made before the server starts, in a
throwaway SQLite file; waits are on visible text, never on sleeps.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import Store, run_check
from tests.e2e.test_browser import _settle, chromium_page, streamlit_app
from verifier import example

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e-desk') / 'library.db'}"
    with Store.open(url) as store:
        store.add_documents(example.source_documents())
        check_id, _ = run_check(store, example.story_document())
    assert check_id is not None
    return url, check_id


@pytest.fixture(scope="module")
def server(library: tuple[str, int]) -> Iterator[str]:
    with streamlit_app(library[0]) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[sync_api.Page]:
    with chromium_page() as opened:
        yield opened


def _widget(page: sync_api.Page, key: str, inner: str = "") -> sync_api.Locator:
    """A widget by its Streamlit key (its container carries the class ``st-key-<key>``): stable where
    labels repeat once per finding."""
    return page.locator(f".st-key-{key} {inner}".strip())


def _download(page: sync_api.Page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_confirm_one_override_another_and_the_html_report_has_both_with_the_name(
    server: str, page: sync_api.Page, library: tuple[str, int]
) -> None:
    expect = sync_api.expect
    _, check_id = library
    # A server's very first request picks how it maps addresses to pages: start it at the app's root,
    # as an editor's browser would have, and let that first run finish (a cold server imports pandas
    # for the charts then, and a second script importing it at the same moment can see it half-made),
    # then open the review by its own address.
    page.goto(server)
    expect(page.get_by_role("link", name="Check a story")).to_be_visible()
    _settle(page)
    page.goto(f"{server}/review?check={check_id}")
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    expect(page.get_by_text("Give your name in the sidebar")).to_be_visible()
    _settle(page)
    page.get_by_label("Your name, for the audit log").fill("Ana Ruiz")
    page.get_by_role("button", name="Use this name").click()
    expect(page.get_by_text("Working as Ana Ruiz")).to_be_visible()
    _settle(page)

    _widget(page, f"review_note_{check_id}_1", "input").fill("matches the wire")
    _widget(page, f"review_save_{check_id}_1", "button").click()
    expect(page.get_by_text("Finding 1: confirmed by Ana Ruiz")).to_be_visible()
    _settle(page)

    _widget(page, f"review_action_{check_id}_2").get_by_text("Override", exact=True).click()
    _widget(page, f"review_note_{check_id}_2", "input").fill("the ministry's figure is older")
    _widget(page, f"review_save_{check_id}_2", "button").click()
    expect(page.get_by_text("Finding 2: overridden: agrees by Ana Ruiz")).to_be_visible()
    expect(page.get_by_text("Review: in review (Ana Ruiz", exact=False)).to_be_visible()
    _settle(page)

    report = _download(page, "Download HTML").decode("utf-8")
    assert "confirmed by Ana Ruiz" in report
    assert "overridden: agrees by Ana Ruiz" in report and "the ministry&#39;s figure is older" in report
    assert '<span class="badge v-conflicts">conflicts</span>' in report  # the tool's verdict is still there
    assert "Review: in review (Ana Ruiz" in report

    page.get_by_role("button", name="Re-run against today's library").click()
    expect(page.get_by_text("Nothing changed since the check was saved")).to_be_visible()

    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    expect(page.get_by_text("Working as Ana Ruiz")).to_be_visible()  # asked once for the whole session
    _settle(page)
    data = _download(page, "Download CSV")
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    decided = [r for r in rows if r["action"] == "finding decided"]
    assert [r["editor"] for r in decided] == ["Ana Ruiz", "Ana Ruiz"]
    assert {r["action"] for r in rows} >= {"report added", "check reviewed"}
