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
# What an editor needs beside the verdict: a conflict is a later ``updated`` figure or a same-moment
# ``contradicted`` one; an agreement is ``confirmed`` or only ``partial`` (an open bound, a sub-group).
STATUSES: tuple[str, ...] = ("contradicted", "updated", "confirmed", "partial", "unverified")


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
    # What intake read past instead of refusing the whole input (a bad Published: header), for the editor.
    warnings: tuple[str, ...] = ()
    # A dateline in the text ("Posted Dec 30, 2023") when no header dates the document, and when it
    # says the story appeared. It places the story among its sources (the library's time window); it
    # does not date its figures: a dateline's time is often missing or in a zone nobody can pin down
    # ("CST", "IST"), and "a later report updates the story" needs the moment the story appeared, which
    # only a Published: header or the app's field (given by the editor) says.
    dateline: str = ""
    placed: datetime | None = None


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
    partial: bool = False  # supports only part of the story's figure (an open bound, a sub-group)
    attributed_to: str = ""

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
            "partial": self.partial,
            "attributed_to": self.attributed_to,
        }


def _source(e: Evidence | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "value": e.value.to_dict() if e.value else None,
        "outlet": e.outlet,
        "url": e.url,
        "published": e.published.isoformat() if e.published else None,
        "sentence": e.sentence,
    }


@dataclass(frozen=True)
class Finding:
    """A story claim's verdict. ``status`` says what kind of agreement or conflict it is (``STATUSES``);
    ``current`` is the latest current figure and who gave it; ``newer`` the later figure that
    updated the story's, when the conflict is an update."""

    claim: Claim
    verdict: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    consensus: Range | None = None
    status: str = ""
    current: Evidence | None = None
    newer: Evidence | None = None

    @property
    def state(self) -> str:
        """The status, or for a finding saved before statuses existed, the one its verdict implies."""
        if self.status:
            return self.status
        if self.verdict == "conflicts":
            return "updated" if all(e.relation != "conflicts" for e in self.evidence) else "contradicted"
        return {"agrees": "confirmed"}.get(self.verdict, "unverified")

    def to_dict(self) -> dict[str, Any]:
        data = self.claim.to_dict()
        data.update(
            verdict=self.verdict,
            status=self.state,
            reason=self.reason,
            evidence=[e.to_dict() for e in self.evidence],
            consensus=self.consensus.to_dict() if self.consensus else None,
            current=_source(self.current),
            newer=_source(self.newer),
        )
        return data


@dataclass(frozen=True)
class Untold:
    """A claim of the story's incident that the references make and the story does not (a claim of
    responsibility, a higher toll, arrests), with the reports that make it, earliest first."""

    claim: Claim
    sources: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "kind": c.kind,
            "value": c.value.to_dict() if c.value else None,
            "noun": c.noun,
            "actor": c.actor,
            "stance": c.stance,
            "sentence": c.sentence,
            "sources": [_source(e) for e in self.sources],
        }


@dataclass(frozen=True)
class OwnCopy:
    """A library report that is the story itself (its URL, its text, or near-identical text): never
    evidence for the story, listed so the editor sees why it was left out."""

    outlet: str
    url: str
    published: datetime | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "why": self.why,
        }


@dataclass(frozen=True)
class CheckResult:
    story: Document
    findings: tuple[Finding, ...]
    sources: int = 0
    checked_at: datetime | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    untold: tuple[Untold, ...] = ()
    own_copies: tuple[OwnCopy, ...] = ()

    @property
    def dated_by_check(self) -> bool:
        """The story gave no date, so its figures were read as current at ``checked_at``."""
        return self.story.published is None

    @property
    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in VERDICTS}
        for f in self.findings:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        counts["claims"] = len(self.findings)
        counts["sources"] = self.sources
        return counts

    @property
    def statuses(self) -> dict[str, int]:
        """How many findings are in each of ``STATUSES``."""
        counts = {s: 0 for s in STATUSES}
        for f in self.findings:
            counts[f.state] = counts.get(f.state, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": {
                "title": self.story.title,
                "url": self.story.url,
                "outlet": self.story.outlet,
                "published": self.story.published.isoformat() if self.story.published else None,
                "dated_by": "checked_at" if self.dated_by_check else "story",
                "dateline": self.story.dateline or None,
                "placed": self.story.placed.isoformat() if self.story.placed else None,
                "text": self.story.text,
            },
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
            "claims": [f.to_dict() for f in self.findings],
            "untold": [u.to_dict() for u in self.untold],
            "own_copies": [o.to_dict() for o in self.own_copies],
            "summary": self.summary,
            "statuses": self.statuses,
        }
