"""``python -m bench.feeds [--items N]``: a watch run over a feed of N items (1,000 by default) served
from 127.0.0.1, on a fresh SQLite library; then a second run, which must make only the conditional
feed request and store nothing.

The feed and its pages come from a threaded ``http.server`` in this process, so the figure is the
verifier's own cost per item (fetch through the SSRF guard, trafilatura, extraction, batch insert)
with no network in it. Not yet part of ``python -m bench`` (issue 12's bar is >= 250 reports/s).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from db import Store
from db.feeds import FeedStore
from db.watch import run_watch
from verifier.settings import Settings

CITIES = ["Kandahar", "Mosul", "Aleppo", "Sanaa", "Kabul", "Gao", "Maiduguri", "Mogadishu"]


def _page(n: int) -> bytes:
    city = CITIES[n % len(CITIES)]
    text = (
        f"A bombing at a market in {city} killed {n % 50 + 3} people on Saturday, the health ministry said. "
        f"Officials said {n % 90 + 10} more were wounded in the attack on the market, report {n}. "
        "Police said the blast struck at midday, when the market was crowded, and that an investigation had begun."
    )
    return f"<html><head><title>Report {n}</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode()


def _server(items: int) -> ThreadingHTTPServer:
    links = "".join(f"<item><title>Report {n}</title><link>/news/{n}</link></item>" for n in range(items))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{links}</channel></rss>'.encode()
    counts = {"feed": 0, "not_modified": 0, "pages": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            if self.path == "/feed":
                counts["feed"] += 1
                if self.headers.get("If-None-Match") == '"1"':
                    counts["not_modified"] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(feed, "application/rss+xml", etag='"1"')
            elif self.path.startswith("/news/"):
                counts["pages"] += 1
                self._send(_page(int(self.path.rsplit("/", 1)[1])), "text/html")
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

        def _send(self, body: bytes, content_type: str, etag: str = "") -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.counts = counts  # type: ignore[attr-defined]
    return server


def run(items: int) -> dict[str, Any]:
    server = _server(items)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings = Settings(watch_host_delay=0, allow_private_addresses=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = replace(settings, database_url=f"sqlite:///{Path(folder) / 'bench.db'}")
            with Store.open(settings) as store:
                feeds = FeedStore(store)
                feed = feeds.add(f"{base}/feed", outlet="Bench", interval=timedelta(minutes=10))
                started = time.perf_counter()
                (first,) = run_watch(feeds, settings=settings)
                seconds = time.perf_counter() - started
                before = server.counts["pages"]  # type: ignore[attr-defined]
                (second,) = run_watch(feeds, settings=settings, now=feeds.get(feed.id).next_due_at)
                return {
                    "items": items,
                    "added": first.added,
                    "seconds": round(seconds, 2),
                    "reports_per_s": round(first.added / seconds, 1),
                    "second_run": {
                        "status": second.status,
                        "added": second.added,
                        "page_requests": server.counts["pages"] - before,  # type: ignore[attr-defined]
                    },
                }
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    print(json.dumps(run(parser.parse_args().items), indent=2))


if __name__ == "__main__":
    main()
