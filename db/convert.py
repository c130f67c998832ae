"""Conversions between the pipeline's dataclasses and what the database and exports hold.

Kept apart from the store so that the mapping of a Claim onto columns, and of a saved check
back onto a CheckResult, is written once and can be tested without a database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from verifier.errors import SourceFormatError
from verifier.types import CheckResult, Claim, Document, Evidence, Finding, Range

from .models import MAX_LABEL


def content_hash(text: str) -> str:
    """Same digest for texts that differ only in spacing or case: the same report pasted twice."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def utc(value: datetime | None) -> datetime | None:
    """Naive datetimes are taken as UTC: intake gives naive times only when the source gave no zone."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_time(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 time, got {value!r}")
    return utc(datetime.fromisoformat(value))


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def claim_columns(claim: Claim, ordinal: int) -> dict[str, Any]:
    value = claim.value
    return {
        "ordinal": ordinal,
        "label": claim.id[:MAX_LABEL],
        "kind": claim.kind,
        "low": value.low if value else None,
        "high": value.high if value else None,
        "qualifier": value.qualifier if value else None,
        "value_text": value.text if value else "",
        "noun": claim.noun,
        "actor": claim.actor,
        "stance": claim.stance,
        "attributed_to": claim.attributed_to,
        "sentence": claim.sentence,
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "sentence_start": claim.sentence_span[0],
        "sentence_end": claim.sentence_span[1],
    }


def claim_from_columns(row: Mapping[Any, Any]) -> Claim:
    value = None
    if row["qualifier"] is not None:
        value = Range(row["low"], row["high"], row["qualifier"], row["value_text"])
    return Claim(
        id=row["label"],
        kind=row["kind"],
        value=value,
        sentence=row["sentence"],
        span=(row["span_start"], row["span_end"]),
        sentence_span=(row["sentence_start"], row["sentence_end"]),
        noun=row["noun"],
        actor=row["actor"],
        stance=row["stance"],
        attributed_to=row["attributed_to"],
    )


def _evidence_from_dict(data: Mapping[str, Any]) -> Evidence:
    value = data.get("value")
    return Evidence(
        outlet=data.get("outlet", ""),
        url=data.get("url", ""),
        published=parse_time(data.get("published")),
        sentence=data.get("sentence", ""),
        value=Range.from_dict(value) if value else None,
        relation=data.get("relation", ""),
        similarity=float(data.get("similarity", 0.0)),
        note=data.get("note", ""),
        stance=data.get("stance", ""),
        actor=data.get("actor", ""),
        independent=bool(data.get("independent", True)),
    )


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    consensus = data.get("consensus")
    return Finding(
        claim=Claim.from_dict(dict(data)),
        verdict=data["verdict"],
        reason=data.get("reason", ""),
        evidence=tuple(_evidence_from_dict(e) for e in data.get("evidence", ())),
        consensus=Range.from_dict(consensus) if consensus else None,
    )


def check_result_from_dict(data: Mapping[str, Any], settings: dict[str, Any] | None = None) -> CheckResult:
    """Rebuild a saved check from ``CheckResult.to_dict()``: the JSON is the record of what was shown."""
    story = data.get("story", {})
    return CheckResult(
        story=Document(
            text=story.get("text", ""),
            title=story.get("title", ""),
            url=story.get("url", ""),
            outlet=story.get("outlet", ""),
            published=parse_time(story.get("published")),
        ),
        findings=tuple(finding_from_dict(f) for f in data.get("claims", ())),
        sources=int(data.get("summary", {}).get("sources", 0)),
        checked_at=parse_time(data.get("checked_at")),
        settings=dict(settings or {}),
    )


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
        "published": iso(document.published),
        "url": document.url,
        "title": document.title,
        "text": document.text,
        "outlet_domain": outlet_domain,
        "reliability": reliability,
        "fetched_at": iso(fetched_at),
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
