"""The library as one JSONL file: export, and import of such a file back into a library.

An export is a backup, the way to move a library between SQLite and PostgreSQL, and a reference
file that intake reads too. It is a bulk job apart from the store's report-by-report work: the
whole library streams out in batches so memory stays flat, and an import validates every line
first, then stores all the good ones in one transaction and reports each bad one by its number. The line format (``export_line``,
``parse_library_line``) lives here too, so both directions are written against one definition.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, TextIO

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import Connection, select

from verifier.errors import InputError, SourceFormatError
from verifier.intake import check_input_size
from verifier.numbers import MAX_FIGURE
from verifier.types import Claim, Document, Range

from .convert import CLAIM_FIELDS, claim_from_columns, parse_time
from .models import CLAIM, MAX_LABEL, OUTLET, REPORT
from .records import ImportResult, IngestResult

# Opens a read-only connection (``Store._read``), with the store's error translation.
Reader = Callable[[], AbstractContextManager[Connection]]
# Stores every good line (with its line number) in one transaction and says what became of each.
AddAll = Callable[[Iterator[tuple["LibraryLine", int]]], list[IngestResult]]

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
        .where(_R.deleted_at.is_(None))  # a deleted report is not part of the library any more
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


def import_library(fp: TextIO, add_all: AddAll, *, max_chars: int | None = None) -> ImportResult:
    """Validate every line of an export, then hand all the good ones to ``add_all`` at once.

    Nothing is stored until the whole file has been read, so a bad line half-way never leaves half
    a library: the good lines go in together (``add_all`` stores them in one transaction) and each
    bad line comes back as an error naming its line number and what is wrong with it. A seekable
    file is read twice rather than held in memory whole.
    """
    path = str(getattr(fp, "name", "<import>"))
    errors: list[SourceFormatError] = []
    good: list[tuple[LibraryLine, int]] = []
    numbers: set[int] = set()
    rereadable = fp.seekable()
    for number, raw in enumerate(fp, 1):
        if not raw.strip():
            continue
        try:
            record = parse_library_line(raw, path=path, number=number, max_chars=max_chars)
        except SourceFormatError as exc:
            errors.append(exc)
            continue
        numbers.add(number)
        if not rereadable:
            good.append((record, number))
    if not numbers:
        return ImportResult(0, 0, tuple(errors))
    results = add_all(_reread(fp, numbers, path, max_chars) if rereadable else iter(good))
    added = sum(r.status == "added" for r in results)
    duplicates = sum(r.status == "duplicate" for r in results)
    return ImportResult(added, duplicates, tuple(errors))


def _reread(fp: TextIO, numbers: set[int], path: str, max_chars: int | None) -> Iterator[tuple[LibraryLine, int]]:
    """The lines already found good, read again from the start of the file."""
    fp.seek(0)
    for number, raw in enumerate(fp, 1):
        if number in numbers:
            yield parse_library_line(raw, path=path, number=number, max_chars=max_chars), number


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


# What a line may hold, column by column: a value the database could not store (a label longer
# than its column, an infinite or absurd figure, a span outside the text) is refused here, at
# validation, rather than failing a transaction half-way through an import.
Label = Annotated[str, Field(max_length=MAX_LABEL)]
Bound = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_FIGURE, le=MAX_FIGURE)]
Offset = Annotated[int, Field(ge=0)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RangeRecord(_Record):
    low: Bound | None = None
    high: Bound | None = None
    qualifier: Label = "exact"
    text: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> RangeRecord:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class ClaimRecord(_Record):
    id: Label = ""
    kind: Label
    value: RangeRecord | None = None
    noun: str = ""
    actor: str = ""
    stance: Label = ""
    attributed_to: str = ""
    sentence: str = ""
    span: tuple[Offset, Offset] = (0, 0)
    sentence_span: tuple[Offset, Offset] = (0, 0)

    @field_validator("span", "sentence_span")
    @classmethod
    def _forwards(cls, span: tuple[int, int]) -> tuple[int, int]:
        if span[0] > span[1]:
            raise ValueError(f"the span {list(span)} ends before it starts")
        return span

    def to_claim(self) -> Claim:
        value = self.value
        return Claim(
            id=self.id,
            kind=self.kind,
            value=Range(value.low, value.high, value.qualifier, value.text) if value else None,
            sentence=self.sentence,
            span=self.span,
            sentence_span=self.sentence_span,
            noun=self.noun,
            actor=self.actor,
            stance=self.stance,
            attributed_to=self.attributed_to,
        )


class LibraryRecord(_Record):
    """One line of an export as validated data (pydantic reports every problem in it at once)."""

    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet_domain: Annotated[str, Field(max_length=255)] | None = None
    reliability: Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] | None = None
    fetched_at: str | None = None
    content_hash: str | None = None
    claims: list[ClaimRecord] | None = None

    @model_validator(mode="after")
    def _spans_inside_the_text(self) -> LibraryRecord:
        if not self.text.strip():
            raise ValueError("'text' is empty")
        for i, claim in enumerate(self.claims or ()):
            if claim.span[1] > len(self.text) or claim.sentence_span[1] > len(self.text):
                raise ValueError(f"claims.{i}.span: a span reaches past the end of the text ({len(self.text)} characters)")
        return self


def parse_library_line(line: str, *, path: str, number: int, max_chars: int | None = None) -> LibraryLine:
    """One export line back into a report; anything unusable is a SourceFormatError for that line.

    ``max_chars`` is the input limit (``Settings.max_input_chars``): a report longer than that is
    refused here as it would be from any other way in.
    """
    try:
        # Python's parser, not pydantic's: it reads the lone surrogates some exporters write (the
        # store turns them into U+FFFD like NUL), and 1e400 as infinity, which the bounds refuse.
        record = LibraryRecord.model_validate(json.loads(line))
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"not a library record: not valid JSON ({exc.msg} at column {exc.colno})", path=path, line=number) from exc
    except ValidationError as exc:
        raise SourceFormatError(f"not a library record: {_problems(exc)}", path=path, line=number) from exc
    try:
        if max_chars is not None:
            check_input_size(record.text, name="the report", max_chars=max_chars)
        published = parse_time(record.published)
        fetched_at = parse_time(record.fetched_at)
    except (ValueError, InputError) as exc:
        raise SourceFormatError(f"not a library record: {exc}", path=path, line=number) from exc
    return LibraryLine(
        document=Document(
            text=record.text,
            title=record.title or "",
            url=record.url or "",
            outlet=record.outlet or "",
            published=published,
            origin=f"{path}:{number}",
        ),
        outlet_domain=record.outlet_domain or "",
        reliability=record.reliability,
        fetched_at=fetched_at,
        claims=None if record.claims is None else tuple(c.to_claim() for c in record.claims),
    )


def _problems(exc: ValidationError) -> str:
    """Every problem pydantic found, each as ``field.path: message``."""
    parts = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return "; ".join(parts)
