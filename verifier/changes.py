"""What moved in a watched story: its findings now against the states it was watched with (pure).

A change is a claim whose state moved (say ``confirmed`` or ``unverified`` to ``updated`` when a
later report raises the toll), listed with the new figure, who gave it and when, and a line the
editor can start the update with, in house style: "The toll has risen to 18, the health ministry
said on Saturday." A change stays listed until an editor dismisses it (``db.feeds``, recorded in
the audit log) or a later change of the same claim takes its place (``merge``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime

from .types import Evidence, Finding, Range

# The findings that call for an update line: the story's figure is no longer the current one.
MOVED_TO_UPDATE = frozenset({"updated", "contradicted"})


@dataclass(frozen=True)
class Change:
    """One claim of a watched story whose state moved since it was last looked at."""

    kind: str
    story_sentence: str
    before: str
    after: str
    figure: str = ""
    who: str = ""
    when: datetime | None = None
    url: str = ""
    suggestion: str = ""
    key: str = ""  # the claim's place in its story (``finding_key``): what a dismissal names

    def to_json(self) -> dict[str, object]:
        """Plain JSON values (the time as ISO 8601), as stored and as the audit log records it."""
        return {**asdict(self), "when": self.when.isoformat() if self.when else None}

    @classmethod
    def from_json(cls, fields: dict[str, object]) -> Change:
        """A change as ``to_json`` wrote it; one stored before changes had keys gets one from its claim."""
        known = {name: value for name, value in fields.items() if name in cls.__dataclass_fields__}
        when = known.get("when")
        change = cls(**{**known, "when": datetime.fromisoformat(when) if isinstance(when, str) else None})  # type: ignore[arg-type]
        return change if change.key else replace(change, key=f"{change.kind}:{change.story_sentence}")


def finding_key(finding: Finding) -> str:
    """A finding's place in its story: the story's text does not change, so kind and span name it."""
    start, end = finding.claim.span
    return f"{finding.claim.kind}:{start}:{end}"


def states(findings: tuple[Finding, ...]) -> dict[str, str]:
    """Each finding's state by its key: what a watched story is compared with next time."""
    return {finding_key(f): f.state for f in findings}


def changes(before: dict[str, str], findings: tuple[Finding, ...]) -> list[Change]:
    """The findings whose state is not what ``before`` says (a claim new to ``before`` counts as moved)."""
    moved: list[Change] = []
    for f in findings:
        was = before.get(finding_key(f), "unverified")
        if f.state == was:
            continue
        source = f.newer or f.current
        moved.append(
            Change(
                kind=f.claim.kind,
                story_sentence=f.claim.sentence,
                before=was,
                after=f.state,
                figure=_figure(source.value) if source else "",
                who=_who(source) if source else "",
                when=source.published if source else None,
                url=source.url if source else "",
                suggestion=suggested_line(f.claim.kind, source, f.claim.value) if source and f.state in MOVED_TO_UPDATE else "",
                key=finding_key(f),
            )
        )
    return moved


def merge(listed: list[Change], moved: list[Change]) -> list[Change]:
    """The changes to list after a re-check: the new ones, then those still listed from before
    (not dismissed) whose claim did not move again; a claim's newer change takes its older one's place.

    >>> old, new = Change("killed", "s", "confirmed", "updated", "18", key="k"), Change("killed", "s", "updated", "updated", "21", key="k")
    >>> [c.figure for c in merge([old], [new])]
    ['21']
    """
    again = {change.key for change in moved}
    return [*moved, *(change for change in listed if change.key not in again)]


def _figure(value: Range | None) -> str:
    if value is None or value.low is None:
        return value.text if value else ""
    if value.high == value.low:
        return f"{value.low:g}"
    return value.text or f"{value.low:g}"


def _who(evidence: Evidence) -> str:
    return evidence.attributed_to or evidence.outlet


_WHAT = {"killed": "The toll", "injured": "The number of wounded", "arrested": "The number of arrests"}


def suggested_line(kind: str, evidence: Evidence, story_value: Range | None = None) -> str:
    """The update's first line: the new figure, who gave it, and the day ('' for a claim with no figure).

    >>> from datetime import UTC
    >>> e = Evidence("Wire", "", datetime(2025, 6, 14, 15, tzinfo=UTC), "", Range(18, 18), "updates", 1.0,
    ...              attributed_to="the health ministry")
    >>> suggested_line("killed", e, Range(12, 12))
    'The toll has risen to 18, the health ministry said on Saturday.'
    """
    figure = _figure(evidence.value)
    if not figure:
        return ""
    old = story_value.low if story_value else None
    new = evidence.value.low if evidence.value else None
    moved = "has fallen to" if old is not None and new is not None and new < old else "has risen to"
    if old is None or new is None:
        moved = "is now"
    day = f" on {evidence.published.strftime('%A')}" if evidence.published else ""
    return f"{_WHAT.get(kind, 'The figure')} {moved} {figure}, {_who(evidence)} said{day}."
