"""The whole app once, in a real headless Chromium: what an editor does on a first visit.

The server is the real ``streamlit run ui/app.py`` on a free port with a throwaway SQLite library.
The browser is the system's Chromium (CI installs it); the test never downloads a browser. Waits
are on visible text or on Streamlit's own state (no script running), never on sleeps, and every
wait, assertions included (Playwright's ``expect`` waits only 5 s unless told), has the same
generous timeout, so a slow or loaded machine makes the test slower, not flaky.
``streamlit_app`` and ``chromium_page`` (``tests/e2e/browser.py``, shared with ``python -m bench app``)
start both for the other browser tests.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier import example

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

from tests.e2e.browser import ROOT, VIEWPORT, chromium_page, settle, streamlit_app  # noqa: E402  (after the skips above)

__all__ = ["chromium_page", "streamlit_app"]

# The README's screenshots are refreshed with `make screenshots`; a plain test run leaves the tree clean.
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("VERIFIER_UPDATE_SCREENSHOTS") == "1"
    else Path(tempfile.mkdtemp(prefix="verifier-screenshots-"))
)
# The brief asks for an answer within 2 s; the assertion leaves room for a loaded CI machine
# (`python -m bench app` measures it).
CHECK_TIME_LIMIT = 10.0
SCREENSHOT_SIZE = {"width": 1400, "height": 2600}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("e2e") / "library.db"
    with streamlit_app(f"sqlite:///{database}") as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[sync_api.Page]:
    with chromium_page() as opened:
        yield opened


def _settle(page: sync_api.Page) -> None:
    settle(page)


def _screenshot(page: sync_api.Page, name: str) -> None:
    """Streamlit scrolls inside its own container, so a tall viewport is what captures the page."""
    page.set_viewport_size(SCREENSHOT_SIZE)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    page.set_viewport_size(VIEWPORT)


def test_first_visit_check_the_example_and_download_the_report(server: str, page: sync_api.Page) -> None:
    expect = sync_api.expect
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server)
    expect(page.get_by_text("The reference library is empty")).to_be_visible()
    _settle(page)
    page.get_by_role("tab", name="Upload a file").click()
    page.get_by_role("button", name="Load the example library").click()
    expect(page.get_by_text("Loaded 4 example reports into the library.")).to_be_visible()
    # The message took the offer's place: the tabs did not move, so they are still on the editor's tab.
    expect(page.get_by_role("tab", name="Upload a file")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("Story file (.txt, .md, .html)")).to_be_visible()
    page.get_by_role("tab", name="Paste text").click()

    expect(page.get_by_text("The reference library is empty")).to_be_hidden()
    _settle(page)
    story = page.get_by_label("Story text")
    expect(story).to_have_count(1)
    story.fill(example.story_text())
    story.press("Control+Enter")
    _settle(page)
    started = time.perf_counter()
    page.get_by_role("button", name="Check pasted text").click()
    conflict = page.get_by_text("2. injured: 20 — conflicts")
    expect(conflict).to_be_visible()
    elapsed = time.perf_counter() - started
    print(f"\nbrowser check of the example story answered in {elapsed:.2f} s")
    assert elapsed < CHECK_TIME_LIMIT
    wounded_panel = page.get_by_test_id("stExpander").filter(has_text="2. injured: 20")
    expect(wounded_panel.get_by_text("Evening Bulletin · 2020-11-21 16:20 UTC")).to_be_visible()
    expect(page.get_by_text("Saved to the history as check")).to_be_visible()
    _screenshot(page, "check.png")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    untold = [r for r in rows if r["status"] in {"untold", "own copy"}]  # what the story does not say
    rows = [r for r in rows if r not in untold]
    wounded = [r for r in rows if r["kind"] == "injured"]
    assert wounded and {r["verdict"] for r in wounded} == {"conflicts"}
    assert any(r["outlet"] == "Evening Bulletin" and r["source_figure"] == "31" for r in wounded)
    assert {r["verdict"] for r in rows} == {"agrees", "conflicts", "unverified"}

    page.get_by_role("link", name="Reference sources").click()
    expect(page.get_by_role("heading", name="Reference sources")).to_be_visible()
    expect(page.get_by_text("4 reports match")).to_be_visible()
    _settle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Open a report").click()
    page.get_by_role("option", name="Evening Bulletin").click()
    expect(page.get_by_role("heading", name="Toll from Kabul rocket attack rises")).to_be_visible()
    expect(page.get_by_role("button", name="Save changes")).to_be_visible()
    _screenshot(page, "sources.png")

    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports")).to_be_visible()
    expect(page.get_by_text("2. injured: 20 — conflicts")).to_be_visible()
    _screenshot(page, "reports.png")


def test_sources_first_click_fetches_and_upload_it_instead_opens_the_upload_tab(
    server: str, page: sync_api.Page
) -> None:
    """Issue 10: a URL typed without Enter is fetched on the first click; the refusal that says to
    upload the page leads to the upload tab, drawn in full; a pasted report's typed date is read
    back, and the form is empty once the report is in."""
    expect = sync_api.expect
    page.goto(f"{server}/sources")
    expect(page.get_by_role("heading", name="Reference sources")).to_be_visible()
    _settle(page)
    page.get_by_label("Report URL").fill("http://127.0.0.1:9/report")
    page.get_by_role("button", name="Fetch and add").click()
    expect(page.get_by_text("Save the page and upload it instead")).to_be_visible()

    page.get_by_role("button", name="Upload it instead").click()
    expect(page.get_by_role("tab", name="Upload files")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("Reference files (.txt, .md, .html, .jsonl)")).to_be_visible()

    page.get_by_role("tab", name="Paste").click()
    published = page.get_by_label("Published (day first", exact=False)
    published.fill("14/03/2025 16:00")
    published.press("Enter")
    expect(page.get_by_text("Reads as Friday 14 March 2025, 16:00 UTC")).to_be_visible()
    text = page.get_by_label("Report text")
    text.fill("A browser-pasted report: officials said 17 people were wounded in Herat on Friday.")
    page.get_by_role("button", name="Add pasted report").click()
    expect(page.get_by_text("1 claim found in it")).to_be_visible()
    expect(text).to_have_value("")
    expect(published).to_have_value("")
