"""The reference library and the check history: with ``library_io``, the only code that runs SQL.

One report is one write transaction, so a crash never leaves half a report, and a report already
in the library (the same text up to spacing and case) is recognised rather than stored twice, also
when two processes offer it at the same moment; an article updated at the same URL is stored
again, as a new version. The bulk JSONL export and
import of the whole library are in ``library_io``; ``Store`` hands them its connections.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from verifier import extract_claims, intake
from verifier.audit import changed_fields
from verifier.errors import (
    FetchError,
    InputError,
    NotFoundError,
    StoreError,
    VerifierError,
)
from verifier.review import check_state
from verifier.settings import Settings
from verifier.types import CheckResult, Claim, Document, Report, SourceClaim

from . import audit, review
from .bulk import insert_rows
from .convert import (
    CLAIM_FIELDS,
    check_result_from_dict,
    claim_columns,
    claim_from_columns,
    content_hash,
    utc,
)
from .engine import display_url, make_engine, reading, translate_errors, writing
from .library_io import LibraryLine, export_library, import_library
from .migrate import init_db
from .models import CHECK, CLAIM, FINDING, MAX_NAME, OUTLET, REPORT
from .records import CheckSummary, ImportResult, IngestResult, OutletSummary, ReportSummary
from .search import Query, located_reports, ranked_reports

Progress = Callable[[int, int, str], None]

_O = OUTLET.c
_R = REPORT.c
_C = CLAIM.c
_K = CHECK.c
UNKNOWN_OUTLET = "unknown"
# An undated story's incident is placed at its best-matching report's time: the reports of one
# incident (first word, rising tolls, follow-ups) come within these days of one another, while the
# same city's other attacks of the month would crowd them out with a two-week window.
UNDATED_WINDOW_DAYS = 3
# A dated story reads the reports within this many days of it.
DATED_WINDOW_DAYS = 14
# Reports per write transaction in ``add_documents`` and ``add_paths``: one commit for a batch
# instead of one per report, while a batch still holds the write lock only briefly (about a second).
INGEST_BATCH = 200
# A bulk import of this many reports refreshes PostgreSQL's statistics (``refresh_statistics``).
ANALYZE_AFTER = 100
# A report offered again whose stored copy was deleted stays deleted until an editor restores it.
_DELETED_HINT = ", which was deleted: restore it to use it again"
# The fields of a report an edit can change, as the audit log shows them before and after.
_EDITABLE = ("outlet", "published", "reliability", "title")


@dataclass(frozen=True)
class _Incoming:
    """A report ready to store: everything derived from its text is computed before the transaction."""

    document: Document
    claims: Sequence[Claim]
    reliability: float | None = None
    outlet_domain: str = ""
    fetched_at: datetime | None = None
    line: int | None = None
    source: str = ""


def _now() -> datetime:
    return datetime.now(UTC)


def _base_result(incoming: _Incoming) -> IngestResult:
    doc = incoming.document
    return IngestResult("added", doc.origin or doc.url, title=doc.title, line=incoming.line, warnings=doc.warnings)


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _check_reliability(reliability: float | None) -> None:
    if reliability is not None and not 0.0 <= reliability <= 1.0:
        raise InputError(f"reliability must be between 0 and 1, got {reliability}")


# The largest id a row can have: ids are INTEGER columns, 32 bits on PostgreSQL. A larger number
# (or one past SQLite's 64 bits) names no row, so it is "not found" rather than a driver overflow.
MAX_ID = 2**31 - 1


def _row_id(value: int, what: str) -> int:
    if not 1 <= value <= MAX_ID:
        raise NotFoundError(f"there is no {what} {value} in the library")
    return value


def _iso(when: datetime | None) -> str | None:
    aware = utc(when)
    return aware.isoformat() if aware else None


def _like(search: str) -> str:
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Store:
    """A reference library in one database; open it with ``Store.open`` or ``Store.memory``."""

    def __init__(self, engine: Engine, *, settings: Settings | None = None, editor: str = "") -> None:
        self.engine = engine
        self.settings = settings or Settings()
        # Who makes the changes through this store: the audit log's "who" for every write.
        self.editor = editor.strip()

    def with_editor(self, editor: str) -> Store:
        """The same library (engine, settings) with ``editor`` as the one who makes its changes.

        The app keeps one store per server and takes a view of it per editor's session; closing the
        view would close the shared engine, so views are not closed (nor used as context managers).
        """
        return Store(self.engine, settings=self.settings, editor=editor)

    @property
    def audit(self) -> audit.AuditLog:
        """The audit log of this library, recording as this store's editor."""
        return audit.AuditLog(self)

    @property
    def reviews(self) -> review.Reviews:
        """The editors' decisions on saved checks, taken as this store's editor."""
        return review.Reviews(self)

    @classmethod
    def open(cls, target: Settings | str) -> Store:
        """Connect and bring the schema up to date, so every caller works on a current library.

        Given ``Settings``, the store keeps them: their input limit applies to every report added.
        """
        settings = target if isinstance(target, Settings) else None
        engine = make_engine(target.database_url if isinstance(target, Settings) else target)
        init_db(engine)
        return cls(engine, settings=settings, editor=settings.editor if settings else "")

    @classmethod
    def memory(cls) -> Store:
        return cls.open("sqlite://")

    @property
    def url(self) -> str:
        return display_url(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _read(self) -> AbstractContextManager[Connection]:
        return reading(self.engine)

    def _write(self) -> AbstractContextManager[Connection]:
        return writing(self.engine)

    # -- ingest ------------------------------------------------------------------------------

    def add_document(
        self, doc: Document, *, reliability: float | None = None, claims: Sequence[Claim] | None = None
    ) -> IngestResult:
        """Store one report with its claims: ``claims`` when given (already reviewed), else extracted now."""
        _check_reliability(reliability)
        prepared = self._prepare(doc, reliability, claims)
        return prepared if isinstance(prepared, IngestResult) else self._store(prepared)

    def add_documents(self, docs: Iterable[Document], *, reliability: float | None = None) -> list[IngestResult]:
        """Store many reports, ``INGEST_BATCH`` to a write transaction, each judged as ``add_document`` would.

        One transaction per report costs a commit (a disk flush, a round trip) per report, which on
        PostgreSQL is most of an ingest's time; a batch shares one. A batch that collides with another
        process's writes is stored again report by report, so each report is still added or a duplicate.
        """
        _check_reliability(reliability)
        results: list[IngestResult | None] = []
        pending: list[tuple[int, _Incoming]] = []
        for doc in docs:
            prepared = self._prepare(doc, reliability, None)
            if isinstance(prepared, IngestResult):
                results.append(prepared)
                continue
            pending.append((len(results), prepared))
            results.append(None)
            if len(pending) >= INGEST_BATCH:
                self._store_batch(pending, results)
        self._store_batch(pending, results)
        return self._finish(results)

    def _finish(self, results: list[IngestResult | None]) -> list[IngestResult]:
        done = [r for r in results if r is not None]
        if sum(r.status == "added" for r in done) >= ANALYZE_AFTER:
            self.refresh_statistics()
        return done

    def _prepare(self, doc: Document, reliability: float | None, claims: Sequence[Claim] | None) -> _Incoming | IngestResult:
        """What to store for ``doc`` (its claims extracted now unless given), or why it is rejected."""
        if not doc.text.strip():
            return IngestResult("rejected", doc.origin or doc.url, reason="the report has no text", title=doc.title)
        try:
            intake.check_input_size(doc.text, name=doc.origin or "the report", max_chars=self.settings.max_input_chars)
        except InputError as exc:
            return IngestResult("rejected", doc.origin or doc.url, reason=str(exc), title=doc.title)
        found = extract_claims(doc.text) if claims is None else claims
        return _Incoming(doc, found, reliability, fetched_at=_now())

    def _store_batch(self, pending: list[tuple[int, _Incoming]], results: list[IngestResult | None]) -> None:
        """Store ``pending`` in one transaction (report by report if it collides) into their slots of ``results``."""
        if not pending:
            return
        try:
            with self._write() as conn:
                stored = self._store_many(conn, [incoming for _, incoming in pending])
                self._audit_added(conn, stored)
        except IntegrityError:
            stored = [self._store(incoming) for _, incoming in pending]
        for (slot, _), result in zip(pending, stored, strict=True):
            results[slot] = result
        pending.clear()

    def add_paths(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        settings: Settings | None = None,
    ) -> list[IngestResult]:
        """Ingest files and folders; what cannot be read is reported as rejected and the rest goes on.

        Reports are stored in batches (``add_documents``), so a folder of many files is one
        transaction per ``INGEST_BATCH`` reports rather than one per report.
        """
        results: list[IngestResult | None] = []
        pending: list[tuple[int, _Incoming]] = []
        files: list[Path] = []
        for path in paths:
            try:
                files.extend(intake.iter_report_paths([Path(path)]))
            except (VerifierError, OSError) as exc:
                results.append(IngestResult("rejected", str(path), reason=str(exc)))
        for done, file in enumerate(files, 1):
            try:
                documents, errors = intake.parse_report_file(file, settings=settings)
            except (VerifierError, OSError, UnicodeError) as exc:
                documents, errors = [], []
                results.append(IngestResult("rejected", str(file), reason=str(exc)))
            results.extend(IngestResult("rejected", str(file), reason=str(e), line=e.line) for e in errors)
            for doc in documents:
                prepared = self._prepare(doc, None, None)
                if isinstance(prepared, IngestResult):
                    results.append(replace(prepared, source=doc.origin or str(file)))
                    continue
                pending.append((len(results), replace(prepared, source=doc.origin or str(file))))
                results.append(None)
            if len(pending) >= INGEST_BATCH:
                self._store_batch(pending, results)
            if progress:
                progress(done, len(files), str(file))
        self._store_batch(pending, results)
        return self._finish(results)

    def add_url(self, url: str, *, settings: Settings | None = None) -> IngestResult:
        try:
            doc = intake.fetch_url(url, settings=settings)
        except (FetchError, InputError) as exc:
            return IngestResult("rejected", url, reason=str(exc))
        return replace(self.add_document(replace(doc, url=doc.url or url)), source=url)

    def _store(self, incoming: _Incoming) -> IngestResult:
        doc = incoming.document
        try:
            with self._write() as conn:
                result = self._store_in(conn, incoming)
                self._audit_added(conn, [result])
                return result
        except IntegrityError as exc:
            # Another process stored the same report between our check and our insert.
            base = _base_result(incoming)
            with self._read() as conn:
                duplicate = self._duplicate_of(conn, doc.url.strip() or None, content_hash(doc.text), base)
            if duplicate:
                return duplicate
            raise StoreError(f"could not store {base.source or 'the report'}: {exc.orig}") from exc

    def _audit_added(self, conn: Connection, results: Sequence[IngestResult]) -> None:
        """One "report added" entry per report stored, in the transaction that stored it."""
        audit.record_many(conn, [
            {"editor": self.editor, "action": "report added", "subject": "report", "subject_id": r.report_id,
             "summary": r.title or r.source, "after": {"title": r.title, "source": r.source, "claims": r.claims}}
            for r in results if r.status == "added"
        ])  # fmt: skip

    def _store_in(self, conn: Connection, incoming: _Incoming) -> IngestResult:
        """Store one report inside the caller's write transaction, unless the library has it already."""
        return self._store_many(conn, [incoming])[0]

    def _store_many(self, conn: Connection, incomings: Sequence[_Incoming]) -> list[IngestResult]:
        """Store reports inside the caller's write transaction, each unless the library has it already.

        A handful of statements per batch rather than per report (one lookup of the texts and URLs
        already stored, one multi-row insert of the reports and one of their claims): on PostgreSQL
        every statement is a round trip. A report repeating the text or URL of an earlier one in the
        batch starts a new round, so it is judged against that report as if they came one by one.
        """
        results: list[IngestResult] = []
        start = 0
        while start < len(incomings):
            cut = len(incomings)
            seen_digests: set[str] = set()
            seen_urls: set[str] = set()
            for i in range(start, len(incomings)):
                digest, url = content_hash(incomings[i].document.text), incomings[i].document.url.strip()
                if digest in seen_digests or (url and url in seen_urls):
                    cut = i
                    break
                seen_digests.add(digest)
                if url:
                    seen_urls.add(url)
            results += self._store_round(conn, incomings[start:cut])
            start = cut
        return results

    def _store_round(self, conn: Connection, incomings: Sequence[_Incoming]) -> list[IngestResult]:
        """Store reports none of which repeats another's text or URL (see ``_store_many``)."""
        digests = [content_hash(i.document.text) for i in incomings]
        urls = [i.document.url.strip() or None for i in incomings]
        known = {
            row.content_hash: row
            for row in conn.execute(select(_R.content_hash, _R.id, _R.url, _R.deleted_at).where(_R.content_hash.in_(digests)))
        }
        wanted_urls = sorted({u for u in urls if u})
        newest: dict[str, int] = {}
        if wanted_urls:
            newest = {row[0]: row[1] for row in conn.execute(select(_R.url, func.max(_R.id)).where(_R.url.in_(wanted_urls)).group_by(_R.url))}
        outlets: dict[tuple[str, str, float | None], int] = {}
        results: list[IngestResult] = []
        fresh: list[tuple[int, _Incoming, dict[str, Any]]] = []
        now = _now()
        for incoming, digest, url in zip(incomings, digests, urls, strict=True):
            doc = incoming.document
            base = _base_result(incoming)
            row = known.get(digest)
            if row is not None:
                why = "same URL" if url is not None and row.url == url else "same text"
                reason = f"{why} as report {row.id}" + (_DELETED_HINT if row.deleted_at is not None else "")
                results.append(replace(base, status="duplicate", report_id=row.id, reason=reason))
                continue
            previous = newest.get(url) if url else None
            if previous is not None:
                base = replace(base, reason=f"new version of report {previous} (same URL, changed text)")
            domain = incoming.outlet_domain or _domain(url or "")
            key = (doc.outlet or domain, domain, incoming.reliability)
            if key not in outlets:
                outlets[key] = self._outlet_id(conn, *key)
            values = {
                "outlet_id": outlets[key], "url": url, "title": doc.title, "published": utc(doc.published),
                "fetched_at": incoming.fetched_at or now, "created_at": now, "text": doc.text, "content_hash": digest,
            }  # fmt: skip
            fresh.append((len(results), incoming, values))
            results.append(base)
        if fresh:
            ids = conn.execute(
                insert(REPORT).returning(_R.id, sort_by_parameter_order=True), [values for _, _, values in fresh]
            ).scalars().all()
            claims = [
                {"report_id": report_id, **claim_columns(c, i)}
                for report_id, (_, incoming, _) in zip(ids, fresh, strict=True)
                for i, c in enumerate(incoming.claims)
            ]
            insert_rows(conn, CLAIM, claims)
            for report_id, (slot, incoming, _) in zip(ids, fresh, strict=True):
                results[slot] = replace(results[slot], report_id=report_id, claims=len(incoming.claims))
        return results

    def _store_all(self, records: Iterable[tuple[LibraryLine, int]], *, source: str = "") -> list[IngestResult]:
        """Store many reports in one write transaction: all of them, or (on a clash) none.

        The audit log gets one "library imported" entry for the lot, with the ids added.
        """
        try:
            with self._write() as conn:
                results = self._store_many(conn, [self._incoming(record, number) for record, number in records])
                added = [r.report_id for r in results if r.status == "added"]
                audit.record(
                    conn, editor=self.editor, action="library imported", subject="library",
                    summary=f"{source}: {len(added)} added, {len(results) - len(added)} already in the library",
                    after={"file": source, "added": len(added), "duplicates": len(results) - len(added), "report_ids": added},
                )  # fmt: skip
        except IntegrityError as exc:
            raise StoreError(
                "nothing was imported: another program added some of the same reports meanwhile; "
                "import the file again (reports already in the library are then counted as duplicates)"
            ) from exc
        if sum(r.status == "added" for r in results) >= ANALYZE_AFTER:
            self.refresh_statistics()
        return results

    def refresh_statistics(self) -> None:
        """Have PostgreSQL count again which names are common: the ranking weighs names by these counts.

        Autovacuum does it too, later; after a bulk import the new reports should count at once.
        SQLite's FTS5 keeps its counts exact on every write, so there it is a no-op.
        """
        if self.engine.dialect.name == "postgresql":
            with translate_errors(self.engine), self.engine.connect() as conn:
                conn.execute(text("ANALYZE report"))
                conn.commit()

    def _duplicate_of(self, conn: Connection, url: str | None, digest: str, base: IngestResult) -> IngestResult | None:
        """The report already in the library with this text (up to spacing and case), if any.

        The same URL with other text is not a duplicate: the article was updated, and the
        time-aware matcher needs both versions' figures (see ``_previous_version``).
        """
        row = conn.execute(select(_R.id, _R.url, _R.deleted_at).where(_R.content_hash == digest).limit(1)).first()
        if row is None:
            return None
        why = "same URL" if url is not None and row.url == url else "same text"
        reason = f"{why} as report {row.id}" + (_DELETED_HINT if row.deleted_at is not None else "")
        return replace(base, status="duplicate", report_id=row.id, reason=reason)

    def _outlet_id(self, conn: Connection, name: str, domain: str = "", reliability: float | None = None) -> int:
        """Find or create the outlet; creation tolerates another process creating it at the same time."""
        name = (name.strip() or UNKNOWN_OUTLET)[:MAX_NAME]
        row = conn.execute(select(_O.id, _O.domain, _O.reliability).where(_O.name == name)).first()
        if row is None:
            dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            values = {"name": name, "domain": domain, "reliability": 1.0 if reliability is None else reliability}
            conn.execute(dialect_insert(OUTLET).values(**values).on_conflict_do_nothing())
            row = conn.execute(select(_O.id, _O.domain, _O.reliability).where(_O.name == name)).one()
        changes: dict[str, Any] = {}
        if reliability is not None and row.reliability != reliability:
            changes["reliability"] = reliability
        if domain and not row.domain:
            changes["domain"] = domain
        if changes:
            conn.execute(update(OUTLET).where(_O.id == row.id).values(**changes))
        return int(row.id)

    # -- browse and edit ---------------------------------------------------------------------

    def list_reports(
        self,
        *,
        search: str = "",
        outlet: str = "",
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
        deleted: bool = False,
    ) -> list[ReportSummary]:
        """Reports matching the filters, newest first; ``deleted=True`` lists the deleted ones instead."""
        claims = select(func.count()).where(_C.report_id == _R.id).scalar_subquery()
        query = (
            select(_R.id, _O.name, _R.title, _R.url, _R.published, _R.fetched_at, _R.created_at, claims, _O.reliability)
            .join_from(REPORT, OUTLET, _R.outlet_id == _O.id)
            .where(*self._filters(search, outlet, since, until, deleted))
            .order_by(_R.published.desc().nulls_last(), _R.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._read() as conn:
            return [ReportSummary(r[0], r[1], r[2], r[3] or "", *r[4:]) for r in conn.execute(query)]

    def count_reports(
        self,
        *,
        search: str = "",
        outlet: str = "",
        since: datetime | None = None,
        until: datetime | None = None,
        deleted: bool = False,
    ) -> int:
        query = (
            select(func.count())
            .select_from(REPORT)
            .join(OUTLET, _R.outlet_id == _O.id)
            .where(*self._filters(search, outlet, since, until, deleted))
        )
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    @staticmethod
    def _filters(
        search: str, outlet: str, since: datetime | None, until: datetime | None, deleted: bool = False
    ) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [_R.deleted_at.is_not(None) if deleted else _R.deleted_at.is_(None)]
        if search.strip():
            pattern = _like(search.strip())
            where.append(or_(*(col.ilike(pattern, escape="\\") for col in (_R.title, _R.url, _R.text))))
        if outlet.strip():
            where.append(func.lower(_O.name) == outlet.strip().lower())
        if since:
            where.append(_R.published >= utc(since))
        if until:
            where.append(_R.published <= utc(until))
        return where

    def get_report(self, report_id: int, *, deleted: bool = False) -> Report:
        """A report with its claims; a deleted one only with ``deleted=True`` (to look at before restoring)."""
        _row_id(report_id, "report")
        query = (
            select(_R.id, _R.url, _R.title, _R.published, _R.text, _O.name, _O.reliability)
            .join_from(REPORT, OUTLET, _R.outlet_id == _O.id)
            .where(_R.id == report_id)
        )
        if not deleted:
            query = query.where(_R.deleted_at.is_(None))
        with self._read() as conn:
            row = conn.execute(query).first()
            if row is None:
                raise NotFoundError(f"there is no report {report_id} in the library")
            claims = conn.execute(select(*CLAIM_FIELDS).where(_C.report_id == report_id).order_by(_C.ordinal))
            return Report(
                outlet=row.name,
                text=row.text,
                url=row.url or "",
                title=row.title,
                published=row.published,
                claims=tuple(claim_from_columns(c._mapping) for c in claims),
                id=row.id,
                reliability=row.reliability,
            )

    def update_report(
        self,
        report_id: int,
        *,
        outlet: str | None = None,
        published: datetime | None = None,
        reliability: float | None = None,
        title: str | None = None,
    ) -> Report:
        """Correct what intake got wrong; reliability belongs to the report's outlet, so it moves all its reports.

        The audit log gets the fields that changed, before and after.
        """
        _check_reliability(reliability)
        _row_id(report_id, "report")
        with self._write() as conn:
            outlet_id = conn.execute(select(_R.outlet_id).where(_R.id == report_id, _R.deleted_at.is_(None))).scalar()
            if outlet_id is None:
                raise NotFoundError(f"there is no report {report_id} in the library")
            before = self._editable_in(conn, report_id)
            changes: dict[str, Any] = {}
            if outlet is not None and outlet.strip():
                outlet_id = changes["outlet_id"] = self._outlet_id(conn, outlet)
            if published is not None:
                changes["published"] = utc(published)
            if title is not None:
                changes["title"] = title
            if changes:
                conn.execute(update(REPORT).where(_R.id == report_id).values(**changes))
            if reliability is not None:
                conn.execute(update(OUTLET).where(_O.id == outlet_id).values(reliability=reliability))
            after = self._editable_in(conn, report_id)
            was, now = changed_fields(before, after)
            if was or now:
                audit.record(
                    conn, editor=self.editor, action="report edited", subject="report", subject_id=report_id,
                    summary=after["title"] or f"report {report_id}", before=was, after=now,
                )  # fmt: skip
        return self.get_report(report_id)

    def _editable_in(self, conn: Connection, report_id: int) -> dict[str, Any]:
        row = conn.execute(
            select(_O.name, _R.published, _O.reliability, _R.title).join_from(REPORT, OUTLET, _R.outlet_id == _O.id).where(_R.id == report_id)
        ).one()
        return dict(zip(_EDITABLE, (row.name, _iso(row.published), row.reliability, row.title), strict=True))

    def delete_report(self, report_id: int) -> None:
        """Delete a report softly: it leaves every listing, export and check, and ``restore_report``
        brings it back; the audit log says who deleted it. Its claims stay, unused, until then."""
        self._set_deleted(report_id, deleted=True)

    def restore_report(self, report_id: int) -> None:
        """Bring a deleted report back into the library as it was."""
        self._set_deleted(report_id, deleted=False)

    def _set_deleted(self, report_id: int, *, deleted: bool) -> None:
        _row_id(report_id, "report")
        with self._write() as conn:
            row = conn.execute(select(_R.title, _R.url, _R.deleted_at, _R.deleted_by).where(_R.id == report_id)).first()
            if row is None or (row.deleted_at is not None) == deleted:
                state = "deleted report" if not deleted else "report"
                raise NotFoundError(f"there is no {state} {report_id} in the library")
            when = _now() if deleted else None
            conn.execute(update(REPORT).where(_R.id == report_id).values(deleted_at=when, deleted_by=self.editor if deleted else ""))
            audit.record(
                conn, editor=self.editor, action="report deleted" if deleted else "report restored", subject="report",
                subject_id=report_id, summary=row.title or row.url or f"report {report_id}",
                before={"deleted": not deleted}, after={"deleted": deleted},
            )  # fmt: skip

    def outlets(self) -> list[OutletSummary]:
        query = (
            select(_O.id, _O.name, _O.domain, _O.reliability, func.count(_R.id))
            .join_from(OUTLET, REPORT, (_R.outlet_id == _O.id) & _R.deleted_at.is_(None), isouter=True)
            .group_by(_O.id, _O.name, _O.domain, _O.reliability)
            .order_by(func.lower(_O.name))
        )
        with self._read() as conn:
            return [OutletSummary(*row) for row in conn.execute(query)]

    # -- candidates for a check --------------------------------------------------------------

    def candidates(
        self,
        claims: Sequence[Claim],
        *,
        terms: Sequence[str],
        published: datetime | None = None,
        window_days: float = DATED_WINDOW_DAYS,
        max_reports: int = 500,
        min_shared: int = 1,
        now: datetime | None = None,
    ) -> list[SourceClaim]:
        """Stored claims of the kinds of ``claims`` in the reports that best match ``terms``.

        Reports are ranked by the database's own full-text search (``db.search``: rare names weigh
        more than common ones) and must share at least ``min_shared`` of the terms (one shared name
        such as a capital city is weak evidence of the same event). A report's time must lie within
        ``window_days`` of ``published`` when both are known; equal scores go to the report closest
        to ``published`` (``now``, the check's time, when the story has none). Report texts are not loaded.
        """
        kinds = sorted({c.kind for c in claims})
        if not kinds:
            return []
        with self._read() as conn:
            order = self._matching(conn, terms, published, window_days, max_reports, min_shared, now)
            if not order:
                return []
            reports = {
                row.id: Report(
                    outlet=row.name,
                    text="",
                    url=row.url or "",
                    title=row.title,
                    published=row.published,
                    id=row.id,
                    reliability=row.reliability,
                )
                for row in conn.execute(
                    select(_R.id, _R.url, _R.title, _R.published, _O.name, _O.reliability)
                    .join_from(REPORT, OUTLET, _R.outlet_id == _O.id)
                    .where(_R.id.in_(order), _R.deleted_at.is_(None))
                )
            }
            order = [rid for rid in order if rid in reports]  # a deleted report is no candidate
            if not order:
                return []
            by_report: dict[int, list[Claim]] = {rid: [] for rid in order}
            rows = conn.execute(
                select(_C.report_id, *CLAIM_FIELDS)
                .where(_C.report_id.in_(order), _C.kind.in_(kinds))
                .order_by(_C.report_id, _C.ordinal)
            )
            for row in rows:
                by_report[row.report_id].append(claim_from_columns(row._mapping))
        return [SourceClaim(claim, reports[rid]) for rid in order for claim in by_report[rid]]

    def matching_reports(
        self,
        terms: Sequence[str],
        *,
        published: datetime | None = None,
        window_days: float = DATED_WINDOW_DAYS,
        max_reports: int = 500,
        min_shared: int = 1,
        now: datetime | None = None,
    ) -> list[int]:
        """Ids of the reports that best match ``terms``, best first: the retrieval behind ``candidates``."""
        with self._read() as conn:
            return self._live(conn, self._matching(conn, terms, published, window_days, max_reports, min_shared, now))

    @staticmethod
    def _matching(
        conn: Connection,
        terms: Sequence[str],
        published: datetime | None,
        window_days: float,
        max_reports: int,
        min_shared: int,
        now: datetime | None,
    ) -> list[int]:
        wanted = list(dict.fromkeys(t.strip().lower()[:MAX_NAME] for t in terms if t.strip()))
        if not wanted or max_reports <= 0:
            return []
        query = Query(
            terms=wanted,
            anchor=utc(published) or utc(now) or _now(),
            window=None if published is None else timedelta(days=window_days),
            limit=max_reports,
            min_shared=min_shared,
        )
        if published is None:
            # An undated story is placed at the time of the report that matches it best, so that
            # other incidents in its places on other days do not crowd out its own reports.
            return located_reports(conn, query, timedelta(days=min(window_days, UNDATED_WINDOW_DAYS)))
        return ranked_reports(conn, query)

    @staticmethod
    def _live(conn: Connection, order: list[int]) -> list[int]:
        """``order`` without deleted reports, order kept. The ranking (``db.search``) does not know
        of deletes; a deleted report is rare, so it is set aside after ranking (``candidates`` does
        it in its own query of the reports)."""
        if not order:
            return order
        gone = set(conn.execute(select(_R.id).where(_R.id.in_(order), _R.deleted_at.is_not(None))).scalars())
        return [rid for rid in order if rid not in gone] if gone else order

    # -- check history -----------------------------------------------------------------------

    def save_check(self, result: CheckResult) -> int:
        summary = result.summary
        with self._write() as conn:
            check_id: int = conn.execute(
                insert(CHECK)
                .values(
                    created_at=result.checked_at or _now(),
                    story_title=result.story.title,
                    story_url=result.story.url,
                    story_text=result.story.text,
                    settings_json=json.dumps(result.settings, default=str, sort_keys=True),
                    result_json=json.dumps(result.to_dict(), ensure_ascii=False),
                    agrees=summary.get("agrees", 0),
                    conflicts=summary.get("conflicts", 0),
                    unverified=summary.get("unverified", 0),
                )
                .returning(_K.id)
            ).scalar_one()
            if result.findings:
                rows = [
                    {
                        "check_id": check_id,
                        **claim_columns(f.claim, i),
                        "verdict": f.verdict,
                        "reason": f.reason,
                        "evidence_json": json.dumps([e.to_dict() for e in f.evidence], ensure_ascii=False),
                    }
                    for i, f in enumerate(result.findings)
                ]
                conn.execute(insert(FINDING), rows)
        return check_id

    def list_checks(self, limit: int = 50, *, state: str = "") -> list[CheckSummary]:
        """Saved checks, newest first; ``state`` keeps those in one review state."""
        query = (
            select(
                _K.id, _K.created_at, _K.story_title, _K.story_url, _K.agrees, _K.conflicts, _K.unverified,
                _K.review_state, _K.reviewed_by,
            )
            .order_by(_K.created_at.desc(), _K.id.desc())
            .limit(limit)
        )
        if state:
            query = query.where(_K.review_state == check_state(state))
        with self._read() as conn:
            return [CheckSummary(*row) for row in conn.execute(query)]

    def get_check(self, check_id: int) -> CheckResult:
        _row_id(check_id, "saved check")
        with self._read() as conn:
            row = conn.execute(select(_K.result_json, _K.settings_json).where(_K.id == check_id)).first()
        if row is None:
            raise NotFoundError(f"there is no saved check {check_id}")
        return check_result_from_dict(json.loads(row.result_json), json.loads(row.settings_json))

    # -- export and import -------------------------------------------------------------------

    def export_jsonl(self, fp: TextIO) -> int:
        """Write the whole library, one report per line, as a reference .jsonl file intake can read too."""
        return export_library(self._read, fp)

    def import_jsonl(self, fp: TextIO) -> ImportResult:
        """Load an export; stored claims are taken as they are, so the library comes back exactly.

        Every line is validated first; the good lines then go in together in one transaction, and
        each bad line is reported by its number (see ``library_io.import_library``).
        """
        name = str(getattr(fp, "name", "") or "an upload")
        return import_library(fp, partial(self._store_all, source=name), max_chars=self.settings.max_input_chars)

    @staticmethod
    def _incoming(record: LibraryLine, number: int) -> _Incoming:
        text = record.document.text
        return _Incoming(
            record.document,
            extract_claims(text) if record.claims is None else record.claims,
            record.reliability,
            record.outlet_domain,
            record.fetched_at,
            number,
        )
