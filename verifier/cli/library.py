"""`verifier sources ...` and `verifier library ...`: build and move the reference library.

Commands are thin: they parse options, call ``db.Store`` and print. Per-report problems are
reported in the results table; the exit code is 1 when a whole file, folder or URL gave nothing
(it could not be read, or every report in it was rejected), so a feed with one malformed line
still counts as ingested. What a folder holds besides reports is listed as skipped, with why.
Titles, sentences and texts from sources are printed through ``untrusted``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO, cast

import click
from rich.console import Console
from rich.text import Text

from ..errors import InputError
from .app import (
    app,
    check_output,
    editor_option,
    err_console,
    friendly_errors,
    load_settings,
    new_table,
    open_store,
    report_types,
    terminal_safe,
    untrusted,
    warn,
)

if TYPE_CHECKING:
    from rich.table import Table

    from db import IngestResult, Store

    from ..intake import Skipped
    from ..settings import Settings
    from ..types import Claim



@app.group("sources", no_args_is_help=True)
def sources_app() -> None:
    """Add, list, show and remove reference reports."""


@app.group("library", no_args_is_help=True)
def library_app() -> None:
    """Export or import the whole reference library as JSONL."""


_db_option = click.option(
    "--db", metavar="URL", help="Database URL (default: $VERIFIER_DATABASE_URL, else a SQLite file in your data folder)."
)
_report_id = click.argument("report_id", type=click.IntRange(min=1), metavar="ID")
_STATUS_STYLE = {"added": "green", "duplicate": "yellow", "rejected": "red", "skipped": "dim"}


def _console() -> Console:
    # Created per command so output goes to whatever sys.stdout is now (tests swap it).
    return Console(highlight=False, soft_wrap=True)


@contextmanager
def _store(db: str | None, editor: str | None = None) -> Iterator[tuple[Store, Settings]]:
    settings = load_settings(db, editor)
    with open_store(settings) as store:
        yield store, settings


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


@sources_app.command("add")
@click.argument("targets", nargs=-1, required=True, metavar="PATH|URL...")
@_db_option
@editor_option
@friendly_errors
def add(targets: tuple[str, ...], db: str | None, editor: str | None) -> None:
    """Add reference reports: files, folders of them, or http(s) URLs.

    Duplicates are recognised and skipped; files in a folder that are not reports are listed as
    skipped, with why. Exit code 1 if a whole file, folder or URL gave nothing.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from db import IngestResult

    from ..intake import scan_report_paths

    results: list[IngestResult] = []
    files: list[Path] = []
    skipped: list[Skipped] = []
    for target in (Path(t) for t in targets if not _is_url(t)):
        found, passed_over = scan_report_paths([target])
        if target.is_dir() and not found:
            results.append(IngestResult("rejected", str(target), reason=f"the folder holds no report files; {report_types()}"))
        files += found
        skipped += passed_over
    failed = bool(results)
    with _store(db, editor) as (store, settings), Progress(
        TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task("reading", total=len(files))
        for file in files:
            bar.update(task, description=terminal_safe(file.name))
            got = store.add_paths([file], settings=settings) or [
                IngestResult("rejected", str(file), reason="the file holds no reports")
            ]
            failed |= not any(r.ok for r in got)
            results += got
            bar.advance(task)
        for url in (t for t in targets if _is_url(t)):
            bar.update(task, description=terminal_safe(url))
            results.append(store.add_url(url, settings=settings))
            failed |= not results[-1].ok
    _print_results(results, skipped)
    if failed:
        raise click.exceptions.Exit(1)


def _print_results(results: list[IngestResult], skipped: list[Skipped]) -> None:
    table = new_table("status", "id", "claims", "source", "title / reason")
    for r in results:
        table.add_row(
            Text(r.status, style=_STATUS_STYLE[r.status]),
            str(r.report_id or ""),
            str(r.claims) if r.status == "added" else "",
            untrusted(r.source),
            untrusted(r.reason or r.title),
        )
    for item in skipped:
        table.add_row(Text("skipped", style=_STATUS_STYLE["skipped"]), "", "", untrusted(str(item.path)), item.reason)
    console = _console()
    console.print(table)
    counts = {s: sum(r.status == s for r in results) for s in ("added", "duplicate", "rejected")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    console.print(f"{summary}, {len(skipped)} skipped" if skipped else summary)
    for r in results:
        for warning in r.warnings:
            warn(f"report {r.report_id} added undated:" if r.report_id else "warning:", warning)


@sources_app.command("list")
@click.option("--search", default="", help="Only reports whose title, URL or text contains this.")
@click.option("--outlet", default="", help="Only reports from this outlet.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many reports.")
@click.option("--deleted", is_flag=True, help="List the deleted reports instead (to restore one).")
@_db_option
@friendly_errors
def list_(search: str, outlet: str, limit: int, deleted: bool, db: str | None) -> None:
    """List reports in the library, newest first."""
    with _store(db) as (store, _):
        reports = store.list_reports(search=search, outlet=outlet, limit=limit, deleted=deleted)
        total = store.count_reports(search=search, outlet=outlet, deleted=deleted)
    table = new_table("id", "published", "outlet", "claims", "title", "url")
    for r in reports:
        published = r.published.strftime("%Y-%m-%d %H:%M") if r.published else ""
        table.add_row(str(r.id), published, untrusted(r.outlet), str(r.claims), untrusted(r.title), untrusted(r.url))
    console = _console()
    console.print(table)
    console.print(f"{len(reports)} of {total} {'deleted ' if deleted else ''}reports")


@sources_app.command("show")
@_report_id
@_db_option
@friendly_errors
def show(report_id: int, db: str | None) -> None:
    """Show one report: its metadata, the claims stored for it, and its text."""
    with _store(db) as (store, _):
        report = store.get_report(report_id)
    console = _console()
    console.print(Text.assemble((f"#{report.id}", "bold"), " ", untrusted(report.title or "(no title)")))
    console.print(Text.assemble("outlet: ", untrusted(report.outlet), f" (reliability {report.reliability:g})"))
    console.print(f"published: {report.published.isoformat() if report.published else 'unknown'}")
    if report.url:
        console.print(Text.assemble("url: ", untrusted(report.url)))
    console.print(_claims_table(report.claims))
    console.print(untrusted(report.text))


def _claims_table(claims: tuple[Claim, ...]) -> Table:
    table = new_table("kind", "value", "actor", "stance", "sentence", title=f"{len(claims)} claims")
    for c in claims:
        table.add_row(c.kind, untrusted(c.value.text if c.value else ""), untrusted(c.actor), c.stance, untrusted(c.sentence))
    return table


@sources_app.command("remove")
@_report_id
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@_db_option
@editor_option
@friendly_errors
def remove(report_id: int, yes: bool, db: str | None, editor: str | None) -> None:
    """Delete a report: it leaves every listing and check; `sources restore ID` brings it back."""
    with _store(db, editor) as (store, _):
        report = store.get_report(report_id)
        if not yes:
            what = terminal_safe(f"{report.outlet}: {report.title or report.url}")
            click.confirm(f"Remove report {report_id} ({what})?", abort=True)
        store.delete_report(report_id)
    _console().print(f"removed report {report_id} (restore it with `verifier sources restore {report_id}`)")


@sources_app.command("restore")
@_report_id
@_db_option
@editor_option
@friendly_errors
def restore(report_id: int, db: str | None, editor: str | None) -> None:
    """Bring a deleted report back into the library (`sources list --deleted` lists them)."""
    with _store(db, editor) as (store, _):
        store.restore_report(report_id)
        report = store.get_report(report_id)
    _console().print(Text.assemble(f"restored report {report_id} (", untrusted(f"{report.outlet}: {report.title or report.url}"), ")"))


@library_app.command("export")
@click.argument("file", default="-")
@_db_option
@friendly_errors
def export(file: str, db: str | None) -> None:
    """Write every report, with its stored claims, as one JSON line each, to FILE ('-': standard output)."""
    with _store(db) as (store, _), _stream(file, "w") as fp:
        count = store.export_jsonl(fp)
    err_console.print(Text(f"exported {count} reports to {'standard output' if file == '-' else terminal_safe(file)}"))


@library_app.command("import")
@click.argument("file")
@_db_option
@editor_option
@friendly_errors
def import_(file: str, db: str | None, editor: str | None) -> None:
    """Load FILE, an export or any reference .jsonl ('-': standard input).

    Reports already in the library are skipped. Exit code 1 if any line was unusable.
    """
    with _store(db, editor) as (store, _), _stream(file, "r") as fp:
        result = store.import_jsonl(fp)
    for error in result.errors:
        warn("skipped", str(error))
    _console().print(f"{result.added} added, {result.duplicates} duplicate, {len(result.errors)} unusable lines")
    if result.errors:
        raise click.exceptions.Exit(1)


class _SafeStdout(io.TextIOBase):
    """Standard output with control characters written as JSON's ``\\uXXXX`` escapes: an export
    piped to the terminal cannot drive it, and every line still reads back the same."""

    def write(self, text: str) -> int:
        sys.stdout.write(terminal_safe(text))
        return len(text)


@contextmanager
def _stream(file: str, mode: Literal["r", "w"]) -> Iterator[TextIO]:
    """Standard input or output for '-', else the file; a file we cannot use is an InputError."""
    if file == "-":
        yield sys.stdin if mode == "r" else cast(TextIO, _SafeStdout())
        return
    if mode == "w":
        check_output(Path(file))
    try:
        with open(file, mode, encoding="utf-8", newline="\n" if mode == "w" else None) as fp:
            yield fp
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot {'read' if mode == 'r' else 'write'} {file}: {exc}") from exc
