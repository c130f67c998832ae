"""A check against the library: the pipeline's pure stages fed with candidates from the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from verifier import analyse, salient_terms
from verifier.intake import check_input_size
from verifier.match import UNTOLD_KINDS, check_analysed
from verifier.rerun import RerunDiff, compare
from verifier.types import CheckResult, Claim, Document

from .store import DATED_WINDOW_DAYS, UNDATED_WINDOW_DAYS

if TYPE_CHECKING:
    from .store import Store


# The reports that share most of a story's names are the ones about its event; a few hundred cover
# every outlet's versions of one event, and more only costs matching time.
MAX_CANDIDATE_REPORTS = 200
# With this many names in a story, a candidate report must share two of them (the place and the group).
MIN_TERMS_FOR_TWO = 4


def run_check(store: Store, story: Document, *, save: bool = True) -> tuple[int | None, CheckResult]:
    """Check ``story`` against the reports that share its names; returns (history id or None, result).

    A story over the store's input limit is refused (``InputError``) before any work is done.
    """
    check_input_size(story.text, name=story.origin or "the story", max_chars=store.settings.max_input_chars)
    analysis = analyse(story.text)
    terms = salient_terms(analysis.text)
    min_shared = 2 if len(terms) >= MIN_TERMS_FOR_TWO else 1
    # every kind the sources may hold, so that arrests or a claim of responsibility the story leaves
    # out can be listed as what the sources say that the story does not
    wanted = [*analysis.claims, *(Claim(id="", kind=kind, value=None, sentence="", span=(0, 0)) for kind in sorted(UNTOLD_KINDS))]
    candidates = store.candidates(
        wanted,
        terms=terms,
        published=story.published or story.placed,
        # a dateline gives a day, not a moment: the incident's own reports come within the few days an
        # undated story is allowed, so the city's other attacks of the fortnight stay out
        window_days=UNDATED_WINDOW_DAYS if story.published is None and story.placed else DATED_WINDOW_DAYS,
        max_reports=MAX_CANDIDATE_REPORTS,
        min_shared=min_shared,
    )
    result = check_analysed(
        story,
        analysis,
        candidates,
        sources=len({c.report.id for c in candidates}),
        settings={
            "library": store.url,
            "terms": terms,
            "min_shared_terms": min_shared,
            "max_candidate_reports": MAX_CANDIDATE_REPORTS,
        },
    )
    return (store.save_check(result) if save else None), result


@dataclass(frozen=True)
class Rerun:
    """A saved check and the same story checked against today's library, with what changed."""

    check_id: int
    saved: CheckResult
    now: CheckResult
    diff: RerunDiff
    saved_as: int | None = None  # the new check's id, when the re-run was saved to the history


def rerun_check(store: Store, check_id: int, *, save: bool = False) -> Rerun:
    """Check the story of saved check ``check_id`` again, against the library as it is now.

    The saved check stays as it was (its decisions are about it); ``save=True`` keeps the re-run
    as a new check in the history.
    """
    saved = store.get_check(check_id)
    new_id, now = run_check(store, saved.story, save=save)
    return Rerun(check_id, saved, now, compare(saved, now), new_id)
