"""Planted evidence at a newsroom's scale, SQLite and PostgreSQL side by side (``python -m bench retrieval``).

For each size, a library of ``bench.newsroom`` wire copy (distinct events sharing places and
actors, tolls rising over days, copies on several sites) with, for each event of
``newsroom.PLANTED_EVENTS``, look-alike reports of other incidents in its places by its actors
(``LOOKALIKE_SHARE`` of the size) and the event's real reference reports from ``tests/data/events``.
The same library goes into SQLite and PostgreSQL; then, per event and backend:

- how many planted reports the retrieval (``Store.matching_reports`` with ``run_check``'s settings)
  brings back, and whether ``run_check``'s verdicts equal those of the check against the planted
  reports alone;
- the median ``run_check`` time, beside the fair baseline in the same run: FTS5 bm25 over the
  claim sentences of the story's claim kinds (``claim_fts``, built for the baseline only), then a
  rapidfuzz ``token_set_ratio`` rerank, with the baseline's own planted recall.

Ingest is ``Store.add_documents`` into an empty library on each backend, beside extraction alone.
Sizes are in stored claims (``VERIFIER_BENCH_CLAIMS``). Claims of the generated reports are extracted
once (all cores; a site's copy gets its wire's claims in the paragraphs it kept, checked against a
real extraction for a sample) and cached with the library under ``bench/out/``; libraries are bulk-loaded with SQLAlchemy Core (the full-text index fills itself:
FTS5 triggers, PostgreSQL's generated column), then PostgreSQL's statistics are refreshed as a
bulk import does.
"""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import statistics
import tempfile
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import create_engine, insert, text

from db import Store, run_check
from db.check import MAX_CANDIDATE_REPORTS, MIN_TERMS_FOR_TWO
from db.convert import claim_columns, content_hash
from db.models import CLAIM, OUTLET, REPORT
from verifier import analyse, extract_claims, parse_report_file, read_story, salient_terms
from verifier.claims import clear_caches
from verifier.types import Document

from . import OUT, machine_line, newsroom, summary, timed

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "tests" / "data" / "events"
# Library sizes in stored claims, as issue 9's bars are set; a generated report holds about
# ``CLAIMS_PER_REPORT`` claims (16.7 in the library of 6,061 reports, 18.5 in that of 60,607), so a library of N claims gets
# N / CLAIMS_PER_REPORT reports and its real count of claims is printed beside it.
CLAIMS = tuple(int(s) for s in os.environ.get("VERIFIER_BENCH_CLAIMS", "100000,1000000").split(","))
QUICK_CLAIMS = (25_000,)
CLAIMS_PER_REPORT = 16.5
BACKENDS = tuple(os.environ.get("VERIFIER_BENCH_BACKENDS", "sqlite,postgres").split(","))
POSTGRES_URL = os.environ.get("VERIFIER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Look-alikes of each planted event, as a share of the library: other attacks in its towns by its groups.
LOOKALIKE_SHARE = 0.01
BATCH = 2_000
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)
BASELINE_SENTENCES = 1_000
# Site copies whose derived claims are checked against a real extraction while a library is built.
COPY_CHECK_EVERY = 200


def _extract(doc: Document) -> list[dict[str, Any]]:
    return [claim_columns(c, i) for i, c in enumerate(extract_claims(doc.text))]


def _planted(event: str) -> list[Document]:
    docs: list[Document] = []
    for path in sorted((EVENTS / event / "sources").iterdir()):
        docs.extend(parse_report_file(path)[0])
    return docs


def _copied_part(doc: Document, wire: Document | None) -> int | None:
    """How much of ``wire``'s text the site copy ``doc`` carries (its kept paragraphs), or None.

    A copy is the wire's first paragraphs and a line of the site's own (``newsroom.wire_reports``).
    """
    if wire is None or doc.outlet in newsroom.WIRES:
        return None
    kept = doc.text.rsplit("\n\n", 1)[0]
    return len(kept) if wire.text.startswith(kept) else None


