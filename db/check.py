"""A check against the library: the pipeline's pure stages fed with candidates from the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from verifier import analyse, check_claims, salient_terms
from verifier.types import CheckResult, Document

if TYPE_CHECKING:
    from .store import Store


def run_check(store: Store, story: Document, *, save: bool = True) -> tuple[int | None, CheckResult]:
    """Check ``story`` against the reports that share its names; returns (history id or None, result)."""
    analysis = analyse(story.text)
    candidates = store.candidates(analysis.claims, terms=salient_terms(story.text), published=story.published)
    findings = check_claims(analysis.claims, candidates, story_published=story.published)
    result = CheckResult(
        # Claim spans index the cleaned text, so that is the text the result must carry.
        story=replace(story, text=analysis.text),
        findings=tuple(findings),
        sources=len({c.report.id for c in candidates}),
        checked_at=datetime.now(UTC),
    )
    return (store.save_check(result) if save else None), result
