"""``python -m bench feeds`` (or ``python -m bench.feeds [--items N]``): a watch run over a feed of N
items (1,000 by default) served from 127.0.0.1 into a fresh SQLite library, then a second run with
no new items, which must make only the conditional feed request and store nothing.

The feed and its pages are served by a child process (``--serve``), so the server's own work is not
counted as the verifier's and the figure is the verifier's cost per item: the page fetched through
the SSRF guard, trafilatura's main text, claim extraction, and the store's batches. The bench asks
explicitly for no politeness delay (``watch_host_delay=0``: its own server on 127.0.0.1 only; the
default is a second between two requests to a host) and allows the loopback address.

Baseline, in the same command: reading the same pages without the watch (``document_from_bytes``,
then ``extract_claims``, on bytes already in memory), which is what every ingested item must cost
at least; the ratio says how much of the watch run is the rest (fetching, claiming, storing). Both
start after one untimed page has been read (patterns compiled, trafilatura loaded, as in a watch
that keeps running) and with the extractor's kept readings emptied (``claims.clear_caches``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CITIES = ["Kandahar", "Mosul", "Aleppo", "Sanaa", "Kabul", "Gao", "Maiduguri", "Mogadishu"]
ITEMS = 1000
TARGET_PER_S = 250  # issue 12's bar
ETAG = '"1"'


def _page(n: int) -> bytes:
    city = CITIES[n % len(CITIES)]
    text = (
        f"A bombing at a market in {city} killed {n % 50 + 3} people on Saturday, the health ministry said. "
        f"Officials said {n % 90 + 10} more were wounded in the attack on the market, report {n}. "
        "Police said the blast struck at midday, when the market was crowded, and that an investigation had begun."
    )
    return f"<html><head><title>Report {n}</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode()


def _server(items: int) -> ThreadingHTTPServer:
    """The feed (ETag, 304 to a matching If-None-Match), its pages, and ``/stats``: what was asked."""
    links = "".join(f"<item><title>Report {n}</title><link>/news/{n}</link></item>" for n in range(items))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{links}</channel></rss>'.encode()
    counts = {"feed": 0, "not_modified": 0, "unconditional_feed": 0, "pages": 0, "robots": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            if self.path == "/stats":
                self._send(json.dumps(counts).encode(), "application/json")
            elif self.path == "/feed":
                counts["feed"] += 1
                if self.headers.get("If-None-Match") == ETAG:
                    counts["not_modified"] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                counts["unconditional_feed"] += 1
                self._send(feed, "application/rss+xml", etag=ETAG)
            elif self.path.startswith("/news/"):
                counts["pages"] += 1
                self._send(_page(int(self.path.rsplit("/", 1)[1])), "text/html")
            else:
                counts["robots"] += self.path == "/robots.txt"
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

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


def serve(items: int) -> None:
    """The child process: print the port, serve until the parent closes our standard input."""
    server = _server(items)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


def _stats(base: str) -> dict[str, int]:
    import httpx

    counts: dict[str, int] = httpx.get(f"{base}/stats", timeout=10).json()
    return counts


def _reading_alone(items: int) -> float:
    """Baseline: seconds to read ``items`` pages already in memory (trafilatura, then the claims), after
    the same warm-up as the watch and with the extractor's kept readings emptied, as for the watch."""
    from verifier import intake
    from verifier.claims import clear_caches, extract_claims

    _warm_up()
    clear_caches()
    started = time.perf_counter()
    for n in range(items):
        doc = intake.document_from_bytes(_page(n), name=f"/news/{n}", content_type="text/html", url=f"http://bench/news/{n}")
        extract_claims(doc.text)
    return time.perf_counter() - started


def _warm_up() -> None:
    """Read one page (trafilatura, the claims) untimed: a watch that keeps running (``watch --every``,
    the app) compiles the extractor's patterns and loads trafilatura once, not per run."""
    from verifier import intake
    from verifier.claims import extract_claims

    extract_claims(intake.document_from_bytes(_page(0), name="warm-up", content_type="text/html").text)