def _with_claims(docs: Sequence[Document]) -> list[tuple[Document, list[dict[str, Any]]]]:
    """Each report with its claim rows, extracting only the wire updates (all cores).

    A site's copy is the wire's first paragraphs plus a line of its own, and extraction reads a text
    front to back, so the copy's claims are the wire's claims in those paragraphs. That is checked
    against a real extraction for every ``COPY_CHECK_EVERY``-th copy; a difference stops the build.
    """
    wires: list[Document | None] = []
    wire: Document | None = None
    for doc in docs:
        if doc.outlet in newsroom.WIRES:
            wire = doc
        wires.append(wire)
    parts = [_copied_part(doc, w) for doc, w in zip(docs, wires, strict=True)]
    extract = [doc for doc, part in zip(docs, parts, strict=True) if part is None]
    with ProcessPoolExecutor() as pool:
        extracted = dict(zip((id(d) for d in extract), pool.map(_extract, extract, chunksize=100), strict=True))
    pairs: list[tuple[Document, list[dict[str, Any]]]] = []
    copies = 0
    for doc, w, part in zip(docs, wires, parts, strict=True):
        if part is None:
            pairs.append((doc, extracted[id(doc)]))
            continue
        rows = [row for row in extracted[id(w)] if row["sentence_end"] <= part]
        if copies % COPY_CHECK_EVERY == 0 and rows != _extract(doc):
            raise RuntimeError(f"the claims of the copy {doc.url} are not the wire's claims in its paragraphs")
        copies += 1
        pairs.append((doc, rows))
    return pairs


def generated(size: int, rebuild: bool = False) -> list[tuple[Document, list[dict[str, Any]]]]:
    """The generated part of a library of ``size`` reports with their claim rows (cached)."""
    cache = OUT / f"newsroom-{size}-v{newsroom.NEWSROOM_VERSION}.pickle"
    if cache.is_file() and not rebuild:
        loaded: list[tuple[Document, list[dict[str, Any]]]] = pickle.loads(cache.read_bytes())
        return loaded
    lookalikes = int(size * LOOKALIKE_SHARE)
    docs = list(newsroom.library(size - lookalikes * len(newsroom.PLANTED_EVENTS)))
    for n, (_, places, country, actors, around) in enumerate(newsroom.PLANTED_EVENTS):
        docs.extend(newsroom.distractors(places, actors, around, lookalikes, country=country, seed=n))
    pairs = _with_claims(docs)
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(pairs))
    return pairs


def _flush(conn: Any, reports: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
    if reports:
        conn.execute(insert(REPORT), reports)
    if claims:
        conn.execute(insert(CLAIM), claims)
    conn.commit()
    reports.clear()
    claims.clear()


def _bulk_load(store: Store, pairs: Sequence[tuple[Document, list[dict[str, Any]]]]) -> None:
    outlets = {name: i for i, name in enumerate(dict.fromkeys(d.outlet for d, _ in pairs), 1)}
    seen: set[str] = set()
    with store.engine.connect() as conn:
        conn.execute(insert(OUTLET), [{"id": i, "name": n, "domain": "", "reliability": 1.0} for n, i in outlets.items()])
        conn.commit()
        reports: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        for rid, (doc, rows) in enumerate(pairs, 1):
            digest = content_hash(doc.text)
            if digest in seen:
                continue
            seen.add(digest)
            reports.append({"id": rid, "outlet_id": outlets[doc.outlet], "url": doc.url, "title": doc.title, "published": doc.published,
                            "fetched_at": FIXED_TIME, "created_at": FIXED_TIME, "text": doc.text, "content_hash": digest})  # fmt: skip
            claims.extend({"report_id": rid, **row} for row in rows)
            if len(reports) >= BATCH:
                _flush(conn, reports, claims)
        _flush(conn, reports, claims)
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('report', 'id'), (SELECT max(id) FROM report))"))
            conn.execute(text("SELECT setval(pg_get_serial_sequence('outlet', 'id'), (SELECT max(id) FROM outlet))"))
            conn.commit()
    store.refresh_statistics()


