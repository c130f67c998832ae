"""`verifier extract` and `verifier check`: a story in, claims (and verdicts) out.

JSON output follows the contract of ``../shared/eval/README.md``: a top-level ``claims`` list whose
items carry kind, value {low, high}, sentence, actor, stance and, for ``check``, verdict, reason
and evidence, plus a ``summary``.

A check never reports confidence it does not have: with nothing to compare against (an empty
library, a folder without report files, a path that is not there) it says so and exits 1 rather
than calling every claim "unverified".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text

from ..errors import InputError
from .app import (
    app,
    check_output,
    friendly_errors,
    load_settings,
    new_table,
    open_store,
    print_table,
    report_types,
    untrusted,
    warn,
    write_output,
)

if TYPE_CHECKING:
    from rich.table import Table

    from db import Store

    from ..settings import Settings
    from ..types import CheckResult, Claim


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
_AGAINST = ("--against", "-a")

_STORY_HELP = "STORY is a file (.txt, .md, .html), an http(s) URL, or - for standard input."
_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write to this file (any format, the table too) instead of standard output.",
)


def spread_option(args: Sequence[str], names: Sequence[str] = _AGAINST) -> list[str]:
    """``--against A B C`` as ``--against A --against B --against C``: every word after the flag up
    to the next option belongs to it, as the README shows (click gives an option one value).

    >>> spread_option(["story.txt", "-a", "one", "two", "-f", "json"])
    ['story.txt', '--against', 'one', '--against', 'two', '-f', 'json']
    """
    spread: list[str] = []
    taking, taken = False, 0
    for index, arg in enumerate(args):
        if arg == "--":  # the rest is positional, as click reads it
            if taking and not taken:
                spread.append(names[0])
            return [*spread, *args[index:]]
        if arg in names:
            if taking and not taken:
                spread.append(names[0])  # a flag without a value: let click say so
            taking, taken = True, 0
        elif arg.startswith("-") and arg != "-":
            if taking and not taken:
                spread.append(names[0])
            taking = False
            spread.append(arg)
        elif taking:
            spread += [names[0], arg]
            taken += 1
        else:
            spread.append(arg)
    if taking and not taken:
        spread.append(names[0])
    return spread


class _SpreadAgainst(click.Command):
    """`check` with ``--against`` taking several paths after one flag."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, spread_option(args))


def _claims_table(claims: Sequence[Claim]) -> Table:
    from ..report import describe_range

    table = new_table("id", "kind", "figure", "actor / noun", "stance", "cited", "sentence", show_lines=False)
    for c in claims:
        figure = describe_range(c.value) if c.value else ""
        table.add_row(
            c.id, c.kind, untrusted(figure), untrusted(c.actor or c.noun), c.stance, untrusted(c.attributed_to),
            untrusted(c.sentence),
        )
    return table


@app.command(epilog=_STORY_HELP)
@click.argument("story")
@click.option("--format", "-f", "format_", type=click.Choice([f.value for f in ExtractFormat]), default="table", help="json or table.")
@_output_option
@friendly_errors
def extract(story: str, format_: str, output: Path | None) -> None:
    """Extract checkable claims (figures and attribution) from a story."""
    from ..claims import analyse
    from ..intake import read_story

    format = ExtractFormat(format_)
    settings = load_settings()
    check_output(output)
    document = read_story(story, settings=settings)
    for warning in document.warnings:
        warn("undated story", f"{warning}; its figures are read as of the check")
    analysis = analyse(document.text)
    if format is ExtractFormat.json:
        payload = {
            "story": {"title": document.title, "url": document.url, "text": analysis.text},
            "claims": [c.to_dict() for c in analysis.claims],
        }
        write_output(json.dumps(payload, ensure_ascii=False, indent=2), output)
        return
    print_table(_claims_table(analysis.claims), output)


def _findings_table(result: CheckResult) -> Table:
    from ..report import figure_label

    table = new_table("id", "verdict", "kind", "story says", "reason", title=untrusted(result.story.title) or None)
    for f in result.findings:
        says = figure_label(f.claim.value, stance=f.claim.stance, actor=f.claim.actor)
        verdict = Text(f.verdict, style=_VERDICT_STYLE.get(f.verdict, ""))
        table.add_row(f.claim.id, verdict, f.claim.kind, untrusted(says), untrusted(f.reason))
    return table


def _reference_files(against: list[Path]) -> list[Path]:
    """The report files of every --against path; a path that is not there, or holds no report file,
    is an error: checking against less than the editor named would mislead."""
    from ..intake import scan_report_paths

    files: list[Path] = []
    for path in against:
        if not path.exists():
            raise InputError(f"--against {path}: no such file or folder; check the path")
        found, skipped = scan_report_paths([path])
        for item in skipped:
            warn("skipped", f"{item.path}: {item.reason}")
        if not found:
            raise InputError(f"--against {path}: nothing to check against, the folder holds no report files; {report_types()}")
        files += found
    return files


def _add_references(store: Store, files: list[Path], settings: Settings) -> None:
    """Add the --against files, saying on stderr what could not be used."""
    for r in store.add_paths(files, settings=settings):
        if r.status == "rejected":
            where = "" if r.reason.startswith(r.source) else f"{r.source}: "
            warn("skipped", f"{where}{r.reason}")
        for warning in r.warnings:
            warn("undated", warning)


@app.command(cls=_SpreadAgainst, epilog=_STORY_HELP)
@click.argument("story")
@click.option(
    "--against",
    "-a",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Reference files or folders to check against; several may follow one flag: -a A B C.",
)
@click.option(
    "--db", metavar="URL", help="Library database URL. With --against and no --db, a throwaway in-memory library."
)
@click.option(
    "--format", "-f", "format_", type=click.Choice([f.value for f in CheckFormat]), default="table", help="json, table, csv, md or html."
)
@_output_option
@friendly_errors
def check(story: str, against: tuple[Path, ...], db: str | None, format_: str, output: Path | None) -> None:
    """Check a story's claims against the reference library, claim by claim."""
    from db import Store
    from db.check import run_check

    from ..dates import spell_out
    from ..intake import read_story
    from ..report import export

    format = CheckFormat(format_)

    settings = load_settings(db)
    check_output(output)
    files = _reference_files(list(against))
    document = read_story(story, settings=settings)
    for warning in document.warnings:
        warn("undated story", f"{warning}; its figures are read as of the check")
    if document.placed and document.published is None:
        warn("dateline", f"{document.dateline!r} places the story on {spell_out(document.placed)[:-11]} among its "
             "sources; its figures are read as of the check: add a Published: header for time-aware verdicts")
    throwaway = bool(against) and db is None
    with Store.memory() if throwaway else open_store(settings) as store:
        _add_references(store, files, settings)
        if store.count_reports() == 0:
            where = "the files given with --against" if throwaway else f"the library {store.url}"
            raise InputError(
                f"nothing to check against: {where} gave no usable report; add reports with "
                "`verifier sources add PATH` or give --against FILES"
            )
        _, result = run_check(store, document, save=not throwaway)
    if format is CheckFormat.table:
        print_table(_findings_table(result), output)
        return
    write_output(export(result, format.value), output)


__all__ = ["check", "extract", "spread_option"]
