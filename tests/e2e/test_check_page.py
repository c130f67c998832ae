"""The check page in a real headless Chromium set to New York time (issue 10 §2).

An editor pastes copy without a header, types its outlet and publication time, and reads the result:
the theme's colours are not verdict colours, the evidence links to the article, the charts' time
labels are UTC in 24-hour form whatever the browser's zone, a second check of other kinds shows all
its findings, and a download is built when clicked. The server is the real ``streamlit run`` on a
throwaway library (``tests/e2e/test_browser.py``'s fixture); waits are on visible text.
"""

from __future__ import annotations

import codecs
import colorsys
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_browser import _settle, chromium_page, server
from verifier import example

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip("playwright.sync_api")

__all__ = ["server"]  # the fixture, imported so that this module starts a server of its own

# The reports of the example library were published between these hours, UTC; in New York's zone
# the same times would be labelled five hours earlier.
EXAMPLE_HOURS = range(7, 18)
TIME_LABEL = re.compile(r"^(\d{1,2}) [A-Z][a-z]{2} (\d{2}):(\d{2}) UTC$")
# Hues (degrees) of the verdict colours: red, amber and green.
VERDICT_HUES = (4, 40, 123)
STORY_BODY = example.story_text().split("\n\n", 1)[1]
OTHER_KINDS_STORY = (
    "About 20 mortars were fired at the base in Kabul on Saturday, officials said. "
    "The United States will withdraw 2,000 troops from Afghanistan, the Pentagon said."
)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[sync_api.Page]:
    with chromium_page(timezone_id="America/New_York") as opened:
        yield opened


def _hue(css: str) -> float:
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", css)[:3])
    return colorsys.rgb_to_hls(red, green, blue)[0] * 360


def _not_a_verdict_colour(css: str) -> bool:
    return all(min(abs(_hue(css) - h) % 360, 360 - abs(_hue(css) - h) % 360) > 30 for h in VERDICT_HUES)


def test_pasted_copy_with_outlet_and_time_then_a_second_check(server: str, page: sync_api.Page) -> None:
    expect = sync_api.expect
    page.goto(server)
    load = page.get_by_role("button", name="Load the example library")
    assert _not_a_verdict_colour(load.evaluate("e => getComputedStyle(e).backgroundColor"))
    load.click()
    expect(page.get_by_text("Loaded 4 example reports into the library.")).to_be_visible()
    _settle(page)

    page.get_by_label("Story text").fill(STORY_BODY)
    page.get_by_label("Outlet (optional)").fill("Night Desk")
    published = page.get_by_label("Published (day first", exact=False)
    published.fill("21/11/2020 11:30")
    published.press("Enter")
    expect(page.get_by_text("Reads as Saturday 21 November 2020, 11:30 UTC")).to_be_visible()
    _settle(page)
    page.get_by_role("button", name="Check pasted text").click()
    # with the time typed, the later 31 wounded is an update of the story, not a contradiction
    expect(page.get_by_text("2. injured: 20 — conflicts (updated)")).to_be_visible()

    chips = page.get_by_test_id("stMultiSelect").locator("[data-tag]")
    expect(chips.first).to_be_visible()
    assert _not_a_verdict_colour(chips.first.evaluate("e => getComputedStyle(e).backgroundColor"))

    wounded = page.get_by_test_id("stExpander").filter(has_text="2. injured: 20")
    link = wounded.get_by_role("link", name="Evening Bulletin")
    expect(link).to_have_attribute("href", "https://example.org/bulletin/kabul-toll-rises")
    expect(link).to_have_attribute("target", "_blank")
    assert "noopener" in (link.get_attribute("rel") or "")

    chart = wounded.locator(".vega-embed svg")
    expect(chart).to_have_count(1)
    texts = [t.strip() for t in chart.locator("text").all_text_contents()]
    times = [m for t in texts if (m := TIME_LABEL.match(t))]
    assert times, texts
    assert all(int(m.group(2)) in EXAMPLE_HOURS for m in times), texts  # UTC, not New York time
    assert not [t for t in texts if re.search(r"\b(AM|PM)\b", t)]
    overview = page.get_by_test_id("stVegaLiteChart").first.locator("text").all_text_contents()
    assert {"1. killed: at least eight (≥ 8)", "2. injured: 20"} <= set(overview)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    assert Path(download_info.value.path()).read_bytes().startswith(codecs.BOM_UTF8)

    _settle(page)
    page.get_by_label("Story text").fill(OTHER_KINDS_STORY)
    page.get_by_label("Story text").press("Control+Enter")
    _settle(page)
    page.get_by_role("button", name="Check pasted text").click()
    findings = page.get_by_test_id("stExpander")
    expect(findings.filter(has_text="1. munitions: About 20")).to_be_visible()
    expect(findings.filter(has_text="2. troops: 2,000")).to_be_visible()

    # the saved check's own review page, by its address
    page.get_by_role("link", name=re.compile(r"^Review check \d+")).click()
    expect(page).to_have_url(re.compile(r"/review\?check=2$"))
