"""Conversions between the pipeline's dataclasses and what the database holds.

Kept apart from the store so that the mapping of a Claim onto columns, and of a saved check
back onto a CheckResult, is written once and can be tested without a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from verifier.types import CheckResult, Claim, Document, Evidence, Finding, OwnCopy, Range, Untold

from .models import CLAIM, MAX_LABEL, storable

# The columns a stored claim is read back from (``claim_from_columns``).
CLAIM_FIELDS = [c for c in CLAIM.c if c.name not in ("id", "report_id")]


def content_hash(text: str) -> str:
    """Same digest for texts that differ only in spacing or case: the same report pasted twice."""
    return hashlib.sha256(" ".join(storable(text).split()).casefold().encode("utf-8")).hexdigest()


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
    try:
        return utc(datetime.fromisoformat(value))
    except OverflowError as exc:
        raise ValueError(f"the time {value!r} is out of range") from exc


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
        partial=bool(data.get("partial", False)),
        attributed_to=data.get("attributed_to", ""),
    )


def _source_from_dict(data: Mapping[str, Any] | None) -> Evidence | None:
    return _evidence_from_dict(data) if data else None


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    consensus = data.get("consensus")
    return Finding(
        claim=Claim.from_dict(dict(data)),
        verdict=data["verdict"],
        reason=data.get("reason", ""),
        evidence=tuple(_evidence_from_dict(e) for e in data.get("evidence", ())),
        consensus=Range.from_dict(consensus) if consensus else None,
        status=data.get("status", ""),
        current=_source_from_dict(data.get("current")),
        newer=_source_from_dict(data.get("newer")),
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
        untold=tuple(
            Untold(Claim.from_dict(dict(u)), tuple(_evidence_from_dict(e) for e in u.get("sources", ())))
            for u in data.get("untold", ())
        ),
        own_copies=tuple(
            OwnCopy(o.get("outlet", ""), o.get("url", ""), parse_time(o.get("published")), o.get("why", ""))
            for o in data.get("own_copies", ())
        ),
    )
