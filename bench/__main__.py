"""``python -m bench [extraction|retrieval|feeds|library|startup|app] [--quick] [--rebuild]``: run the benchmarks, print a
summary, and write ``bench/out/results.json`` (a part run alone updates only its own entry there).

``all`` runs extraction, retrieval, feeds and startup; ``library`` (the older short-report libraries of 10k to 1M
claims) and ``app`` (the app in headless Chromium: Check to the first finding) run only when asked, to keep the
default run within about ten minutes on two cores."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

from . import OUT, app, extraction, feeds, library, machine, retrieval, startup

RESULTS = OUT / "results.json"


def _summary(results: dict[str, Any]) -> str:
    """One line per target: the figure, its baseline, the ratio, and whether the target is met."""
    rows = ["| figure | value | baseline | ratio | target | status |", "| --- | --- | --- | --- | --- | --- |"]
    ext = results.get("extraction")
    if ext and "quantulum3" in ext:
        ratio = ext["ratio_words_per_s"]
        rows.append(
            f"| extraction words/s (one core) | {ext['verifier']['words_per_s']:,.0f} | quantulum3 {ext['quantulum3']['words_per_s']:,.0f} "
            f"| {ratio:.1f}x | >= 50x | {'met' if ratio >= 50 else 'MISSED'} |"
        )
    lib = results.get("library")
    if lib and "ingest" in lib and "reports_per_s" in lib["ingest"]:
        ing = lib["ingest"]
        rows.append(
            f"| ingest reports/s (Store.add_document) | {ing['reports_per_s']:,.0f} | extraction alone {ing['extract_only_per_s']:,.0f} "
            f"| {ing['reports_per_s'] / ing['extract_only_per_s']:.2f} | >= 250/s | {'met' if ing['reports_per_s'] >= 250 else 'MISSED'} |"
        )
        sizes = lib["sizes"]
        largest = max(sizes, key=int)
        smallest = min(sizes, key=int)
        check, scan = sizes[largest]["check"], sizes[largest]["scan"]
        speedup = sizes[largest]["speedup_over_scan"]
        rows.append(
            f"| check median at {int(largest):,} claims | {check['median_ms']:.1f} ms (p95 {check['p95_ms']:.1f}) "
            f"| scan {scan['median_ms']:,.0f} ms | {library.times(speedup)} faster | >= 100x | {'met' if speedup >= 100 else 'MISSED'} |"
        )
        rows.append(
            f"| check median at {int(largest):,} claims, absolute | {check['median_ms']:.1f} ms | | | < 100 ms "
            f"| {'met' if check['median_ms'] < 100 else 'MISSED'} |"
        )
        if "growth_largest_over_smallest" in lib:
            growth = lib["growth_largest_over_smallest"]
            rows.append(
                f"| check median growth {int(smallest):,} -> {int(largest):,} claims | {sizes[largest]['check']['median_ms']:.1f} ms "
                f"| {sizes[smallest]['check']['median_ms']:.1f} ms | {growth:.2f}x | <= 3x | {'met' if growth <= 3 else 'MISSED'} |"
            )
    if "retrieval" in results:
        rows += retrieval.summary_rows(results["retrieval"])
    if "feeds" in results:
        rows += feeds.summary_rows(results["feeds"])
    if "startup" in results:
        rows += startup.summary_rows(results["startup"])
    if "app" in results:
        rows += app.summary_rows(results["app"])
    return "\n".join(rows)


def _commit() -> str:
    """The checked-out commit, so figures can be tied to the code they measured."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=OUT.parent)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("part", nargs="?", choices=("all", "app", "extraction", "feeds", "library", "retrieval", "startup"), default="all")
    parser.add_argument("--quick", action="store_true", help="small sizes only (10k claims, fewer articles): a smoke run")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached libraries under bench/out/")
    parser.add_argument("--runs", type=int, help="timed check runs per library size (library: 20, app: 5)")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    if args.part in ("all", "extraction"):
        sizes = {"articles": 200, "quantulum_articles": 10, "big_mb": 1.0, "repeats": 1} if args.quick else {}
        results["extraction"] = extraction.run(**sizes)
        print(extraction.report(results["extraction"]), flush=True)
    if args.part in ("all", "retrieval"):
        results["retrieval"] = retrieval.run(quick=args.quick, rebuild=args.rebuild, runs=5 if args.quick else 10)
        print(retrieval.report(results["retrieval"]), flush=True)
    if args.part in ("all", "feeds"):
        results["feeds"] = feeds.run(items=200 if args.quick else feeds.ITEMS)
        print(feeds.report(results["feeds"]), flush=True)
    if args.part == "library":
        results["library"] = library.run(quick=args.quick, rebuild=args.rebuild, runs=args.runs or 20)
        print(library.report(results["library"]), flush=True)
    if args.part == "app":
        results["app"] = app.run(quick=args.quick, runs=args.runs or app.RUNS)
        print(app.report(results["app"]), flush=True)
    if args.part in ("all", "startup"):
        results["startup"] = startup.run(runs=5 if args.quick else startup.RUNS)
        print(startup.report(results["startup"]), flush=True)
    results["machine"] = machine()
    results["commit"] = _commit()
    results["written_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["quick"] = args.quick
    RESULTS.write_text(json.dumps(results, indent=1, default=str))
    print("\nsummary:\n" + _summary(results))
    print(f"\ncommit {results['commit']}; results written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
