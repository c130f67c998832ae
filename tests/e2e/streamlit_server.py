"""The real ``streamlit run ui/app.py`` on a free port of 127.0.0.1, for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.e2e.test_browser import ROOT, _free_port, _wait_until_healthy


@contextmanager
def streamlit_app(database_url: str) -> Iterator[str]:
    """The app on ``database_url``, up and healthy; yields its base URL and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "VERIFIER_DATABASE_URL": database_url}
    command = [
        sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
