"""The audit log in the database: every change to the library and at the desk, who made it, when,
and what it was before and after.

An entry is written in the same transaction as the change it records (``record`` takes the
caller's connection), so the log never says something happened that did not, nor misses what did.
``AuditLog`` is the way in for everything else: one call records an entry of its own (a watched
story's change dismissed, say) and the listing filters by action, editor, subject and time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, or_, select
from sqlalchemy.sql import ColumnElement

from verifier.audit import AuditEntry, check_action

from .engine import reading, writing
from .models import AUDIT, MAX_NAME

if TYPE_CHECKING:
    from .store import Store

_A = AUDIT.c


def _json(values: Mapping[str, Any] | None) -> str:
    return json.dumps(dict(values or {}), ensure_ascii=False, sort_keys=True, default=str)


def _values(
    *,
    editor: str,
    action: str,
    subject: str,
    subject_id: int | None = None,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    check_action(action, subject)
    return {
        "at": at or datetime.now(UTC),
        "editor": editor.strip()[:MAX_NAME],
        "action": action,
        "subject": subject,
        "subject_id": subject_id,
        "summary": summary,
        "before_json": _json(before),
        "after_json": _json(after),
    }


def record(conn: Connection, **entry: Any) -> int:
    """Add one entry inside the caller's (write) transaction; returns its id.

    Keywords: ``editor``, ``action`` and ``subject`` (from the fixed lists of ``verifier.audit``),
    and optionally ``subject_id``, ``summary``, ``before`` and ``after`` (the subject's fields as
    plain JSON values: what changed, or all of them) and ``at``.
    """
    return int(conn.execute(insert(AUDIT).values(**_values(**entry)).returning(_A.id)).scalar_one())


def record_many(conn: Connection, entries: list[dict[str, Any]]) -> None:
    """Many entries in one statement (a batch of reports added): each a dict of ``record``'s keywords."""
    if entries:
        conn.execute(insert(AUDIT), [_values(**e) for e in entries])


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list; every field left empty matches all."""

    action: str = ""
    editor: str = ""
    subject: str = ""
    subject_id: int | None = None
    search: str = ""
    since: datetime | None = None
    until: datetime | None = None

    def where(self) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.action:
            clauses.append(_A.action == self.action)
        if self.editor.strip():
            clauses.append(func.lower(_A.editor) == self.editor.strip().lower())
        if self.subject:
            clauses.append(_A.subject == self.subject)
        if self.subject_id is not None:
            clauses.append(_A.subject_id == self.subject_id)
        if self.search.strip():
            escaped = self.search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            clauses.append(or_(*(c.ilike(pattern, escape="\\") for c in (_A.summary, _A.before_json, _A.after_json))))
        if self.since is not None:
            clauses.append(_A.at >= self.since)
        if self.until is not None:
            clauses.append(_A.at <= self.until)
        return clauses


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        editor=row.editor,
        action=row.action,
        subject=row.subject,
        subject_id=row.subject_id,
        summary=row.summary,
        before=json.loads(row.before_json or "{}"),
        after=json.loads(row.after_json or "{}"),
    )


class AuditLog:
    """The audit log of one library: ``store.audit``."""

    def __init__(self, store: Store) -> None:
        self._engine = store.engine
        self._editor = store.editor

    def _read(self) -> AbstractContextManager[Connection]:
        return reading(self._engine)

    def record(
        self,
        action: str,
        *,
        subject: str,
        subject_id: int | None = None,
        summary: str = "",
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        editor: str | None = None,
    ) -> AuditEntry:
        """Record one entry in a transaction of its own, by ``editor`` (the store's editor by default).

        >>> store.audit.record("change dismissed", subject="watched story", subject_id=12,
        ...                    before={"change": "..."}, after={"dismissed": True})  # doctest: +SKIP
        """
        with writing(self._engine) as conn:
            entry_id = record(
                conn, editor=self._editor if editor is None else editor, action=action, subject=subject,
                subject_id=subject_id, summary=summary, before=before, after=after,
            )  # fmt: skip
        return self.get(entry_id)

    def get(self, entry_id: int) -> AuditEntry:
        with self._read() as conn:
            return _entry(conn.execute(select(AUDIT).where(_A.id == entry_id)).one())

    def entries(self, where: AuditFilter | None = None, *, limit: int = 200, offset: int = 0, oldest_first: bool = False) -> list[AuditEntry]:
        """Entries matching ``where``, newest first unless ``oldest_first``."""
        order = (_A.at.asc(), _A.id.asc()) if oldest_first else (_A.at.desc(), _A.id.desc())
        query = select(AUDIT).where(*(where or AuditFilter()).where()).order_by(*order).limit(limit).offset(offset)
        with self._read() as conn:
            return [_entry(row) for row in conn.execute(query)]

    def count(self, where: AuditFilter | None = None) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(AUDIT).where(*(where or AuditFilter()).where())).scalar_one())

    def editors(self) -> list[str]:
        """Everyone who has an entry, for the page's filter."""
        with self._read() as conn:
            return [r[0] for r in conn.execute(select(_A.editor).where(_A.editor != "").distinct().order_by(_A.editor))]
