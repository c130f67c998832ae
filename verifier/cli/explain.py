"""`verifier explain`: why each number and person of a text was or was not read as a claim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import (
    app,
    check_output,
    friendly_errors,
    load_settings,
    new_table,
    print_table,
    untrusted,
    write_output,
)

if TYPE_CHECKING:
    from rich.table import Table

    from ..roles.explain import SentenceExplanation


def _table(explained: list[SentenceExplanation]) -> Table:
    table = new_table("sentence", "number / person", "read as", "by", "why", show_lines=True)
    for e in explained:
        cues = ", ".join(f"{w} ({k})" for w, k in e.cues)
        first = True
        for r in e.readings or ():
            table.add_row(untrusted(e.sentence if first else ""), untrusted(r.text), r.kind or "-", r.by, untrusted("; ".join(r.reasons)))
            first = False
        if first:
            table.add_row(untrusted(e.sentence), "", "-", "-", untrusted(f"cues: {cues}" if cues else "no number, person or cue"))
        for c in e.claims:
            if c.kind == "responsibility":
                table.add_row("", untrusted(c.actor), f"{c.kind} ({c.stance})", "frames", "an attribution frame")
    return table


@app.command(name="explain")
@click.argument("text")
@click.option("--format", "-f", "format_", type=click.Choice(["table", "json"]), default="table", help="table or json.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write to this file instead of the terminal.")
@friendly_errors
def explain_command(text: str, format_: str, output: Path | None) -> None:
    """Show, for each number and person in TEXT (a sentence, or a file's path), what was decided and why."""
    from ..roles.explain import explain  # the reader loads only when a command reads

    load_settings()
    check_output(output)
    path = Path(text)
    body = path.read_text(encoding="utf-8", errors="replace") if len(text) < 4096 and path.is_file() else text
    explained = explain(body)
    if format_ == "json":
        write_output(json.dumps([e.to_dict() for e in explained], ensure_ascii=False, indent=2), output)
        return
    print_table(_table(explained), output)
