"""Start-up of the command line: ``verifier --help`` and ``verifier extract`` on a short story.

An editor runs the command many times a day, from a shell or a script; a prompt that waits half
a second for a help text feels broken, so the target is under 0.4 s for both. Each command runs
in a fresh process, as a shell starts it, after one warm-up run (the figures are of a warm disk
cache, which is what every run after the first of the day sees). The baseline, timed in the same
command, is ``python -c pass`` with the same interpreter: the floor under any Python command line.
Beside the times, the heavy modules each command loaded (none is the goal: the database layer,
httpx and trafilatura load only in the commands that use them).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import machine_line

TARGET_S = 0.4
RUNS = 15
STORY = "Rockets hit Kabul on Saturday, killing at least eight people and wounding 30 others, officials said.\n"
HEAVY = ("httpx", "trafilatura", "sqlalchemy", "db", "alembic", "pydantic", "verifier.match")


def _command() -> list[str]:
    """The installed ``verifier`` script beside this interpreter, else the same entry point through ``-c``."""
    script = Path(sys.executable).with_name("verifier")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from verifier.cli import main; main()"]


def _time(argv: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` fresh processes (after one warm-up), each checked to succeed."""
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def _loaded(args: list[str]) -> list[str]:
    """Which of ``HEAVY`` the command imports, from a child process that runs it in-process."""
    probe = (
        "import sys\nfrom verifier.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("loaded:"))
    return [m for m in line.removeprefix("loaded:").split(",") if m]


def run(runs: int = RUNS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        story = Path(tmp) / "story.txt"
        story.write_text(STORY, encoding="utf-8")
        commands = {"help": ["--help"], "extract": ["extract", str(story)]}
        baseline = _time([sys.executable, "-c", "pass"], runs)
        results: dict[str, Any] = {"runs": runs, "target_s": TARGET_S, "command": " ".join(_command())}
        results["python"] = {"median_s": statistics.median(baseline), "min_s": min(baseline)}
        for name, args in commands.items():
            times = _time([*_command(), *args], runs)
            results[name] = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}
            results[name]["heavy_modules"] = _loaded(args)
    return results


def report(results: dict[str, Any]) -> str:
    lines = [
        f"\nstartup ({machine_line()}): {results['runs']} fresh processes each, after one warm-up",
        f"  python -c pass (baseline): median {results['python']['median_s']:.3f} s",
    ]
    for name, label in (("help", "verifier --help"), ("extract", "verifier extract story.txt")):
        r = results[name]
        lines.append(
            f"  {label}: median {r['median_s']:.3f} s (min {r['min_s']:.3f}, max {r['max_s']:.3f}); "
            f"heavy modules loaded: {', '.join(r['heavy_modules']) or 'none'}"
        )
    return "\n".join(lines)


def summary_rows(results: dict[str, Any]) -> list[str]:
    """Rows for the summary table of ``python -m bench``."""
    rows = []
    base = results["python"]["median_s"]
    for name, label in (("help", "`verifier --help` start-up"), ("extract", "`verifier extract` on a short story")):
        median = results[name]["median_s"]
        status = "met" if median < results["target_s"] else "MISSED"
        rows.append(
            f"| {label}, median of {results['runs']} | {median:.3f} s | python -c pass {base:.3f} s "
            f"| {median / base:.1f}x | < {results['target_s']} s | {status} |"
        )
    return rows