def _library_url(backend: str, size: int) -> str:
    name = f"bench_{size}_v{newsroom.NEWSROOM_VERSION}"
    if backend == "sqlite":
        return f"sqlite:///{OUT / (name + '.db')}"
    return f"{POSTGRES_URL}?options=-csearch_path%3D{name}"


def _fresh(backend: str, size: int) -> None:
    """Remove a cached library so it is built again."""
    name = f"bench_{size}_v{newsroom.NEWSROOM_VERSION}"
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{OUT / (name + '.db')}{suffix}").unlink(missing_ok=True)
        return
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()


def open_library(backend: str, size: int, rebuild: bool) -> tuple[Store, dict[str, Any]]:
    """The cached library of ``size`` generated reports plus the planted events on ``backend``."""
    meta_path = OUT / f"bench_{size}_v{newsroom.NEWSROOM_VERSION}-{backend}.json"
    if not rebuild and meta_path.is_file():
        meta = json.loads(meta_path.read_text())
        store = Store.open(_library_url(backend, size))
        if store.count_reports() == meta["reports"]:
            return store, {**meta, "cached": True}
        store.close()
    _fresh(backend, size)
    pairs = generated(size, rebuild)
    store = Store.open(_library_url(backend, size))
    build_s, _ = timed(lambda: _bulk_load(store, pairs))
    planted: dict[str, list[int]] = {}
    for event, *_ in newsroom.PLANTED_EVENTS:
        planted[event] = [r.report_id or 0 for r in store.add_documents(_planted(event))]
    store.refresh_statistics()
    with store.engine.connect() as conn:
        claims = conn.execute(text("SELECT count(*) FROM claim")).scalar_one()
    meta = {"reports": store.count_reports(), "claims": claims, "generated": len(pairs), "build_s": build_s, "planted": planted}
    meta_path.write_text(json.dumps(meta))
    return store, {**meta, "cached": False}


def _verdicts(store: Store, story: Document) -> list[tuple[str, str, str]]:
    _, result = run_check(store, story, save=False)
    return [(f.claim.kind, f.verdict, f.status) for f in result.findings]


def _alone(event: str) -> list[tuple[str, str, str]]:
    with Store.memory() as store:
        store.add_documents(_planted(event))
        return _verdicts(store, read_story(str(EVENTS / event / "story.txt")))


def _baseline(store: Store, story: Document, planted: set[int]) -> tuple[float, int]:
    """FTS5 bm25 over claim sentences of the story's kinds, then a rapidfuzz rerank: seconds, planted reports found."""
    analysis = analyse(story.text)
    kinds = sorted({c.kind for c in analysis.claims})
    terms = salient_terms(analysis.text)
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    queries = list(dict.fromkeys(c.sentence for c in analysis.claims))
    with store.engine.connect() as conn:
        def run() -> set[int]:
            rows = conn.execute(
                text(
                    "SELECT claim.report_id, claim.sentence FROM claim_fts JOIN claim ON claim.id = claim_fts.rowid "
                    f"WHERE claim_fts MATCH :m AND claim.kind IN ({', '.join(repr(k) for k in kinds)}) "
                    "ORDER BY bm25(claim_fts) LIMIT :n"
                ),
                {"m": match, "n": BASELINE_SENTENCES},
            ).all()
            if not rows:
                return set()
            scores = process.cdist(queries, [r.sentence for r in rows], scorer=fuzz.token_set_ratio, workers=-1)
            best = scores.max(axis=0)
            ranked = sorted(range(len(rows)), key=lambda i: -best[i])
            return {rows[i].report_id for i in ranked[:MAX_CANDIDATE_REPORTS]}
        run()
        times = []
        for _ in range(5):
            seconds, found = timed(run)
            times.append(seconds)
    return statistics.median(times), len(found & planted)


def _ensure_claim_fts(store: Store) -> None:
    """The baseline's own index: FTS5 over every stored claim sentence (SQLite only)."""
    with store.engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'claim_fts'")).first()
        if exists is None:
            conn.execute(text("CREATE VIRTUAL TABLE claim_fts USING fts5(sentence, content='claim', content_rowid='id')"))
            conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))
            conn.commit()


