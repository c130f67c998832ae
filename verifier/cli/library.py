"""`verifier sources ...` and `verifier library ...`: build and move the reference library.

Commands are thin: they parse options, call ``db.Store`` and print. Per-report problems are
reported in the results table; the exit code is 1 only when a whole file, folder or URL could not
be used, so a feed with one malformed line still counts as ingested.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from db import IngestResult, Store

from ..errors import InputError
from ..settings import Settings
from ..types import Claim
from .app import app, err_console, friendly_errors, load_settings

sources_app = typer.Typer(help="Add, list, show and remove reference reports.", no_args_is_help=True)
library_app = typer.Typer(help="Export or import the whole reference library as JSONL.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(library_app, name="library")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $VERIFIER_DATABASE_URL, else a SQLite file in your data folder)."),
]
_STATUS_STYLE = {"added": "green", "duplicate": "yellow", "rejected": "red"}


def _console() -> Console:
    # Created per command so output goes to whatever sys.stdout is now (tests swap it).
    return Console(highlight=False, soft_wrap=True)


@contextmanager
def _store(db: str | None) -> Iterator[tuple[Store, Settings]]:
    settings = load_settings(db)
    with Store.open(settings) as store:
        yield store, settings


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


@sources_app.command("add")
@friendly_errors
def add(
    targets: Annotated[list[str], typer.Argument(help="Report files, folders of them, or http(s) URLs.")],
    db: DbOption = None,
) -> None:
    """Add reference reports; duplicates are recognised and skipped."""
    with _store(db) as (store, settings), Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task("reading", total=None)

        def advance(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        results = store.add_paths([t for t in targets if not _is_url(t)], progress=advance, settings=settings)
        for url in (t for t in targets if _is_url(t)):
            bar.update(task, description=url)
            results.append(store.add_url(url, settings=settings))
    _print_results(results)
    if any(r.status == "rejected" and r.line is None for r in results):
        raise typer.Exit(1)


def _print_results(results: list[IngestResult]) -> None:
    table = Table("status", "id", "claims", "source", "title / reason")
    for r in results:
        table.add_row(
            f"[{_STATUS_STYLE[r.status]}]{r.status}[/]",
            str(r.report_id or ""),
            str(r.claims) if r.status == "added" else "",
            r.source,
            r.reason or r.title,
        )
    console = _console()
    console.print(table)
    counts = {s: sum(r.status == s for r in results) for s in _STATUS_STYLE}
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()))


@sources_app.command("list")
@friendly_errors
def list_(
    search: Annotated[str, typer.Option(help="Only reports whose title, URL or text contains this.")] = "",
    outlet: Annotated[str, typer.Option(help="Only reports from this outlet.")] = "",
    limit: Annotated[int, typer.Option(min=1, help="At most this many reports, newest first.")] = 100,
    db: DbOption = None,
) -> None:
    """List reports in the library, newest first."""
    with _store(db) as (store, _):
        reports = store.list_reports(search=search, outlet=outlet, limit=limit)
        total = store.count_reports(search=search, outlet=outlet)
    table = Table("id", "published", "outlet", "claims", "title", "url")
    for r in reports:
        published = r.published.strftime("%Y-%m-%d %H:%M") if r.published else ""
        table.add_row(str(r.id), published, r.outlet, str(r.claims), r.title, r.url)
    console = _console()
    console.print(table)
    console.print(f"{len(reports)} of {total} reports")


@sources_app.command("show")
@friendly_errors
def show(report_id: Annotated[int, typer.Argument(help="The report's id (see `sources list`).")], db: DbOption = None) -> None:
    """Show one report: its metadata, the claims stored for it, and its text."""
    with _store(db) as (store, _):
        report = store.get_report(report_id)
    console = _console()
    console.print(f"[bold]#{report.id}[/] {report.title or '(no title)'}")
    console.print(f"outlet: {report.outlet} (reliability {report.reliability:g})")
    console.print(f"published: {report.published.isoformat() if report.published else 'unknown'}")
    if report.url:
        console.print(f"url: {report.url}")
    console.print(_claims_table(report.claims))
    console.print(report.text, markup=False)


def _claims_table(claims: tuple[Claim, ...]) -> Table:
    table = Table("kind", "value", "actor", "stance", "sentence", title=f"{len(claims)} claims")
    for c in claims:
        table.add_row(c.kind, c.value.text if c.value else "", c.actor, c.stance, c.sentence)
    return table


@sources_app.command("remove")
@friendly_errors
def remove(
    report_id: Annotated[int, typer.Argument(help="The report's id (see `sources list`).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Remove a report and its claims from the library."""
    with _store(db) as (store, _):
        report = store.get_report(report_id)
        if not yes:
            typer.confirm(f"Remove report {report_id} ({report.outlet}: {report.title or report.url})?", abort=True)
        store.delete_report(report_id)
    _console().print(f"removed report {report_id}")


@library_app.command("export")
@friendly_errors
def export(
    file: Annotated[str, typer.Argument(help="Where to write the JSONL; '-' for standard output.")] = "-",
    db: DbOption = None,
) -> None:
    """Write every report, with its stored claims, as one JSON line each."""
    with _store(db) as (store, _), _stream(file, "w") as fp:
        count = store.export_jsonl(fp)
    err_console.print(f"exported {count} reports to {'standard output' if file == '-' else file}")


@library_app.command("import")
@friendly_errors
def import_(
    file: Annotated[str, typer.Argument(help="A JSONL export (or any reference .jsonl); '-' for standard input.")],
    db: DbOption = None,
) -> None:
    """Load an export; reports already in the library are skipped. Exit code 1 if any line was unusable."""
    with _store(db) as (store, _), _stream(file, "r") as fp:
        result = store.import_jsonl(fp)
    for error in result.errors:
        err_console.print(f"[yellow]skipped[/] {error}", markup=True, highlight=False)
    _console().print(f"{result.added} added, {result.duplicates} duplicate, {len(result.errors)} unusable lines")
    if result.errors:
        raise typer.Exit(1)


@contextmanager
def _stream(file: str, mode: Literal["r", "w"]) -> Iterator[TextIO]:
    """Standard input or output for '-', else the file; a file we cannot use is an InputError."""
    if file == "-":
        yield sys.stdin if mode == "r" else sys.stdout
        return
    try:
        with open(file, mode, encoding="utf-8", newline="\n" if mode == "w" else None) as fp:
            yield fp
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot {'read' if mode == 'r' else 'write'} {file}: {exc}") from exc
