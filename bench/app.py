"""The editors' app in a real browser: Check to the first finding on screen (``python -m bench app``; issue 9).

For each library size (the newsroom libraries of ``bench.retrieval``, SQLite, built and cached under
``bench/out/`` when missing; ``VERIFIER_BENCH_CLAIMS`` as there) the real ``streamlit run ui/app.py``
is started on a copy of the library (every check the app makes is saved to the history, and the
cached library stays as it was built), and headless Chromium (``/usr/bin/chromium``, through
Playwright, as the browser tests start both: ``tests/e2e/browser.py``) opens the check page, pastes
the story, clicks **Check pasted text** and times, from the click:

- **first finding**: the first finding's panel ("1. killed: at least 8 — …") is visible;
- **page done**: Streamlit's rerun has finished (the whole result drawn, charts included).

The first check after the server starts is timed apart (cold: imports, the extractor's first use);
then each of ``runs`` checks is made in a fresh page load (a new session, so no earlier result is on
screen). Beside them, in the same command: ``run_check(save=True)`` on the same library in this
process (the check alone, what the page waits for), and the same browser figures on the library of
``BASELINE_CLAIMS`` claims. Stories: the seed story (``corpus.seed_story``) and
``STORY_EVENT``'s story of ``tests/data/events`` (whose check is the slowest of the planted ones at
1M claims). The bar: first findings within 2 s of Check at 1M claims.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from db import Store, run_check
from verifier.intake import document_from_text

from . import corpus, machine_line, retrieval, summary, timed

BASELINE_CLAIMS = 10_000
QUICK_CLAIMS = (BASELINE_CLAIMS,)
RUNS = 5
STORY_EVENT = "market-bombing-bendi"
BAR_S = 2.0
# The first finding's panel: an expander whose label starts "1. " and names a verdict after a dash.
FIRST_FINDING_JS = """() => [...document.querySelectorAll('[data-testid="stExpander"] summary')].some(
    s => / ?1\\. [a-z]+: .* — (agrees|conflicts|unverified) /.test(' ' + s.innerText.replace(/\\s+/g, ' ') + ' ')
         && s.getBoundingClientRect().height > 0)"""
RUNNING_JS = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]')"""


def _stories() -> dict[str, str]:
    seed, origin = corpus.seed_story()
    event = retrieval.EVENTS / STORY_EVENT / "story.txt"
    return {f"seed story ({Path(origin).parent.name or origin})": seed, f"{STORY_EVENT} story": event.read_text(encoding="utf-8")}


def _check_once(page: Any, url: str, text: str) -> tuple[float, float]:
    """A fresh session on the check page, the story pasted, Check clicked: seconds to the first finding, to the page done."""
    from tests.e2e.browser import settle

    page.goto(url)
    box = page.get_by_label("Story text")
    box.wait_for(state="visible")
    settle(page)
    box.fill(text)
    box.press("Control+Enter")  # Streamlit takes the text when the box is committed
    settle(page)
    button = page.get_by_role("button", name="Check pasted text")
    button.wait_for(state="visible")
    started = time.perf_counter()
    button.click()
    page.wait_for_function(FIRST_FINDING_JS, polling="raf")
    first = time.perf_counter() - started
    page.wait_for_function(RUNNING_JS, polling="raf")
    settle(page)
    return first, time.perf_counter() - started


def _copy(size: int) -> tuple[Path, dict[str, Any]]:
    """The cached library of ``size`` generated reports (built when missing), copied to a scratch folder."""
    store, meta = retrieval.open_library("sqlite", size, rebuild=False)
    store.close()
    source = Path(retrieval._library_url("sqlite", size).removeprefix("sqlite:///"))
    folder = Path(tempfile.mkdtemp(prefix="verifier-bench-app-"))
    target = folder / source.name
    shutil.copyfile(source, target)
    return target, meta


def measure(size: int, runs: int, stories: dict[str, str]) -> dict[str, Any]:
    from tests.e2e.browser import chromium_page, streamlit_app

    path, meta = _copy(size)
    url = f"sqlite:///{path}"
    out: dict[str, Any] = {"reports": meta["reports"], "claims": meta["claims"], "stories": {}}
    try:
        with Store.open(url) as store:
            for name, text in stories.items():
                story = document_from_text(text, name=name)
                run_check(store, story, save=True)  # warm: the extractor's first use, the page cache
                alone = [timed(partial(run_check, store, story, save=True))[0] for _ in range(runs)]
                out["stories"][name] = {"check_alone": summary(alone)}
        with streamlit_app(url, env={"PYTHONPATH": str(retrieval.ROOT)}) as server, chromium_page() as page:
            for n, (name, text) in enumerate(stories.items()):
                row = out["stories"][name]
                if n == 0:
                    cold_first, cold_done = _check_once(page, server, text)
                    out["cold"] = {"first_s": cold_first, "done_s": cold_done}
                times = [_check_once(page, server, text) for _ in range(runs)]
                row["first_finding"] = summary([t[0] for t in times])
                row["page_done"] = summary([t[1] for t in times])
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return out


def run(*, quick: bool = False, runs: int = RUNS) -> dict[str, Any]:
    claims = QUICK_CLAIMS if quick else tuple(dict.fromkeys((BASELINE_CLAIMS, *retrieval.CLAIMS)))
    stories = _stories()
    result: dict[str, Any] = {"machine": machine_line(), "load_before": os.getloadavg(), "runs": runs, "sizes": {}}
    for wanted in claims:
        size = math.ceil(wanted / retrieval.CLAIMS_PER_REPORT)
        result["sizes"][str(size)] = measure(size, runs, stories)
    result["load_after"] = os.getloadavg()
    return result


def _ms(row: dict[str, Any], key: str) -> str:
    return f"{row[key]['median_ms']:,.0f} ms (p95 {row[key]['p95_ms']:,.0f})"


def report(result: dict[str, Any]) -> str:
    load = ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(result["load_before"][:2], result["load_after"][:2], strict=True))
    lines = [
        f"\n## app in the browser ({result['machine']}; load average 1/5 min before/after {load}; "
        f"median of {result['runs']} checks each, a fresh page each)",
        "| stored claims | reports | story | first finding after Check | page done | check alone (run_check, in process) | cold first check (first finding / done) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for data in result["sizes"].values():
        cold = data.get("cold", {})
        for n, (story, row) in enumerate(data["stories"].items()):
            cold_cell = f"{cold['first_s']:.2f} s / {cold['done_s']:.2f} s" if n == 0 and cold else ""
            lines.append(
                f"| {data['claims']:,} | {data['reports']:,} | {story} | {_ms(row, 'first_finding')} | {_ms(row, 'page_done')} "
                f"| {row['check_alone']['median_ms']:,.0f} ms | {cold_cell} |"
            )
    return "\n".join(lines)


def summary_rows(result: dict[str, Any]) -> list[str]:
    """The bar at the largest size measured, beside the same on the smallest."""
    sizes = result["sizes"]
    largest, smallest = sizes[max(sizes, key=int)], sizes[min(sizes, key=int)]
    rows = []
    for story, row in largest["stories"].items():
        first = row["first_finding"]["median_ms"]
        base = smallest["stories"][story]["first_finding"]["median_ms"]
        rows.append(
            f"| first finding after Check, browser, {largest['claims']:,} claims, {story} | {first:,.0f} ms "
            f"| {smallest['claims']:,} claims {base:,.0f} ms | {first / base:.2f}x | < {BAR_S:.0f} s "
            f"| {'met' if first < BAR_S * 1000 else 'MISSED'} |"
        )
    return rows