def measure(store: Store, meta: dict[str, Any], runs: int, baseline: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"reports": meta["reports"], "claims": meta["claims"], "build_s": meta["build_s"], "events": {}}
    if baseline:
        _ensure_claim_fts(store)
    for event, *_ in newsroom.PLANTED_EVENTS:
        story = read_story(str(EVENTS / event / "story.txt"))
        planted = set(meta["planted"][event])
        terms = salient_terms(analyse(story.text).text)
        options = {"published": story.published or story.placed, "max_reports": MAX_CANDIDATE_REPORTS,
                   "min_shared": 2 if len(terms) >= MIN_TERMS_FOR_TWO else 1}  # fmt: skip
        ranked = store.matching_reports(terms, **options)  # type: ignore[arg-type]
        verdicts = _verdicts(store, story)
        times = [timed(partial(run_check, store, story, save=False))[0] for _ in range(runs)]
        retrieval = [timed(partial(store.matching_reports, terms, **options))[0] for _ in range(runs)]  # type: ignore[arg-type]
        row: dict[str, Any] = {
            "planted": len(planted), "retrieved": len(planted & set(ranked)),
            "verdicts_equal": verdicts == _alone(event), "check": summary(times), "retrieval": summary(retrieval),
        }  # fmt: skip
        if baseline:
            base_s, base_found = _baseline(store, story, planted)
            row["baseline"] = {"median_ms": base_s * 1000, "retrieved": base_found}
        out["events"][event] = row
    return out


def ingest(count: int = 400) -> dict[str, Any]:
    """``Store.add_documents`` of ``count`` fresh wire reports per backend, beside extraction alone.

    The extractor keeps its readings of sentences it has seen (``claims.clear_caches``), and each pass
    reads the same texts, so every timed pass that extracts starts with them emptied: each gains only
    from what repeats within it, as a fresh batch of reports would."""
    docs = list(newsroom.library(count, seed=77))
    clear_caches()
    extract_s, _ = timed(lambda: [extract_claims(d.text) for d in docs])
    out: dict[str, Any] = {"reports": count, "extract_only_per_s": count / extract_s}
    export = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(f"sqlite:///{Path(tmp) / 'ingest.db'}") as store:
            clear_caches()
            seconds, results = timed(lambda: store.add_documents(docs))
            out["sqlite_per_s"] = sum(r.status == "added" for r in results) / seconds
            store.export_jsonl(export)
        with Store.open(f"sqlite:///{Path(tmp) / 'import.db'}") as store:
            seconds, imported = timed(lambda: store.import_jsonl(io.StringIO(export.getvalue())))
            out["sqlite_import_per_s"] = imported.added / seconds
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    schemas = [f"bench_ingest_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as conn:
        for schema in schemas:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        with Store.open(f"{POSTGRES_URL}?options=-csearch_path%3D{schemas[0]}") as store:
            clear_caches()
            seconds, results = timed(lambda: store.add_documents(docs))
            out["postgres_per_s"] = sum(r.status == "added" for r in results) / seconds
        # an empty library again (a deleted report is kept, soft, so its text would be a duplicate)
        with Store.open(f"{POSTGRES_URL}?options=-csearch_path%3D{schemas[1]}") as store:
            seconds, imported = timed(lambda: store.import_jsonl(io.StringIO(export.getvalue())))
            out["postgres_import_per_s"] = imported.added / seconds
    finally:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
    return out


def run(*, quick: bool = False, rebuild: bool = False, runs: int = 10) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine_line(), "ingest": ingest(100 if quick else 400), "sizes": {}}
    for claims in QUICK_CLAIMS if quick else CLAIMS:
        size = math.ceil(claims / CLAIMS_PER_REPORT)
        per_backend: dict[str, Any] = {}
        for backend in BACKENDS:
            store, meta = open_library(backend, size, rebuild)
            with store:
                per_backend[backend] = {**measure(store, meta, runs, baseline=backend == "sqlite"), "cached": meta["cached"]}
        result["sizes"][str(size)] = per_backend
    return result


