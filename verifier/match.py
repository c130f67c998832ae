"""Matching: story claims + candidate source claims -> findings. (Being written.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .types import CheckResult, Claim, Document, Finding, Report, SourceClaim


def check_claims(
    claims: Sequence[Claim], candidates: Sequence[SourceClaim], *, story_published: datetime | None = None
) -> list[Finding]:
    return [Finding(c, "unverified", "no source speaks to this fact") for c in claims]


def check_story(story: Document, reports: Sequence[Report]) -> CheckResult:
    raise NotImplementedError
