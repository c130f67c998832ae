"""The library as one JSONL file: export, and import of such a file back into a library.

An export is a backup, the way to move a library between SQLite and PostgreSQL, and a reference
file that intake reads too. It is a bulk job apart from the store's report-by-report work: the
whole library streams out in batches so memory stays flat, and an import keeps going past bad
lines, reporting each by its line number. The line format (``export_line``,
``parse_library_line``) lives here too, so both directions are written against one definition.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from sqlalchemy import Connection, select

from verifier.errors import SourceFormatError
from verifier.types import Claim, Document

from .convert import CLAIM_FIELDS, claim_from_columns, parse_time
from .models import CLAIM, OUTLET, REPORT
from .records import ImportResult, IngestResult

# Opens a read-only connection (``Store._read``), with the store's error translation.
Reader = Callable[[], AbstractContextManager[Connection]]
# Stores one parsed line (with its line number) and says what became of it.
AddLine = Callable[["LibraryLine", int], IngestResult]

_R = REPORT.c
_O = OUTLET.c
_C = CLAIM.c
# Reports per round trip when streaming the whole library out.
_EXPORT_BATCH = 500


def export_library(read: Reader, fp: TextIO) -> int:
    """Write the whole library, one report per line, as a reference .jsonl file intake can read too."""
    written = 0
    last_id = 0
    query = (
        select(_R.id, _R.url, _R.title, _R.published, _R.fetched_at, _R.text, _R.content_hash)
        .add_columns(_O.name, _O.domain, _O.reliability)
        .join_from(REPORT, OUTLET, _R.outlet_id == _O.id)
        .order_by(_R.id)
        .limit(_EXPORT_BATCH)
    )
    while True:
        with read() as conn:
            batch = conn.execute(query.where(_R.id > last_id)).all()
            if not batch:
                return written
            claims: dict[int, list[Claim]] = {row.id: [] for row in batch}
            for row in conn.execute(
                select(_C.report_id, *CLAIM_FIELDS)
                .where(_C.report_id.in_(list(claims)))
                .order_by(_C.report_id, _C.ordinal)
            ):
                claims[row.report_id].append(claim_from_columns(row._mapping))
        for row in batch:
            doc = Document(row.text, row.title, row.url or "", row.name, row.published)
            fp.write(
                export_line(
                    doc,
                    outlet_domain=row.domain,
                    reliability=row.reliability,
                    fetched_at=row.fetched_at,
                    hash_=row.content_hash,
                    claims=tuple(claims[row.id]),
                )
                + "\n"
            )
            written += 1
        last_id = batch[-1].id


def import_library(fp: TextIO, add: AddLine) -> ImportResult:
    """Read an export line by line, handing each good line to ``add``; bad lines become errors."""
    path = str(getattr(fp, "name", "<import>"))
    added = duplicates = 0
    errors: list[SourceFormatError] = []
    for number, raw in enumerate(fp, 1):
        if not raw.strip():
            continue
        try:
            record = parse_library_line(raw, path=path, number=number)
        except SourceFormatError as exc:
            errors.append(exc)
            continue
        result = add(record, number)
        added += result.status == "added"
        duplicates += result.status == "duplicate"
    return ImportResult(added, duplicates, tuple(errors))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class LibraryLine:
    """One report of a library export, with what intake's reference format does not carry."""

    document: Document
    outlet_domain: str = ""
    reliability: float | None = None
    fetched_at: datetime | None = None
    claims: tuple[Claim, ...] | None = None


def export_line(
    document: Document,
    *,
    outlet_domain: str,
    reliability: float,
    fetched_at: datetime | None,
    hash_: str,
    claims: tuple[Claim, ...],
) -> str:
    record = {
        "outlet": document.outlet,
        "published": _iso(document.published),
        "url": document.url,
        "title": document.title,
        "text": document.text,
        "outlet_domain": outlet_domain,
        "reliability": reliability,
        "fetched_at": _iso(fetched_at),
        "content_hash": hash_,
        "claims": [c.to_dict() for c in claims],
    }
    return json.dumps(record, ensure_ascii=False)


def parse_library_line(line: str, *, path: str, number: int) -> LibraryLine:
    """One export line back into a report; anything unusable is a SourceFormatError for that line."""
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("a line must hold a JSON object")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("'text' is missing or empty")
        claims = record.get("claims")
        reliability = record.get("reliability")
        if reliability is not None and not 0.0 <= float(reliability) <= 1.0:
            raise ValueError(f"'reliability' must be between 0 and 1, got {reliability}")
        return LibraryLine(
            document=Document(
                text=text,
                title=str(record.get("title") or ""),
                url=str(record.get("url") or ""),
                outlet=str(record.get("outlet") or ""),
                published=parse_time(record.get("published")),
                origin=f"{path}:{number}",
            ),
            outlet_domain=str(record.get("outlet_domain") or ""),
            reliability=None if reliability is None else float(reliability),
            fetched_at=parse_time(record.get("fetched_at")),
            claims=None if claims is None else tuple(Claim.from_dict(c) for c in claims),
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise SourceFormatError(f"not a library record: {exc}", path=path, line=number) from exc
