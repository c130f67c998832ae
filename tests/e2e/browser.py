"""The real app and a real browser, started one way for the browser tests and the app benchmark.

``streamlit_app`` is ``streamlit run ui/app.py`` on a free port over a library given by its URL;
``chromium_page`` is a page of the system's Chromium (``/usr/bin/chromium``; nothing is downloaded),
every wait at ``UI_TIMEOUT_MS``; ``settle`` waits until Streamlit has finished its rerun. No pytest
here: ``tests/e2e/test_browser.py`` adds the fixtures, and ``python -m bench app`` uses these as they are.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from playwright import sync_api

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous: on a loaded 2-core machine a cold server takes tens of seconds to start and to run its
# first check (imports, the first extraction); a wait ends as soon as what it waits for is there.
SERVER_START_TIMEOUT = 180.0
UI_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1400, "height": 1000}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode} before it answered")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer at {url} within {SERVER_START_TIMEOUT:.0f} s")


@contextmanager
def streamlit_app(database_url: str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """The real ``streamlit run ui/app.py`` on a free port over ``database_url``; yields its address."""
    port = _free_port()
    environment = {**os.environ, "VERIFIER_DATABASE_URL": database_url, **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def chromium_page(**context_options: str) -> Iterator[sync_api.Page]:
    """A page of the system's Chromium, every wait (actions and ``expect`` alike) at ``UI_TIMEOUT_MS``;
    ``context_options`` go to the browser context (``timezone_id="America/New_York"``)."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, **context_options)  # type: ignore[arg-type]
        opened = context.new_page()
        opened.set_default_timeout(UI_TIMEOUT_MS)
        sync_api.expect.set_options(timeout=UI_TIMEOUT_MS)
        try:
            yield opened
        finally:
            context.close()
            browser.close()


def settle(page: sync_api.Page) -> None:
    """Wait until Streamlit has finished its rerun: during one, old and new widgets coexist in the page."""
    sync_api.expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    sync_api.expect(page.get_by_test_id("stStatusWidgetRunningManIcon")).to_have_count(0)
    page.wait_for_function("() => document.querySelectorAll('textarea[aria-label=\"Story text\"]').length <= 1")