def run(items: int = ITEMS) -> dict[str, Any]:
    from db import Store
    from db.feeds import FeedStore
    from db.watch import RobotsCache, run_watch
    from verifier.claims import clear_caches
    from verifier.settings import Settings

    _warm_up()

    child = subprocess.Popen(
        [sys.executable, "-m", "bench.feeds", "--serve", str(items)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        base = f"http://127.0.0.1:{int(child.stdout.readline())}"
        # no delay between two requests to the bench's own server: asked for here, never a default
        settings = Settings(watch_host_delay=0, allow_private_addresses=True)
        robots = RobotsCache()
        with tempfile.TemporaryDirectory() as folder:
            settings = replace(settings, database_url=f"sqlite:///{Path(folder) / 'bench.db'}")
            with Store.open(settings) as store:
                feeds = FeedStore(store)
                feed = feeds.add(f"{base}/feed", outlet="Bench", interval=timedelta(minutes=10))
                clear_caches()  # the run gains only from what repeats within it
                started = time.perf_counter()
                (first,) = run_watch(feeds, settings=settings, robots=robots)
                seconds = time.perf_counter() - started
                before, stored = _stats(base), store.count_reports()
                started = time.perf_counter()
                (second,) = run_watch(feeds, settings=settings, now=feeds.get(feed.id).next_due_at, robots=robots)
                second_seconds = time.perf_counter() - started
                after, stored_after = _stats(base), store.count_reports()
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(10)
    baseline = _reading_alone(items)
    return {
        "items": items,
        "added": first.added,
        "seconds": round(seconds, 2),
        "reports_per_s": round(first.added / seconds, 1),
        "page_requests": before["pages"],
        "baseline_reading_alone_per_s": round(items / baseline, 1),
        "ratio_to_reading_alone": round((first.added / seconds) / (items / baseline), 2),
        "second_run": {
            "status": second.status,
            "added": second.added,
            "seconds": round(second_seconds, 3),
            "requests": sum(after[k] - before[k] for k in ("feed", "pages", "robots")),
            "conditional_feed_requests": after["not_modified"] - before["not_modified"],
            "unconditional_requests": (after["unconditional_feed"] - before["unconditional_feed"])
            + (after["pages"] - before["pages"]) + (after["robots"] - before["robots"]),
            "reports_stored": stored_after - stored,
        },
    }  # fmt: skip


def report(result: dict[str, Any]) -> str:
    second = result["second_run"]
    return "\n".join(
        [
            f"feeds: first run, {result['items']:,} new items: {result['added']:,} added in {result['seconds']} s = "
            f"{result['reports_per_s']:,} reports/s (reading alone {result['baseline_reading_alone_per_s']:,}/s, "
            f"ratio {result['ratio_to_reading_alone']})",
            f"feeds: second run, nothing new: {second['status']}, {second['requests']} request(s) "
            f"({second['conditional_feed_requests']} conditional, {second['unconditional_requests']} unconditional), "
            f"{second['reports_stored']} reports stored, {second['seconds']} s",
        ]
    )


def summary_rows(result: dict[str, Any]) -> list[str]:
    per_s, second = result["reports_per_s"], result["second_run"]
    quiet = second["unconditional_requests"] == 0 and second["reports_stored"] == 0 and second["conditional_feed_requests"] >= 1
    return [
        f"| watch ingest, {result['items']:,}-item feed, SQLite | {per_s:,} reports/s | reading alone "
        f"{result['baseline_reading_alone_per_s']:,}/s | {result['ratio_to_reading_alone']:.2f} | >= {TARGET_PER_S}/s "
        f"| {'met' if per_s >= TARGET_PER_S else 'MISSED'} |",
        f"| watch, second run with nothing new | {second['requests']} request(s), {second['reports_stored']} stored | | "
        f"| only conditional requests, nothing stored | {'met' if quiet else 'MISSED'} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument("--serve", type=int, metavar="N", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve)
        return
    result = run(args.items)
    print(json.dumps(result, indent=2))
    print(report(result))


if __name__ == "__main__":
    main()
