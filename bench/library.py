"""The library benchmarks: ingest through ``Store.add_document``, and check latency by library size.

Check latency is measured against generated SQLite libraries of 10k, 100k and 1M stored claims.
Building those through ``add_document`` would take hours (extraction plus one transaction per
report), so they are bulk-loaded with SQLAlchemy Core into the tables of ``db.models`` (the
full-text index fills itself: FTS5 triggers, PostgreSQL's generated column), and cached under ``bench/out/``. The baseline is what a library without the term index would do: a
brute-force rapidfuzz scan of the story's claim sentences against every stored sentence.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import insert

from db import Store
from db.check import run_check
from db.convert import content_hash
from db.models import ClaimRow, Outlet, ReportRow
from db.records import IngestResult
from verifier import analyse, extract_claims, salient_terms
from verifier.types import Document

from . import OUT, corpus, machine_line, summary, timed

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000,)
# Reports per transaction while bulk loading: large enough to amortise commits, small enough
# that the WAL stays small.
BATCH_REPORTS = 5_000
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def _meta_path(db_path: Path) -> Path:
    return db_path.with_suffix(".json")


def _wanted_meta(claims: int, seed: int) -> dict[str, Any]:
    return {"generator": corpus.GENERATOR_VERSION, "seed": seed, "target_claims": claims}


def build_library(db_path: Path, claims: int, seed: int = corpus.DEFAULT_SEED) -> dict[str, Any]:
    """Write a library of about ``claims`` stored claims to ``db_path`` (built aside, then renamed)."""
    building = db_path.with_name(db_path.name + ".building")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{building}")
    outlet_ids = {name: i for i, name in enumerate(corpus.outlets(), 1)}
    counts = {"reports": 0, "claims": 0, "duplicates": 0}
    seen: set[str] = set()
    reports: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []

    def flush(conn: Any) -> None:
        if reports:
            conn.execute(insert(ReportRow.__table__), reports)  # type: ignore[arg-type]
            conn.execute(insert(ClaimRow.__table__), claim_rows)  # type: ignore[arg-type]
            conn.commit()
        reports.clear()
        claim_rows.clear()

    def load() -> None:
        with store.engine.connect() as conn:
            # Straight to the driver: SQLAlchemy would open a transaction, and SQLite refuses this inside one.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous=OFF")
            conn.execute(
                insert(Outlet.__table__),  # type: ignore[arg-type]
                [{"id": i, "name": name, "domain": f"{name.lower().replace(' ', '')}.example", "reliability": 1.0}
                 for name, i in outlet_ids.items()],
            )  # fmt: skip
            for report in corpus.library_reports(claims, seed):
                digest = content_hash(report.text)
                if digest in seen:
                    counts["duplicates"] += 1
                    continue
                seen.add(digest)
                counts["reports"] += 1
                rid = counts["reports"]
                reports.append({
                    "id": rid, "outlet_id": outlet_ids[report.outlet], "url": report.url, "title": report.title,
                    "published": report.published, "fetched_at": FIXED_TIME, "created_at": FIXED_TIME,
                    "text": report.text, "content_hash": digest,
                })  # fmt: skip
                claim_rows.extend({"report_id": rid, **row} for row in report.claims)
                counts["claims"] += len(report.claims)
                if len(reports) >= BATCH_REPORTS:
                    flush(conn)
            flush(conn)
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    seconds, _ = timed(load)
    store.close()
    building.replace(db_path)
    meta = {**_wanted_meta(claims, seed), **counts, "build_s": seconds, "claims_per_s": counts["claims"] / seconds}
    _meta_path(db_path).write_text(json.dumps(meta, indent=1))
    return meta


def library(claims: int, *, rebuild: bool = False, seed: int = corpus.DEFAULT_SEED, out: Path = OUT) -> tuple[Path, dict[str, Any]]:
    """The cached library of ``claims`` claims, built when missing, stale or ``rebuild`` is asked."""
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / f"library-{claims}.db"
    meta_path = _meta_path(db_path)
    if not rebuild and db_path.is_file() and meta_path.is_file():
        meta = json.loads(meta_path.read_text())
        if all(meta.get(k) == v for k, v in _wanted_meta(claims, seed).items()):
            return db_path, {**meta, "cached": True}
    return db_path, {**build_library(db_path, claims, seed), "cached": False}


def _ingest_once(docs: list[Document]) -> tuple[float, list[IngestResult]]:
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{Path(tmp) / 'ingest.db'}") as store:
        return timed(lambda: [store.add_document(d) for d in docs])


def ingest(count: int, seed: int = corpus.DEFAULT_SEED, repeats: int = 3) -> dict[str, Any]:
    """Reports/s through ``Store.add_document`` on a fresh temp file database, beside the extraction
    alone (same texts), so the share of the time spent storing is visible; fastest of ``repeats``."""
    docs = [
        Document(a.text, title=f"{a.event.place} {i}", url=f"https://wire.example/{i}", outlet=f"Outlet {i % 20}",
                 published=datetime.combine(a.event.day, datetime.min.time(), UTC) + timedelta(hours=i % 24))
        for i, a in enumerate(corpus.articles(count, seed + 7))
    ]  # fmt: skip
    extract_claims(docs[0].text)
    extract_s = min(timed(lambda: [(extract_claims(d.text), salient_terms(d.text)) for d in docs])[0] for _ in range(repeats))
    store_s, results = min((_ingest_once(docs) for _ in range(repeats)), key=lambda run: run[0])
    added = sum(r.status == "added" for r in results)
    return {
        "reports": count, "added": added, "seconds": store_s, "repeats": repeats, "reports_per_s": count / store_s,
        "extract_only_s": extract_s, "extract_only_per_s": count / extract_s, "extract_share": extract_s / store_s,
    }  # fmt: skip


def check_latency(db_path: Path, story: str, runs: int) -> dict[str, Any]:
    """run_check on the seed story: one cold run, then ``runs`` timed runs."""
    doc = Document(story, title="seed story")
    with Store.open(f"sqlite:///{db_path}") as store:
        cold_s, (_, result) = timed(lambda: run_check(store, doc, save=False))
        times = [timed(lambda: run_check(store, doc, save=False))[0] for _ in range(runs)]
    return {**summary(times), "cold_ms": cold_s * 1000, "sources": result.sources,
            "claims": len(result.findings), "verdicts": {k: v for k, v in result.summary.items() if k not in ("claims", "sources")}}  # fmt: skip


# The editors' app checks through the same code path with the history saved (ui/pages/check.py).
PAGE_PATH_SIZE = 100_000


def page_path_latency(db_path: Path, story: str, runs: int) -> dict[str, Any]:
    """run_check(save=True), as the Check page calls it, on a copy so the cached library stays as built."""
    doc = Document(story, title="seed story")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / db_path.name
        shutil.copyfile(db_path, copy)
        with Store.open(f"sqlite:///{copy}") as store:
            run_check(store, doc, save=True)
            times = [timed(lambda: run_check(store, doc, save=True))[0] for _ in range(runs)]
    return summary(times)


def scan_baseline(db_path: Path, story: str, runs: int) -> dict[str, Any]:
    """Brute force: every stored sentence scored against each claim sentence of the story, all cores.

    Loading the sentences is timed apart and left out of the scan figure, which favours the baseline.
    """
    queries = list(dict.fromkeys(c.sentence for c in analyse(story).claims))
    with Store.open(f"sqlite:///{db_path}") as store, store.engine.connect() as conn:
        load_s, sentences = timed(lambda: [row[0] for row in conn.exec_driver_sql("SELECT sentence FROM claim")])
    times = [
        timed(lambda: process.cdist(queries, sentences, scorer=fuzz.token_set_ratio, workers=-1))[0] for _ in range(runs)
    ]
    return {**summary(times), "load_s": load_s, "queries": len(queries), "sentences": len(sentences)}


def run(*, quick: bool = False, rebuild: bool = False, runs: int = 20, ingest_reports: int = 400) -> dict[str, Any]:
    """The library benchmark: ingest, then check latency and the scan baseline for each size."""
    story, origin = corpus.seed_story()
    result: dict[str, Any] = {"machine": machine_line(), "seed_story": origin}
    result["ingest"] = ingest(100 if quick else ingest_reports, repeats=1 if quick else 3)
    sizes: dict[str, Any] = {}
    for claims in QUICK_SIZES if quick else SIZES:
        db_path, meta = library(claims, rebuild=rebuild)
        check = check_latency(db_path, story, runs)
        scan = scan_baseline(db_path, story, 3 if claims >= 1_000_000 else 5)
        sizes[str(claims)] = {"library": meta, "check": check, "scan": scan,
                              "speedup_over_scan": scan["median_ms"] / check["median_ms"]}  # fmt: skip
        if claims == PAGE_PATH_SIZE:
            result["page_path"] = {"claims": meta["claims"], **page_path_latency(db_path, story, 5 if quick else 10)}
    result["sizes"] = sizes
    medians = {int(k): v["check"]["median_ms"] for k, v in sizes.items()}
    if len(medians) > 1:
        result["growth_largest_over_smallest"] = medians[max(medians)] / medians[min(medians)]
    return result


def times(ratio: float) -> str:
    """A ratio as "30x", keeping a decimal below 10 so that 0.6x does not print as 0x."""
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def report(result: dict[str, Any]) -> str:
    """The figures as text for the terminal and the README."""
    ing = result["ingest"]
    lines = [
        f"machine: {result['machine']}",
        f"ingest via Store.add_document (SQLite file): {ing['reports']} reports in {ing['seconds']:.2f} s (best of {ing['repeats']}) = "
        f"{ing['reports_per_s']:,.0f} reports/s (target >= 250: {'met' if ing['reports_per_s'] >= 250 else 'MISSED'}); "
        f"extraction alone {ing['extract_only_per_s']:,.0f} reports/s, i.e. {ing['extract_share']:.0%} of ingest time",
        f"check latency of the seed story ({result['seed_story']}), run_check(save=False):",
        "| stored claims | reports | build | check median | check p95 | cold | sources | scan median (baseline) | speed-up |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size, row in result["sizes"].items():
        lib, check, scan = row["library"], row["check"], row["scan"]
        build = "cached" if lib.get("cached") else f"{lib['build_s']:.0f} s"
        lines.append(
            f"| {lib['claims']:,} (target {int(size):,}) | {lib['reports']:,} | {build} ({lib['claims_per_s']:,.0f} claims/s) | "
            f"{check['median_ms']:.1f} ms | {check['p95_ms']:.1f} ms | {check['cold_ms']:.0f} ms | {check['sources']} | "
            f"{scan['median_ms']:,.0f} ms ({scan['queries']} sentences x {scan['sentences']:,}) | {times(row['speedup_over_scan'])} |"
        )
    sizes = result["sizes"]
    largest = sizes[max(sizes, key=int)]
    median = largest["check"]["median_ms"]
    lines.append(f"median at the largest size: {median:.1f} ms (target < 100 ms: {'met' if median < 100 else 'MISSED'})")
    if "growth_largest_over_smallest" in result:
        growth = result["growth_largest_over_smallest"]
        lines.append(f"latency(largest)/latency(smallest): {growth:.2f} (target <= 3: {'met' if growth <= 3 else 'MISSED'})")
    if "page_path" in result:
        page = result["page_path"]
        lines.append(
            f"the Check page's code path (run_check with the history saved) at {page['claims']:,} claims: median "
            f"{page['median_ms']:.1f} ms, p95 {page['p95_ms']:.1f} ms (target < 1,000 ms: {'met' if page['p95_ms'] < 1000 else 'MISSED'})"
        )
    speedup = largest["speedup_over_scan"]
    lines.append(f"speed-up over the scan at the largest size: {times(speedup)} (target >= 100x: {'met' if speedup >= 100 else 'MISSED'})")
    return "\n".join(lines)


