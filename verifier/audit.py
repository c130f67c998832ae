"""The audit log's entries and their exports (pure): who changed what, when, and how it was before.

The database keeps the entries (``db.audit``); this module says what an entry is and writes the
log as CSV (for a spreadsheet: formula-safe cells, a UTF-8 byte-order mark like every CSV export)
and as JSONL (one entry a line, for scripts). Names, notes and report titles in an entry come from
editors and from sources, so they are untrusted wherever they are shown.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import InputError
from .report import csv_cell, format_time

# What can happen at the desk, in the words the log shows. A fixed list, so that a filter by action
# finds every entry of a kind; "change dismissed" is a watched story's change an editor set aside.
ACTIONS: tuple[str, ...] = (
    "report added",
    "report edited",
    "report deleted",
    "report restored",
    "library imported",
    "finding decided",
    "check reviewed",
    "change dismissed",
)
# What an entry can be about.
SUBJECTS: tuple[str, ...] = ("report", "library", "check", "finding", "watched story")

CSV_COLUMNS: tuple[str, ...] = ("id", "at", "editor", "action", "subject", "subject_id", "summary", "before", "after")


def check_action(action: str, subject: str) -> None:
    """Refuse an action or subject outside the fixed lists: the log's vocabulary does not drift."""
    if action not in ACTIONS:
        raise InputError(f"unknown audit action {action!r}: one of {', '.join(ACTIONS)}")
    if subject not in SUBJECTS:
        raise InputError(f"unknown audit subject {subject!r}: one of {', '.join(SUBJECTS)}")


@dataclass(frozen=True)
class AuditEntry:
    """One change: ``before`` and ``after`` hold the fields that changed (empty for an addition or
    a removal respectively), as plain JSON values."""

    id: int
    at: datetime
    editor: str
    action: str
    subject: str
    subject_id: int | None = None
    summary: str = ""
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)

    @property
    def who(self) -> str:
        """The editor's name, or a dash when nobody said who they were (a script, an old row)."""
        return self.editor or "—"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "editor": self.editor,
            "action": self.action,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "summary": self.summary,
            "before": dict(self.before),
            "after": dict(self.after),
        }


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields whose value differs, on each side: what an "edited" entry needs to say.

    >>> changed_fields({"outlet": "Wire", "title": "T"}, {"outlet": "Daily", "title": "T"})
    ({'outlet': 'Wire'}, {'outlet': 'Daily'})
    """
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys if k in before}, {k: after.get(k) for k in keys if k in after}


def _compact(values: Mapping[str, Any]) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True, default=str) if values else ""


def to_csv(entries: Iterable[AuditEntry], *, bom: bool = True) -> str:
    """The log as a spreadsheet: one row an entry, before and after as compact JSON, every cell
    formula-safe; with a byte-order mark unless ``bom=False`` (text for a terminal)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        row = [str(e.id), e.at.isoformat(), e.editor, e.action, e.subject, "" if e.subject_id is None else str(e.subject_id),
               e.summary, _compact(e.before), _compact(e.after)]  # fmt: skip
        writer.writerow([csv_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def to_jsonl(entries: Iterable[AuditEntry]) -> str:
    """One JSON object a line, oldest or newest first as given; reads back with ``json.loads``."""
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False, default=str) + "\n" for e in entries)


def describe(entry: AuditEntry) -> str:
    """One line for a listing: "2026-12-02 03:10 UTC · Ana · finding decided · check 12 · ..."."""
    subject = entry.subject + (f" {entry.subject_id}" if entry.subject_id is not None else "")
    return " · ".join(part for part in (format_time(entry.at), entry.who, entry.action, subject, entry.summary) if part)


AUDIT_FORMATS: dict[str, tuple[str, str]] = {
    "csv": (".csv", "text/csv; charset=utf-8"),
    "jsonl": (".jsonl", "application/jsonl"),
}


def export_log(entries: Iterable[AuditEntry], fmt: str) -> str:
    """The log in ``fmt`` (``csv`` or ``jsonl``), one error for a wrong name."""
    if fmt == "csv":
        return to_csv(entries)
    if fmt == "jsonl":
        return to_jsonl(entries)
    raise InputError(f"unknown audit log format {fmt!r}: choose csv or jsonl")
