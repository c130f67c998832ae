"""`verifier extract` and `verifier check`: a story in, claims (and verdicts) out.

JSON output follows the contract of ``../shared/eval/README.md``: a top-level ``claims`` list whose
items carry kind, value {low, high}, sentence, actor, stance and, for ``check``, verdict, reason
and evidence, plus a ``summary``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from db import Store
from db.check import run_check

from ..claims import analyse
from ..intake import read_story
from ..report import FORMATS, describe_range, export, figure_label
from ..types import CheckResult, Claim
from .app import app, err_console, friendly_errors, load_settings


class ExtractFormat(StrEnum):
    json = "json"
    table = "table"


class CheckFormat(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"
    md = "md"
    html = "html"


_VERDICT_STYLE = {"agrees": "green", "conflicts": "bold red", "unverified": "yellow"}

StoryArg = Annotated[str, typer.Argument(help="The story: a file (.txt, .md, .html), an http(s) URL, or - for stdin.")]


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    output.write_text(text, encoding="utf-8", newline="")
    err_console.print(f"wrote {output}")


def _claims_table(claims: list[Claim]) -> Table:
    table = Table("id", "kind", "figure", "actor / noun", "stance", "cited", "sentence", show_lines=False)
    for c in claims:
        figure = describe_range(c.value) if c.value else ""
        table.add_row(c.id, c.kind, figure, c.actor or c.noun, c.stance, c.attributed_to, c.sentence)
    return table


@app.command()
@friendly_errors
def extract(
    story: StoryArg,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json or table.")] = ExtractFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Extract checkable claims (figures and attribution) from a story."""
    settings = load_settings()
    document = read_story(story, settings=settings)
    analysis = analyse(document.text)
    if format is ExtractFormat.json:
        payload = {
            "story": {"title": document.title, "url": document.url, "text": analysis.text},
            "claims": [c.to_dict() for c in analysis.claims],
        }
        _write(json.dumps(payload, ensure_ascii=False, indent=2), output)
        return
    Console(highlight=False).print(_claims_table(list(analysis.claims)))


def _findings_table(result: CheckResult) -> Table:
    table = Table("id", "verdict", "kind", "story says", "reason", title=result.story.title or None)
    for f in result.findings:
        style = _VERDICT_STYLE.get(f.verdict, "")
        says = figure_label(f.claim.value, stance=f.claim.stance, actor=f.claim.actor)
        table.add_row(f.claim.id, f"[{style}]{f.verdict}[/]", f.claim.kind, says, f.reason)
    return table


@app.command()
@friendly_errors
def check(
    story: StoryArg,
    against: Annotated[
        list[Path] | None,
        typer.Option("--against", "-a", help="Reference files or folders to check against (repeatable)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Library database URL. With --against and no --db, a throwaway in-memory library."),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="json, table, csv, md or html.")] = CheckFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Check a story's claims against the reference library, claim by claim."""
    settings = load_settings(db)
    document = read_story(story, settings=settings)
    throwaway = bool(against) and db is None
    store = Store.memory() if throwaway else Store.open(settings)
    with store:
        if against:
            results = store.add_paths(against, settings=settings)
            for r in results:
                if r.status == "rejected":
                    where = "" if r.reason.startswith(r.source) else f"{r.source}: "
                    err_console.print(f"[yellow]skipped[/] {where}{r.reason}", highlight=False, soft_wrap=True)
        _, result = run_check(store, document, save=not throwaway)
    if format is CheckFormat.table:
        Console(highlight=False).print(_findings_table(result))
        return
    _write(export(result, format.value), output)


__all__ = ["FORMATS", "check", "extract"]
