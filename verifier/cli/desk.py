"""`verifier review ...`, `verifier checks rerun` and `verifier log`: the editors' desk on the command line.

An editor reviews a saved check finding by finding (``review decide``), moves its state
(``review state``), checks its story again against today's library (``checks rerun``) and reads the
audit log (``log``). Decisions need a name: ``--editor NAME`` or ``VERIFIER_EDITOR``. Text from
stories, sources, names and notes goes to the terminal through ``untrusted``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.text import Text

from .app import (
    app,
    check_output,
    editor_option,
    friendly_errors,
    load_settings,
    new_table,
    open_store,
    print_table,
    untrusted,
    write_output,
)

if TYPE_CHECKING:
    from rich.table import Table

    from ..rerun import RerunDiff
    from ..review import Review
    from ..types import CheckResult

_db_option = click.option("--db", metavar="URL", help="Database URL (default: $VERIFIER_DATABASE_URL).")
_check_id = click.argument("check_id", type=click.IntRange(min=1), metavar="CHECK_ID")
_output_option = click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
# "in review" has a space; the command line takes "in-review" too.
_STATES = ("open", "in-review", "in review", "reviewed")
_VERDICT_STYLE = {"agrees": "green", "conflicts": "bold red", "unverified": "yellow", "dismissed": "dim"}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


@app.group("review", no_args_is_help=True)
def review_app() -> None:
    """Review saved checks: confirm, override or dismiss each finding, and mark a check reviewed."""


@app.group("checks", no_args_is_help=True)
def checks_app() -> None:
    """Saved checks: run one again against today's library."""