def report(result: dict[str, Any]) -> str:
    ing = result["ingest"]
    lines = [
        f"\n## retrieval ({result['machine']})",
        f"ingest (Store.add_documents, {ing['reports']} reports of 300-800 words): SQLite {ing['sqlite_per_s']:.0f}/s, "
        f"PostgreSQL {ing['postgres_per_s']:.0f}/s; extraction alone {ing['extract_only_per_s']:.0f}/s, so extraction is "
        f"{ing['sqlite_per_s'] / ing['extract_only_per_s']:.0%} (SQLite) and {ing['postgres_per_s'] / ing['extract_only_per_s']:.0%} "
        "(PostgreSQL) of an ingest's time; "
        f"import of their export (claims given, the store's own work): SQLite {ing['sqlite_import_per_s']:.0f}/s, "
        f"PostgreSQL {ing['postgres_import_per_s']:.0f}/s",
        "| stored claims | reports | event | backend | planted retrieved | verdicts equal | check median | of which retrieval | baseline median | baseline retrieved |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for backends in result["sizes"].values():
        base = backends.get("sqlite", {}).get("events", {})
        for backend, data in backends.items():
            for event, row in data["events"].items():
                b = base.get(event, {}).get("baseline", {})
                lines.append(
                    f"| {data['claims']:,} | {data['reports']:,} | {event} | {backend} | {row['retrieved']}/{row['planted']} | {'yes' if row['verdicts_equal'] else 'NO'} "
                    f"| {row['check']['median_ms']:.0f} ms | {row['retrieval']['median_ms']:.1f} ms | {b.get('median_ms', 0):.0f} ms | {b.get('retrieved', 0)}/{row['planted']} |"
                )
    return "\n".join(lines)


def summary_rows(result: dict[str, Any]) -> list[str]:
    """The bars of issue 9 at the largest size measured."""
    ing = result["ingest"]
    rows = [
        f"| ingest reports/s, {backend} (Store.add_documents) | {ing[key]:,.0f} | extraction alone {ing['extract_only_per_s']:,.0f} "
        f"| extraction {ing[key] / ing['extract_only_per_s']:.0%} of the time | >= 250/s | {'met' if ing[key] >= 250 else 'MISSED'} |"
        for backend, key in (("SQLite", "sqlite_per_s"), ("PostgreSQL", "postgres_per_s"))
    ]
    rows += [
        f"| import reports/s, {backend} (claims given: the store's own work) | {ing[key]:,.0f} | | | >= 250/s | {'met' if ing[key] >= 250 else 'MISSED'} |"
        for backend, key in (("SQLite", "sqlite_import_per_s"), ("PostgreSQL", "postgres_import_per_s"))
    ]
    size = max(result["sizes"], key=int)
    for backend, data in result["sizes"][size].items():
        events = data["events"].values()
        retrieved = sum(r["retrieved"] for r in events)
        planted = sum(r["planted"] for r in events)
        equal = all(r["verdicts_equal"] for r in events)
        rows.append(f"| planted retrieved, verdicts equal, {backend}, {data['claims']:,} claims | {retrieved}/{planted}, "
                    f"{'all equal' if equal else 'NOT all equal'} | | | 100%, equal | {'met' if retrieved == planted and equal else 'MISSED'} |")  # fmt: skip
        baseline = result["sizes"][size].get("sqlite", {}).get("events", {})
        for event, row in data["events"].items():
            check, base = row["check"]["median_ms"], baseline.get(event, {}).get("baseline", {})
            ratio = base.get("median_ms", 0) / check
            rows.append(f"| check median, {backend}, {data['claims']:,} claims, {event} | {check:.0f} ms | baseline "
                        f"{base.get('median_ms', 0):.0f} ms, {base.get('retrieved', 0)}/{row['planted']} retrieved | {ratio:.2f}x | < 200 ms, >= 3x | "
                        f"{'met' if check < 200 and ratio >= 3 else 'MISSED'} |")  # fmt: skip
    return rows
