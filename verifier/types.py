"""The typed values that flow through the pipeline: intake -> claims -> matching -> report.

All are frozen dataclasses so that stages can share them without defensive copies, and each has a
``to_dict`` that gives the JSON contract of ``../shared/eval/README.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Kind = Literal["killed", "injured", "arrested", "troops", "munitions", "responsibility", "figure"]
KINDS: tuple[str, ...] = ("killed", "injured", "arrested", "troops", "munitions", "responsibility", "figure")
Verdict = Literal["agrees", "conflicts", "unverified"]
VERDICTS: tuple[str, ...] = ("agrees", "conflicts", "unverified")
Relation = Literal["agrees", "conflicts", "updates", "superseded", "context"]


def _finite(x: float | None) -> float | None:
    if x is None or math.isinf(x) or math.isnan(x):
        return None
    return x


@dataclass(frozen=True)
class Range:
    """A number as the words allow it: ``low``/``high`` of None are open bounds.

    ``qualifier`` names the wording class (``exact``, ``at_least``, ``more_than``, ``at_most``,
    ``less_than``, ``approx``, ``between``, ``vague``) and ``text`` keeps the original words, so an
    editor always sees what the source actually said beside the number we read.
    """

    low: float | None
    high: float | None
    qualifier: str = "exact"
    text: str = ""

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def best(self) -> float | None:
        """A single representative figure (the exact value, the midpoint, or the known bound)."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    def overlaps(self, other: Range) -> bool:
        lo = max(self.low if self.low is not None else -math.inf, other.low if other.low is not None else -math.inf)
        hi = min(self.high if self.high is not None else math.inf, other.high if other.high is not None else math.inf)
        return lo <= hi

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def to_dict(self) -> dict[str, Any]:
        return {"low": _finite(self.low), "high": _finite(self.high), "qualifier": self.qualifier, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Range:
        return cls(data.get("low"), data.get("high"), data.get("qualifier", "exact"), data.get("text", ""))


@dataclass(frozen=True)
class NumberMention:
    """A number phrase found in text.

    ``category`` says what sort of number it is: ``count`` (people, troops, rockets),
    ``percent``, ``money``, ``measure`` (with ``unit``), or the non-counts that must never become
    figures: ``year``, ``date``, ``time``, ``ordinal``, ``identifier``.
    """

    start: int
    end: int
    value: Range
    category: str = "count"
    unit: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def text(self) -> str:
        return self.value.text


@dataclass(frozen=True)
class Claim:
    """One checkable statement of a story or a reference report.

    ``span`` indexes the cleaned text the claim was extracted from (the figure's words, or the
    attribution verb phrase); ``sentence_span`` indexes the whole sentence.
    """

    id: str
    kind: str
    value: Range | None
    sentence: str
    span: tuple[int, int]
    sentence_span: tuple[int, int] = (0, 0)
    noun: str = ""
    actor: str = ""
    stance: str = ""
    attributed_to: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "value": self.value.to_dict() if self.value else None,
            "noun": self.noun,
            "actor": self.actor,
            "stance": self.stance,
            "attributed_to": self.attributed_to,
            "sentence": self.sentence,
            "span": list(self.span),
            "sentence_span": list(self.sentence_span),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        value = data.get("value")
        return cls(
            id=str(data.get("id", "")),
            kind=data["kind"],
            value=Range.from_dict(value) if value else None,
            sentence=data.get("sentence", ""),
            span=tuple(data.get("span") or (0, 0)),  # type: ignore[arg-type]
            sentence_span=tuple(data.get("sentence_span") or (0, 0)),  # type: ignore[arg-type]
            noun=data.get("noun", ""),
            actor=data.get("actor", ""),
            stance=data.get("stance", ""),
            attributed_to=data.get("attributed_to", ""),
        )


@dataclass(frozen=True)
class Document:
    """A story or report after intake: cleaned-up main text plus what we know about it."""

    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    published: datetime | None = None
    origin: str = ""  # file path, URL or "pasted"; for messages only


@dataclass(frozen=True)
class Report:
    """A reference report as the matcher sees it: a document and its extracted claims."""

    outlet: str
    text: str
    url: str = ""
    title: str = ""
    published: datetime | None = None
    claims: tuple[Claim, ...] = ()
    id: int | None = None
    reliability: float = 1.0


@dataclass(frozen=True)
class SourceClaim:
    """A stored claim with the report it came from: what the store hands the matcher."""

    claim: Claim
    report: Report


@dataclass(frozen=True)
class Evidence:
    outlet: str
    url: str
    published: datetime | None
    sentence: str
    value: Range | None
    relation: str
    similarity: float
    note: str = ""
    stance: str = ""
    actor: str = ""
    report_id: int | None = None
    independent: bool = True
    reliability: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sentence": self.sentence,
            "value": self.value.to_dict() if self.value else None,
            "relation": self.relation,
            "similarity": round(self.similarity, 1),
            "note": self.note,
            "stance": self.stance,
            "actor": self.actor,
            "independent": self.independent,
            "reliability": self.reliability,
        }


@dataclass(frozen=True)
class Finding:
    claim: Claim
    verdict: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    consensus: Range | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.claim.to_dict()
        data.update(
            verdict=self.verdict,
            reason=self.reason,
            evidence=[e.to_dict() for e in self.evidence],
            consensus=self.consensus.to_dict() if self.consensus else None,
        )
        return data


@dataclass(frozen=True)
class CheckResult:
    story: Document
    findings: tuple[Finding, ...]
    sources: int = 0
    checked_at: datetime | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in VERDICTS}
        for f in self.findings:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        counts["claims"] = len(self.findings)
        counts["sources"] = self.sources
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": {
                "title": self.story.title,
                "url": self.story.url,
                "outlet": self.story.outlet,
                "published": self.story.published.isoformat() if self.story.published else None,
                "text": self.story.text,
            },
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
            "claims": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