@review_app.command("list")
@click.option("--state", type=click.Choice(_STATES), default=None, help="Only checks in this review state.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@_db_option
@friendly_errors
def list_(state: str | None, limit: int, db: str | None) -> None:
    """Saved checks, newest first, with their review state."""
    from ..report import format_time

    with open_store(load_settings(db)) as store:
        checks = store.list_checks(limit=limit, state=(state or "").replace("-", " "))
    table = new_table("id", "checked", "review", "by", "agrees", "conflicts", "unverified", "story")
    for c in checks:
        table.add_row(
            str(c.id), format_time(c.created_at), c.review_state, untrusted(c.reviewed_by), str(c.agrees),
            str(c.conflicts), str(c.unverified), untrusted(c.story_title or c.story_url or "untitled"),
        )  # fmt: skip
    print_table(table)


def _review_table(result: CheckResult, review: Review) -> Table:
    from ..report import figure_label, format_time
    from ..review import final_verdict

    table = new_table("#", "claim", "kind", "story says", "tool", "editor", "by", "when", "note")
    for ordinal, f in enumerate(result.findings):
        decision = review.decision(ordinal)
        final = final_verdict(f, decision)
        table.add_row(
            str(ordinal + 1), f.claim.id, f.claim.kind,
            untrusted(figure_label(f.claim.value, stance=f.claim.stance, actor=f.claim.actor)),
            Text(f.verdict, style=_VERDICT_STYLE.get(f.verdict, "")),
            Text(decision.label(), style=_VERDICT_STYLE.get(final, "")) if decision else Text("not decided", style="dim"),
            untrusted(decision.editor if decision else ""),
            format_time(decision.decided_at) if decision else "",
            untrusted(decision.note if decision else ""),
        )  # fmt: skip
    return table


@review_app.command("show")
@_check_id
@click.option("--format", "-f", "format_", type=click.Choice(["table", "json", "csv", "md", "html"]), default="table",
              help="table, or a discrepancy report with the decisions: json, csv, md or html.")  # fmt: skip
@_output_option
@_db_option
@friendly_errors
def show(check_id: int, format_: str, output: Path | None, db: str | None) -> None:
    """A saved check's findings: the tool's verdict and the editor's decision side by side."""
    from ..report import export, review_line

    check_output(output)
    with open_store(load_settings(db)) as store:
        result = store.get_check(check_id)
        review = store.reviews.get(check_id)
    if format_ != "table":
        write_output(export(result, format_, review=review), output)
        return
    title = untrusted(f"check {check_id}: {result.story.title or result.story.url or 'untitled'} · {review_line(review)}")
    table = _review_table(result, review)
    table.title = title
    print_table(table, output)


@review_app.command("decide")
@_check_id
@click.argument("finding", metavar="FINDING")
@click.argument("action", type=click.Choice(["confirm", "override", "dismiss"]))
@click.option("--verdict", type=click.Choice(["agrees", "conflicts", "unverified"]), default=None, help="The editor's verdict (override).")
@click.option("--note", default="", help="Why: what the editor checked, or why the tool is wrong.")
@editor_option
@_db_option
@friendly_errors
def decide(check_id: int, finding: str, action: str, verdict: str | None, note: str, editor: str | None, db: str | None) -> None:
    """Confirm, override (with --verdict) or dismiss FINDING (its number, as `review show` lists it, or claim id)."""
    from ..report import decision_line
    from ..review import find_finding

    with open_store(load_settings(db, editor)) as store:
        result = store.get_check(check_id)
        ordinal = find_finding(result, finding)
        decision = store.reviews.decide(check_id, ordinal, action, verdict=verdict or "", note=note)
        state = store.reviews.get(check_id).state
    _console().print(Text.assemble(f"check {check_id}, finding {ordinal + 1}: ", untrusted(decision_line(decision)), f" (review {state})"))


@review_app.command("state")
@_check_id
@click.argument("state", type=click.Choice(_STATES))
@editor_option
@_db_option
@friendly_errors
def state(check_id: int, state: str, editor: str | None, db: str | None) -> None:
    """Move a saved check to open, in-review or reviewed."""
    from ..report import review_line

    with open_store(load_settings(db, editor)) as store:
        review = store.reviews.set_state(check_id, state.replace("-", " "))
    _console().print(Text.assemble(f"check {check_id}: ", untrusted(review_line(review))))


def _diff_table(diff: RerunDiff) -> Table:
    from ..report import format_time

    table = new_table("change", "what", "before", "now", "reason")
    for s in diff.new_sources:
        table.add_row("new source", untrusted(f"{s.outlet} · {format_time(s.published)} · {s.url}"), "", "", "")
    for s in diff.gone_sources:
        table.add_row("source gone", untrusted(f"{s.outlet} · {format_time(s.published)} · {s.url}"), "", "", "")
    for m in diff.moves:
        table.add_row(
            "verdict moved", untrusted(f"{m.number}. {m.kind}: {m.sentence}"),
            f"{m.verdict_before or '—'} ({m.status_before or 'not in the saved check'})", f"{m.verdict_after} ({m.status_after})",
            untrusted(m.reason),
        )  # fmt: skip
    return table


def _diff_json(check_id: int, saved_as: int | None, diff: RerunDiff) -> str:
    def when(t: datetime | None) -> str | None:
        return t.isoformat() if t else None

    payload = {
        "check_id": check_id,
        "saved_as": saved_as,
        "new_sources": [{"outlet": s.outlet, "url": s.url, "published": when(s.published)} for s in diff.new_sources],
        "gone_sources": [{"outlet": s.outlet, "url": s.url, "published": when(s.published)} for s in diff.gone_sources],
        "moves": [m.__dict__ for m in diff.moves],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


@checks_app.command("rerun")
@_check_id
@click.option("--save", is_flag=True, help="Keep the re-run in the history as a new check.")
@click.option("--format", "-f", "format_", type=click.Choice(["table", "json"]), default="table")
@_output_option
@_db_option
@friendly_errors
def rerun(check_id: int, save: bool, format_: str, output: Path | None, db: str | None) -> None:
    """Check a saved check's story again against today's library, and say what changed since."""
    from db.check import rerun_check

    check_output(output)
    with open_store(load_settings(db)) as store:
        done = rerun_check(store, check_id, save=save)
    if format_ == "json":
        write_output(_diff_json(check_id, done.saved_as, done.diff), output)
        return
    kept = f"; saved as check {done.saved_as}" if done.saved_as else ""
    if done.diff.unchanged:
        _console().print(f"check {check_id}: nothing changed since it was saved{kept}")
        return
    table = _diff_table(done.diff)
    table.title = f"check {check_id} against today's library{kept}"
    print_table(table, output)


@app.command("log")
@click.option("--action", default="", help="Only this action, e.g. 'finding decided' or 'report deleted'.")
@click.option("--editor", "by", default="", metavar="NAME", help="Only changes by this editor.")
@click.option("--search", default="", help="Only entries whose summary, before or after contains this.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--format", "-f", "format_", type=click.Choice(["table", "csv", "jsonl"]), default="table")
@_output_option
@_db_option
@friendly_errors
def log(action: str, by: str, search: str, limit: int, format_: str, output: Path | None, db: str | None) -> None:
    """The audit log, newest first: who changed what, when, before and after."""
    from db.audit import AuditFilter

    from ..audit import ACTIONS, export_log
    from ..errors import InputError
    from ..report import format_time

    if action and action not in ACTIONS:
        raise InputError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    check_output(output)
    with open_store(load_settings(db)) as store:
        entries = store.audit.entries(AuditFilter(action=action, editor=by, search=search), limit=limit)
    if format_ != "table":
        write_output(export_log(entries, format_), output)
        return
    table = new_table("id", "when", "editor", "action", "subject", "summary", "before", "after")
    for e in entries:
        subject = e.subject + (f" {e.subject_id}" if e.subject_id is not None else "")
        table.add_row(
            str(e.id), format_time(e.at), untrusted(e.who), e.action, subject, untrusted(e.summary),
            untrusted(json.dumps(dict(e.before), ensure_ascii=False) if e.before else ""),
            untrusted(json.dumps(dict(e.after), ensure_ascii=False) if e.after else ""),
        )  # fmt: skip
    print_table(table, output)


__all__ = ["checks_app", "log", "review_app"]
