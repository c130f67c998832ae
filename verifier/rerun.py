"""What changed between a saved check and the same story checked again today (pure).

Re-running a saved check against today's library shows the reports that now speak to the story and
did not then, those that no longer do (deleted), and each finding whose verdict or status moved,
matched by its place in the story (``verifier.changes.finding_key``: the story's text is the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .changes import finding_key
from .types import CheckResult, Evidence


@dataclass(frozen=True)
class SourceSeen:
    """A report as a check's evidence names it: outlet, address and time (saved checks keep no ids)."""

    outlet: str
    url: str
    published: datetime | None


@dataclass(frozen=True)
class VerdictMove:
    """One finding whose verdict or status is not what it was."""

    number: int  # as the check numbers its findings, from 1
    claim_id: str
    kind: str
    sentence: str
    verdict_before: str
    verdict_after: str
    status_before: str
    status_after: str
    reason: str


@dataclass(frozen=True)
class RerunDiff:
    new_sources: tuple[SourceSeen, ...]
    gone_sources: tuple[SourceSeen, ...]
    moves: tuple[VerdictMove, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.new_sources or self.gone_sources or self.moves)


def _sources(result: CheckResult) -> dict[SourceSeen, None]:
    seen: dict[SourceSeen, None] = {}
    evidence: list[Evidence] = [e for f in result.findings for e in f.evidence]
    evidence += [e for u in result.untold for e in u.sources]
    for e in evidence:
        seen.setdefault(SourceSeen(e.outlet, e.url, e.published), None)
    return seen


def compare(before: CheckResult, after: CheckResult) -> RerunDiff:
    """The difference from ``before`` (the saved check) to ``after`` (the same story checked now)."""
    was, now = _sources(before), _sources(after)
    earlier = {finding_key(f): f for f in before.findings}
    moves = []
    for n, f in enumerate(after.findings, 1):
        old = earlier.get(finding_key(f))
        old_verdict, old_status = (old.verdict, old.state) if old else ("", "")
        if (old_verdict, old_status) != (f.verdict, f.state):
            moves.append(VerdictMove(n, f.claim.id, f.claim.kind, f.claim.sentence, old_verdict, f.verdict, old_status, f.state, f.reason))
    return RerunDiff(
        new_sources=tuple(s for s in now if s not in was),
        gone_sources=tuple(s for s in was if s not in now),
        moves=tuple(moves),
    )
