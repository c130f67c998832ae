"""Matching: a story's claims against candidate claims from reference reports -> findings.

Pure functions in stages (the store only supplies candidates):

1. same fact: same kind and stance class, compatible actor, same event. A claim whose sentence is
   anchored in another time ("On 2 November...", "in recent weeks") is background: it is only
   compared with background claims that read alike;
2. relation per candidate: ranges that overlap agree; ones that don't conflict. Publication time
   turns disagreement into history: an earlier figure that a later report changed is *superseded*
   (shown, never a conflict), and a later figure that differs from the story *updates* it;
3. attribution: the same actor with the same stance agrees, "claimed" against "denied" conflicts,
   anything else said about the event is context;
4. verdict per claim with its evidence, a reason an editor can read, and the consensus range;
   near-identical sentences from several outlets are one wire copy, counted once.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from rapidfuzz import fuzz, process

from .claims import Analysis, analyse, extract_claims
from .facts import (
    BACKGROUND_SIMILARITY,
    MIN_SIMILARITY,
    OTHER_EVENT_DAYS,
    actors_compatible,
    is_background,
    same_fact,
    story_names,
)
from .numbers import APPROX_TOLERANCE
from .reasons import closeness, fmt_number, reason
from .types import CheckResult, Claim, Document, Evidence, Finding, Range, Report, SourceClaim

# Sentences this similar (token-sort ratio, 0-100) from different outlets are one wire copy.
WIRE_COPY_SIMILARITY = 90
# Outlets rated at least this reliable (0-1, set by the newsroom per outlet) give the consensus its low end.
RELIABLE = 0.5


@dataclass(frozen=True)
class _Candidate:
    source: SourceClaim
    similarity: float
    background: bool


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _numeric_relation(story: Claim, other: Claim, story_time: datetime | None, other_time: datetime | None) -> str:
    assert story.value is not None and other.value is not None
    if story.value.overlaps(other.value):
        return "agrees"
    if story_time and other_time and other_time > story_time:
        return "updates"
    return "conflicts"


def _earlier_lower(story: Claim, other: Claim, story_time: datetime | None, other_time: datetime | None) -> bool:
    """A figure published before the story and below it: tolls rise, so the story may simply be newer."""
    if not (story_time and other_time and other_time < story_time and story.value and other.value):
        return False
    return story.value.low is not None and other.value.high is not None and other.value.high < story.value.low


_WHOLE_DENIAL = re.compile(
    r"^(?:$|any\b|all\b|the (?:attack|accusation|allegation|claim|charge|blame)|that\b|(?:\w+ )?(?:involvement|role|responsibility|part|link|connection|"
    r"being behind|carrying out|accusations?|allegations?|claims?|charges?|blame))",
    re.IGNORECASE,
)


def _denies_the_act(what: str) -> bool:
    """A denial of the act itself (involvement, responsibility, the accusation), not of one detail."""
    return bool(_WHOLE_DENIAL.match(what.strip()))


def _attribution_relation(story: Claim, other: Claim) -> str:
    if not actors_compatible(story.actor, other.actor):
        return "context"
    if story.stance == other.stance:
        return "agrees"
    if {story.stance, other.stance} == {"claimed", "denied"}:
        denial = story if story.stance == "denied" else other
        # "denied hitting residential buildings" is not a denial of the attack it claimed
        return "conflicts" if _denies_the_act(denial.noun) else "context"
    return "context"


def _superseded(cands: list[_Candidate]) -> set[int]:
    """Indexes of figures that a later report changed (their ranges don't meet the later figure).

    One pass from the latest report back keeps the highest low and the lowest high seen later, so
    a figure is superseded when a later one lies wholly above or below it: O(n log n), not O(n^2).
    """
    dated = sorted(
        ((t, i, v) for i, c in enumerate(cands) if (t := _aware(c.source.report.published)) and (v := c.source.claim.value)),
        key=lambda x: x[0],
        reverse=True,
    )
    out: set[int] = set()
    later_low, later_high = -math.inf, math.inf
    group_low, group_high = -math.inf, math.inf
    group_time: datetime | None = None
    for t, i, v in dated:
        if t != group_time:
            later_low, later_high = max(later_low, group_low), min(later_high, group_high)
            group_low, group_high, group_time = -math.inf, math.inf, t
        if (v.high is not None and later_low > v.high) or (v.low is not None and later_high < v.low):
            out.add(i)
        group_low = max(group_low, v.low if v.low is not None else -math.inf)
        group_high = min(group_high, v.high if v.high is not None else math.inf)
    return out


@dataclass(frozen=True)
class _Judged:
    """A candidate with its relation to the story claim, before it becomes Evidence."""

    cand: _Candidate
    relation: str
    note: str = ""

    @property
    def claim(self) -> Claim:
        return self.cand.source.claim

    @property
    def report(self) -> Report:
        return self.cand.source.report


def _one_per_report(judged: list[_Judged]) -> list[_Judged]:
    """A report that repeats a figure (headline and body) is one piece of evidence for it."""
    best: dict[tuple[object, ...], _Judged] = {}
    for j in judged:
        r, c = j.report, j.claim
        key = (r.id, r.outlet, r.url, r.published, c.value, c.stance, c.actor.lower(), j.relation)
        if key not in best or j.cand.similarity > best[key].cand.similarity:
            best[key] = j
    return list(best.values())


def _evidence_list(judged: list[_Judged]) -> list[Evidence]:
    """Evidence in time order; later near-identical sentences from other outlets are wire copies.

    A wire copy carries the same figure and stance, so only evidence alike in those is compared.
    """
    latest = datetime.max.replace(tzinfo=UTC)
    ordered = sorted(judged, key=lambda j: (_aware(j.report.published) or latest, j.report.outlet))
    kept: dict[tuple[object, ...], list[str]] = {}
    evidence = []
    for j in ordered:
        c = j.claim
        key = (j.relation, c.value.low if c.value else None, c.value.high if c.value else None, c.stance)
        earlier = kept.setdefault(key, [])
        copy = any(fuzz.token_sort_ratio(c.sentence, k, score_cutoff=WIRE_COPY_SIMILARITY) for k in earlier)
        if not copy:
            earlier.append(c.sentence)
        note = (j.note + "; " if j.note else "") + "wire copy of an earlier report" if copy else j.note
        evidence.append(_evidence(j.cand, j.relation, note, independent=not copy))
    return evidence


def _consensus(evidence: Sequence[Evidence]) -> Range | None:
    """Lowest reliable / best / highest across current independent figures, as conflict-data coders
    record tolls: the low end only from outlets the newsroom rates reliable, so one doubtful low figure
    does not drag the range down."""
    current = [e for e in evidence if e.value and e.independent and e.relation in {"agrees", "conflicts", "updates"}]
    values = [e.value for e in current if e.value]
    if not values:
        return None
    reliable = [e.value for e in current if e.value and e.reliability >= RELIABLE] or values
    lows = [v.low for v in reliable if v.low is not None]
    highs = [v.high for v in values if v.high is not None]
    bests = [b for v in values if (b := v.best) is not None]
    best = statistics.median(bests) if bests else None
    low = min(lows) if lows else None
    high = max(highs) if len(highs) == len(values) else None
    return Range(low, high, "consensus", f"best {fmt_number(best)}" if best is not None else "")


def _finding(
    claim: Claim,
    cands: Sequence[_Candidate],
    story_time: datetime | None,
    reference_time: datetime | None,
    names: frozenset[str] = frozenset(),
) -> Finding:
    story_bg = is_background(claim.sentence, reference_time)
    same = [c for c in cands if same_fact(claim, c.source.claim, story_background=story_bg, other_background=c.background, similarity=c.similarity, story_names=names)]
    judged: list[_Judged] = []
    if claim.kind == "responsibility":
        judged = [_Judged(c, _attribution_relation(claim, c.source.claim)) for c in same]
    else:
        if claim.value is None:
            return Finding(claim, "unverified", "no figure to compare")
        superseded = _superseded(same)
        for i, c in enumerate(same):
            o = c.source.claim
            if o.value is None:
                continue
            relation = _numeric_relation(claim, o, story_time, _aware(c.source.report.published))
            note = closeness(claim.value, o.value) if claim.value.qualifier == "approx" else ""
            if i in superseded and relation != "agrees":
                relation, note = "superseded", "a later report gave a different figure"
            elif relation == "conflicts" and _earlier_lower(claim, o, story_time, _aware(c.source.report.published)):
                relation, note = "superseded", "an earlier, lower figure: the story's may be newer"
            judged.append(_Judged(c, relation, note))
    evidence = _evidence_list(_one_per_report(judged))
    relations = {e.relation for e in evidence}
    if relations & {"conflicts", "updates"}:
        verdict = "conflicts"
    elif "agrees" in relations:
        verdict = "agrees"
    else:
        verdict = "unverified"
    consensus = _consensus(evidence) if claim.kind != "responsibility" else None
    return Finding(claim, verdict, reason(claim, verdict, evidence), tuple(evidence), consensus)


def _evidence(c: _Candidate, relation: str, note: str = "", *, independent: bool = True) -> Evidence:
    report, claim = c.source.report, c.source.claim
    return Evidence(
        outlet=report.outlet,
        url=report.url,
        published=_aware(report.published),
        sentence=claim.sentence,
        value=claim.value,
        relation=relation,
        similarity=c.similarity,
        note=note,
        stance=claim.stance,
        actor=claim.actor,
        report_id=report.id,
        independent=independent,
        reliability=report.reliability,
    )


def _reference_time(candidates: Sequence[SourceClaim]) -> datetime | None:
    """When the story has no date, its sources' median date places "in March" or "last week"."""
    times = sorted(t for sc in candidates if (t := _aware(sc.report.published)) is not None)
    return times[len(times) // 2] if times else None


def matcher_settings() -> dict[str, float]:
    """The tolerances a check was decided with, saved beside it so an old verdict can be explained."""
    return {
        "approx_tolerance": APPROX_TOLERANCE,
        "min_similarity": MIN_SIMILARITY,
        "background_similarity": BACKGROUND_SIMILARITY,
        "wire_copy_similarity": WIRE_COPY_SIMILARITY,
        "other_event_days": OTHER_EVENT_DAYS,
        "reliable": RELIABLE,
    }


def check_claims(
    claims: Sequence[Claim],
    candidates: Sequence[SourceClaim],
    *,
    story_published: datetime | None = None,
    story_text: str = "",
) -> list[Finding]:
    """A finding per story claim, decided by the candidates that speak to the same fact."""
    story_time = _aware(story_published)
    reference_time = story_time or _reference_time(candidates)
    by_kind: dict[str, list[SourceClaim]] = {}
    for sc in candidates:
        by_kind.setdefault(sc.claim.kind, []).append(sc)
    bg_cache: dict[tuple[str, datetime | None], bool] = {}

    def background(sc: SourceClaim) -> bool:
        key = (sc.claim.sentence, sc.report.published)
        if key not in bg_cache:
            bg_cache[key] = is_background(sc.claim.sentence, _aware(sc.report.published))
        return bg_cache[key]

    similarity = _similarities(claims, by_kind)
    names = story_names(story_text)
    findings = []
    for claim in claims:
        pool = by_kind.get(claim.kind, [])
        row = similarity[claim.sentence]
        cands = [_Candidate(sc, row[sc.claim.sentence], background(sc)) for sc in pool]
        findings.append(_finding(claim, cands, story_time, reference_time, names))
    return findings


def _similarities(claims: Sequence[Claim], by_kind: dict[str, list[SourceClaim]]) -> dict[str, dict[str, float]]:
    """Token-set similarity of every story sentence to every candidate sentence, in one C call.

    Many claims share a sentence, so each distinct pair is scored once.
    """
    story = list(dict.fromkeys(c.sentence for c in claims))
    wanted = {c.kind for c in claims}
    sources = list(dict.fromkeys(sc.claim.sentence for kind in wanted for sc in by_kind.get(kind, [])))
    table: dict[str, dict[str, float]] = {s: {} for s in story}
    if story and sources:
        matrix = process.cdist(story, sources, scorer=fuzz.token_set_ratio)
        for i, s in enumerate(story):
            table[s] = dict(zip(sources, matrix[i].tolist(), strict=True))
    return table


def check_analysed(
    story: Document,
    analysis: Analysis,
    candidates: Sequence[SourceClaim],
    *,
    sources: int,
    settings: dict[str, object] | None = None,
    now: datetime | None = None,
) -> CheckResult:
    """The check of an analysed story against candidate claims, wherever they came from (memory or store)."""
    findings = check_claims(
        analysis.claims, candidates, story_published=story.published, story_text=f"{story.title}\n{analysis.text}"
    )
    return CheckResult(
        # Claim spans index the cleaned text, so that is the text the result must carry.
        story=replace(story, text=analysis.text),
        findings=tuple(findings),
        sources=sources,
        checked_at=now or datetime.now(UTC),
        settings={**matcher_settings(), **(settings or {})},
    )


def check_story(story: Document, reports: Sequence[Report], *, now: datetime | None = None) -> CheckResult:
    """Check a story against reports held in memory (claims are extracted where a report has none)."""
    candidates = [
        SourceClaim(claim, report)
        for report in reports
        for claim in (report.claims or tuple(extract_claims(report.text)))
    ]
    return check_analysed(story, analyse(story.text), candidates, sources=len(reports), now=now)


__all__ = ["check_analysed", "check_claims", "check_story", "matcher_settings"]
