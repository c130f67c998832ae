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
    INCIDENT,
    MIN_SIMILARITY,
    OTHER_EVENT_DAYS,
    PARTIAL,
    actors_compatible,
    days_apart,
    fact_link,
    incident_day,
    incident_signature,
    is_background,
    named_days,
    other_end,
    other_incident,
    story_names,
    told_as_earlier,
)
from .numbers import APPROX_TOLERANCE
from .reasons import closeness, fmt_number, reason
from .types import (
    CheckResult,
    Claim,
    Document,
    Evidence,
    Finding,
    OwnCopy,
    Range,
    Report,
    SourceClaim,
    Untold,
)

# Sentences this similar (token-sort ratio, 0-100) from different outlets are one wire copy.
WIRE_COPY_SIMILARITY = 90
# Outlets rated at least this reliable (0-1, set by the newsroom per outlet) give the consensus its low end.
RELIABLE = 0.5


# A library report whose claim sentences are this much (Jaccard, 0-1) the story's own is the story's copy.
OWN_COPY_OVERLAP = 0.9
# Figures of an incident itself, told apart from other incidents by the day it happened.
INCIDENT_KINDS = frozenset({"killed", "injured", "munitions"})
# A report that names no day of its own, published more than this many days after the story's incident, is
# possibly about another incident in the same place (a later toll usually says "Saturday's attack").
LATE_REPORT_DAYS = 3
# At most this many claims the sources make and the story does not are listed per check.
MAX_UNTOLD = 20
UNTOLD_KINDS = frozenset({"killed", "injured", "arrested", "troops", "munitions", "responsibility"})


@dataclass(frozen=True)
class _Candidate:
    source: SourceClaim
    similarity: float
    background: bool
    incident: frozenset[str] = frozenset()
    day: datetime | None = None  # the day the claim's incident happened, when its words or its lead say
    lead_day: datetime | None = None  # the day its report's lead says its incident happened


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
    r"^(?:$|any\b|all\b|the (?:attack|accusation|allegation|claim|charge|blame)|"
    # "denied that it was behind the attack", not "denied that the strike hit civilian targets"
    r"that\b(?=[^.;]{0,60}\b(?:behind|responsib\w*|involve\w*|carr(?:y|ied) out|role|part in|links?|to blame)\b)|"
    r"(?:\w+ )?(?:involvement|role|responsibility|part|link|connection|"
    r"being behind|carrying out|accusations?|allegations?|claims?|charges?|blame))",
    re.IGNORECASE,
)


def _denies_the_act(what: str) -> bool:
    """A denial of the act itself (involvement, responsibility, the accusation), not of one detail."""
    return bool(_WHOLE_DENIAL.match(what.strip()))


# What a blame is laid on when it names no party: "blamed the killings on ...", "blamed the heavy loss".
_NOT_A_PARTY = re.compile(
    r"^(?:(?:for|the|an?|this|that|its|their|sunday's|monday's|tuesday's|wednesday's|thursday's|friday's|saturday's)\s+)*"
    r"(?:\w+\s+)?(?:attacks?|killings?|bombings?|blasts?|strikes?|incidents?|deaths?|violence|loss|losses|explosions?|"
    r"massacres?|assaults?|shootings?|crush|stampede|fire|collapse|tragedy)\b",
    re.IGNORECASE,
)


def _target(claim: Claim) -> str:
    """Whom a blame is laid on ("blamed M23 insurgents"), when the extractor found a party."""
    noun = claim.noun.strip() if claim.stance == "blamed" else ""
    return "" if not noun or _NOT_A_PARTY.match(noun) else noun


def _attribution_relation(story: Claim, other: Claim) -> tuple[str, bool]:
    """Relation and whether the support is only partial.

    The same voice blaming agrees however it names whom it blames ("the rebels", "the Eastern
    Command"); another voice blaming the same party agrees partly ("the army blamed M23" beside "the
    government blames M23"). A party that blames someone else denies its own part: "Israel denied
    responsibility" is partly supported by "Israel blamed a misfired rocket". A blame and the blamed
    party's own claim name the same perpetrator: they agree partly."""
    actors = actors_compatible(story.actor, other.actor)
    if story.stance == other.stance == "blamed" and not actors:
        ts, to = _target(story), _target(other)
        return ("agrees", True) if ts and to and actors_compatible(ts, to) else ("context", False)
    if {story.stance, other.stance} == {"blamed", "claimed"}:
        # "the minister said it was the work of the ELN" beside "the ELN said it was behind the bombing":
        # the same perpetrator named, by others and by itself
        blame, claim = (story, other) if story.stance == "blamed" else (other, story)
        target = _target(blame)
        return ("agrees", True) if target and actors_compatible(target, claim.actor) else ("context", False)
    if not actors:
        return "context", False
    if story.stance == other.stance:
        return "agrees", False
    stances = {story.stance, other.stance}
    if stances == {"claimed", "denied"}:
        denial = story if story.stance == "denied" else other
        # "denied hitting residential buildings" is not a denial of the attack it claimed
        return ("conflicts" if _denies_the_act(denial.noun) else "context"), False
    if stances == {"blamed", "denied"}:
        denial, blame = (story, other) if story.stance == "denied" else (other, story)
        target = _target(blame)
        if _denies_the_act(denial.noun) and target and not actors_compatible(target, denial.actor):
            return "agrees", True
    return "context", False


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
        elif v.high is None and v.low is not None and later_low > v.low:
            out.add(i)  # an early open figure ("at least seven") that a later report raised
        group_low = max(group_low, v.low if v.low is not None else -math.inf)
        group_high = min(group_high, v.high if v.high is not None else math.inf)
    return out


@dataclass(frozen=True)
class _Judged:
    """A candidate with its relation to the story claim, before it becomes Evidence."""

    cand: _Candidate
    relation: str
    note: str = ""
    partial: bool = False

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
        evidence.append(_evidence(j.cand, j.relation, note, independent=not copy, partial=j.partial))
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


# "the group said it fired more than 150 rockets": a party's figure about itself.
_SELF_CLAIM = re.compile(
    r"\b(?:said|says|claimed|claims|announced|boasted)\b(?: that)? (?:it|they|its (?:fighters|forces|units)|their fighters)"
    r" (?:had |has |have )?(?:fired|launched|shot|carried out|killed|captured|downed|destroyed)\b",
    re.IGNORECASE,
)


def _whose(claim: Claim) -> str:
    own = " (its own count)" if _SELF_CLAIM.search(claim.sentence) else ""
    return f"{claim.attributed_to.strip()}{own}"


def _parties(story: Claim, other: Claim) -> str:
    """Say whose figure is whose when one side is a party's count of what it did itself and the
    other side cites someone else ("the group said it fired 150" against the army's 90)."""
    a, b = story.attributed_to.strip(), other.attributed_to.strip()
    if not a or not b or actors_compatible(a, b):
        return ""
    if not (_SELF_CLAIM.search(story.sentence) or _SELF_CLAIM.search(other.sentence)):
        return ""
    return f"a conflict between parties: {_whose(other)} against the story's {_whose(story)}"


def _within(inner: Range, outer: Range) -> bool:
    """Does ``inner`` pin a figure that ``outer`` allows? "10" within "at least 8"; "at least 8" not within "8"."""
    low_ok = outer.low is None or (inner.low is not None and inner.low >= outer.low)
    high_ok = outer.high is None or (inner.high is not None and inner.high <= outer.high)
    return low_ok and high_ok


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _told_apart(story: Claim, other: Claim) -> bool:
    """One of the two figures is an end of "from X to Y" whose other end is the other figure."""
    ends = ((other_end(other), story), (other_end(story), other))
    return any(end is not None and c.value is not None and c.value.overlaps(Range(end, end)) for end, c in ends)


def _judge_figure(
    claim: Claim, linked: list[tuple[_Candidate, str]], story_time: datetime | None, own_time: datetime | None
) -> list[_Judged]:
    """Relations of the figures that speak to the same fact as the story's figure.

    ``story_time`` is the story's date or, without one, the time of the check; only a story's own date
    (``own_time``) makes an earlier, lower figure an old toll the story may have overtaken.
    """
    assert claim.value is not None
    # only figures of this very incident change one another, never a figure of possibly another incident
    own = [i for i, (_, link) in enumerate(linked) if link != INCIDENT]
    superseded = {own[i] for i in _superseded([linked[i][0] for i in own])}
    judged = []
    for i, (c, link) in enumerate(linked):
        o = c.source.claim
        if o.value is None:
            continue
        published = _aware(c.source.report.published)
        relation = _numeric_relation(claim, o, story_time, published)
        note = closeness(claim.value, o.value) if claim.value.qualifier == "approx" else ""
        early_open = o.value.high is None and (o.value.low, o.value.high) != (claim.value.low, claim.value.high)
        if i in superseded and (relation != "agrees" or early_open):
            raised = early_open and relation == "agrees"
            note = "an early open figure that later reports raised" if raised else "a later report gave a different figure"
            relation = "superseded"
        elif relation == "conflicts" and _earlier_lower(claim, o, own_time, published):
            relation, note = "superseded", "an earlier, lower figure: the story's may be newer"
        elif relation in {"conflicts", "updates"} and _told_apart(claim, o):
            relation, note = "context", "the sentence gives both figures: one is the old one, one the new"
        elif relation in {"conflicts", "updates"} and told_as_earlier(o):
            relation, note = "superseded", "the report gives it as an earlier count"
        elif relation in {"conflicts", "updates"} and told_as_earlier(claim):
            relation, note = "superseded", "the story gives its figure as an earlier count"
        if relation in {"conflicts", "updates"}:
            note = _join(note, _parties(claim, o))
        if link == INCIDENT:
            note = _join(note, "possibly another incident")
        partial = link in {PARTIAL, INCIDENT} or (relation == "agrees" and not _within(o.value, claim.value))
        judged.append(_Judged(c, relation, note, partial))
    return judged


def _out_of_reach(day: datetime | None, published: datetime | None, *, late: bool = True) -> bool:
    """A report that names no day cannot be about an incident it predates, nor (``late``), long after
    it, be told from the next incident in the same place: published before the day of the story's
    incident, or more than ``LATE_REPORT_DAYS`` after it."""
    if day is None or published is None:
        return False
    gap = (published.date() - day.date()).days
    return gap < 0 or (late and gap > LATE_REPORT_DAYS)


def _status(verdict: str, evidence: Sequence[Evidence]) -> str:
    """A conflict is an update when every figure against the story came after it; an agreement is
    partial when no support pins the story's figure (an open bound, a sub-group, possibly another incident)."""
    if verdict == "conflicts":
        against = [e for e in evidence if e.relation in {"conflicts", "updates"}]
        return "updated" if all(e.relation == "updates" for e in against) else "contradicted"
    if verdict == "agrees":
        return "confirmed" if any(e.relation == "agrees" and not e.partial for e in evidence) else "partial"
    return "unverified"


def _latest(evidence: Sequence[Evidence], relations: frozenset[str]) -> Evidence | None:
    """The latest independent figure of these relations (the highest of one moment): the best current figure."""
    earliest = datetime.min.replace(tzinfo=UTC)
    pool = [e for e in evidence if e.relation in relations and e.value and e.independent]
    return max(pool, key=lambda e: (e.published or earliest, e.value.best if e.value and e.value.best is not None else 0), default=None)


_CURRENT = frozenset({"agrees", "conflicts", "updates"})


def _finding(
    claim: Claim,
    cands: Sequence[_Candidate],
    story_time: datetime | None,
    reference_time: datetime | None,
    names: frozenset[str] = frozenset(),
    lead: str = "",
    own_time: datetime | None = None,
) -> tuple[Finding, list[_Judged]]:
    story_bg = is_background(claim.sentence, reference_time)
    story_incident = incident_signature(claim.sentence, lead)
    # the day the story's incident happened, read only from its own date: without one, "on Tuesday"
    # could be any Tuesday of the sources' weeks
    lead_day = incident_day(lead, own_time)
    lead_days = named_days(lead, own_time)
    story_day = incident_day(claim.sentence, own_time) or lead_day
    # a story that tells the aftermath of a past incident ("injuries from last month's missile strike
    # now top 100") is about that incident, and so is a source sentence that dates the same incident
    lead_incident = incident_signature(lead)
    aftermath = not story_bg and is_background(lead, reference_time)
    linked = []
    for c in cands:
        if claim.kind in INCIDENT_KINDS:
            if days_apart(story_day, c.day):
                continue  # the two name different days: another incident, not even possibly the same
            elsewhere = other_incident(story_incident, c.incident) or (
                c.day is None and _out_of_reach(lead_day, _aware(c.source.report.published))
            )
        elif claim.kind == "responsibility":
            # a claim or a denial comes days later and its words ("revenge for air strikes") do not
            # name the incident: only the two reports' leads can tell two incidents apart
            published = _aware(c.source.report.published)
            # one lead may date the claim, the other the attack ("claimed on Tuesday ... Sunday's bombing")
            elsewhere = (days_apart(lead_day, c.lead_day) and not (c.lead_day and c.lead_day.date() in lead_days)) or (
                c.lead_day is None and _out_of_reach(lead_day, published, late=False)
            )
        else:  # arrests follow an incident by days; troop levels belong to no incident
            elsewhere = claim.kind == "arrested" and other_incident(story_incident, c.incident)
        other_bg = c.background and not (aftermath and not other_incident(lead_incident, c.incident))
        link = fact_link(
            claim, c.source.claim, story_background=story_bg, other_background=other_bg,
            similarity=c.similarity, story_names=names, other_incident=elsewhere,
        )  # fmt: skip
        if link:
            linked.append((c, link))
    if claim.kind == "responsibility":
        judged = []
        for c, _ in linked:
            relation, partial = _attribution_relation(claim, c.source.claim)
            judged.append(_Judged(c, relation, partial=partial))
    elif claim.value is None:
        return Finding(claim, "unverified", "no figure to compare", status="unverified"), []
    else:
        judged = _judge_figure(claim, linked, story_time, own_time)
    evidence = _outweighed(_evidence_list(_one_per_report(judged)))
    relations = {e.relation for e in evidence}
    if relations & {"conflicts", "updates"}:
        verdict = "conflicts"
    elif "agrees" in relations:
        verdict = "agrees"
    else:
        verdict = "unverified"
    status = _status(verdict, evidence)
    figure = claim.kind != "responsibility"
    consensus = _consensus(evidence) if figure else None
    current = _latest(evidence, _CURRENT) if figure else None
    newer = _latest(evidence, frozenset({"updates"})) if status == "updated" else None
    finding = Finding(claim, verdict, reason(claim, verdict, evidence, status=status, current=current), tuple(evidence), consensus, status, current, newer)
    return finding, judged


# A contradiction of the same moment must read at least about as much like the story's sentence as the
# closest sentence that agrees: when one reads this much closer and agrees, the other figure is most
# likely another fact (another place, group or count in a long report). Calibrated on the events in
# tests/data/real (a1-g1): wrong conflicts had an agreeing sentence a median 20 points closer.
CONFLICT_MARGIN = 10.0


def _outweighed(evidence: list[Evidence]) -> list[Evidence]:
    """Same-moment conflicts from sentences far less like the story's than one that agrees are context:
    "eight killed" in a report that reads like the story's beside "nine killed" in a sentence that
    counts something else. Later updates are never set aside this way: a raised toll is news."""
    agreeing = max((e.similarity for e in evidence if e.relation == "agrees" and not e.partial), default=None)
    if agreeing is None:
        return evidence
    return [
        replace(e, relation="context", note=_join(e.note, "probably another fact: a closer sentence agrees"))
        if e.relation == "conflicts" and e.similarity + CONFLICT_MARGIN <= agreeing
        else e
        for e in evidence
    ]


def _evidence(c: _Candidate, relation: str, note: str = "", *, independent: bool = True, partial: bool = False) -> Evidence:
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
        partial=partial,
        attributed_to=claim.attributed_to,
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


# A lead is at least this long: a headline or "U.S." alone does not say what happened.
LEAD_CHARS = 60


def _lead(text: str, title: str = "") -> str:
    """A report's title and first sentence: what its incident is, for sentences that do not say."""
    lead = ""
    for part in re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", text.strip()[:600]):
        lead = f"{lead} {part}".strip()
        if len(lead) >= LEAD_CHARS:  # "U.S." or a short headline is not yet a first sentence
            break
    return f"{title}\n{lead}".strip()


def check_claims(
    claims: Sequence[Claim],
    candidates: Sequence[SourceClaim],
    *,
    story_published: datetime | None = None,
    story_text: str = "",
    now: datetime | None = None,
) -> list[Finding]:
    """A finding per story claim, decided by the candidates that speak to the same fact.

    A story without a date is read as published ``now`` (the time of the check): its figures are
    taken as current then, so no report is later than it.
    """
    return _check(claims, candidates, story_published=story_published, story_text=story_text, now=now)[0]


def _check(
    claims: Sequence[Claim],
    candidates: Sequence[SourceClaim],
    *,
    story_published: datetime | None,
    story_text: str,
    now: datetime | None,
) -> tuple[list[Finding], list[Untold]]:
    story_time = _aware(story_published) or _aware(now)
    # "in March" and "last week" are placed by the story's own date, else by its sources' dates
    reference_time = _aware(story_published) or _reference_time(candidates)
    by_kind: dict[str, list[SourceClaim]] = {}
    for sc in candidates:
        by_kind.setdefault(sc.claim.kind, []).append(sc)
    bg_cache: dict[tuple[str, datetime | None], bool] = {}

    def background(sc: SourceClaim) -> bool:
        key = (sc.claim.sentence, sc.report.published)
        if key not in bg_cache:
            bg_cache[key] = is_background(sc.claim.sentence, _aware(sc.report.published))
        return bg_cache[key]

    leads: dict[int, str] = {}
    for sc in candidates:  # a stored report carries no text: its first claim's sentence stands in
        leads.setdefault(id(sc.report), _lead(sc.report.text or sc.claim.sentence, sc.report.title))
    story_lead = _lead(story_text)

    def incident(sc: SourceClaim) -> frozenset[str]:
        return incident_signature(sc.claim.sentence, leads[id(sc.report)])

    def lead_day(sc: SourceClaim) -> datetime | None:
        return incident_day(leads[id(sc.report)], _aware(sc.report.published))

    def day(sc: SourceClaim) -> datetime | None:
        return incident_day(sc.claim.sentence, _aware(sc.report.published)) or lead_day(sc)

    # what a candidate says of its incident, read once however many story claims it is held against
    read: dict[int, tuple[frozenset[str], datetime | None, datetime | None]] = {}

    def incident_facts(sc: SourceClaim) -> tuple[frozenset[str], datetime | None, datetime | None]:
        if id(sc) not in read:
            read[id(sc)] = (incident(sc), day(sc), lead_day(sc))
        return read[id(sc)]

    similarity = _similarities(claims, by_kind)
    names = story_names(story_text)
    findings: list[Finding] = []
    used: set[int] = set()
    for claim in claims:
        pool = by_kind.get(claim.kind, [])
        row = similarity[claim.sentence]
        cands = [_Candidate(sc, row[sc.claim.sentence], background(sc), *incident_facts(sc)) for sc in pool]
        finding, judged = _finding(claim, cands, story_time, reference_time, names, story_lead, _aware(story_published))
        findings.append(finding)
        used.update(id(j.cand.source) for j in judged if j.relation != "context")
    about = {id(sc.report) for sc in candidates if id(sc) in used}
    untold = [
        sc
        for sc in candidates
        if id(sc.report) in about and id(sc) not in used and sc.claim.kind in UNTOLD_KINDS
        and not background(sc) and not other_incident(incident_signature(story_lead), incident(sc))
    ]  # fmt: skip
    return findings, _untold(untold, claims)


def _untold(sources: Sequence[SourceClaim], claims: Sequence[Claim]) -> list[Untold]:
    """The claims of the story's incident that its references make and the story does not, one per
    figure or stance (with every report that makes it), earliest first.

    Only reports that speak to at least one of the story's facts count as the same incident's, and
    only their claims that no story claim was read against: a claim of responsibility the story does
    not carry, a group's toll it leaves out, arrests it does not mention.
    """
    said = {(c.kind, c.stance, _plain_actor(c.actor)) for c in claims if c.kind == "responsibility"}
    grouped: dict[tuple[object, ...], list[SourceClaim]] = {}
    for sc in sources:
        c = sc.claim
        if c.kind == "responsibility":
            if (c.kind, c.stance, _plain_actor(c.actor)) in said or not c.actor:
                continue
            key: tuple[object, ...] = (c.kind, c.stance, _plain_actor(c.actor))
        elif c.value is None:
            continue
        else:
            key = (c.kind, c.stance, c.noun.lower(), c.value.low, c.value.high)
        grouped.setdefault(key, []).append(sc)
    latest = datetime.max.replace(tzinfo=UTC)
    untold = []
    for scs in grouped.values():
        scs.sort(key=lambda sc: _aware(sc.report.published) or latest)
        evidence = tuple(_evidence(_Candidate(sc, 0.0, False), "context") for sc in scs)
        untold.append(Untold(scs[0].claim, evidence))
    untold.sort(key=lambda u: (UNTOLD_ORDER.index(u.claim.kind), u.sources[0].published or latest))
    return untold[:MAX_UNTOLD]


UNTOLD_ORDER = ("responsibility", "killed", "injured", "arrested", "munitions", "troops")


def _plain_actor(actor: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", actor.strip().lower())


def _normal_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?|[/#?]+$", "", url.strip().lower())


def _own_copies(story: Document, claims: Sequence[Claim], candidates: Sequence[SourceClaim]) -> dict[int, OwnCopy]:
    """Reports that are the story itself: its URL, its text (spacing and case aside), or claim sentences
    that are nearly all the story's (its own wire copy). Keyed by ``id(report)``."""
    mine = {" ".join(c.sentence.split()).casefold() for c in claims}
    text = " ".join(story.text.split()).casefold()
    theirs: dict[int, set[str]] = {}
    reports: dict[int, Report] = {}
    for sc in candidates:
        theirs.setdefault(id(sc.report), set()).add(" ".join(sc.claim.sentence.split()).casefold())
        reports[id(sc.report)] = sc.report
    copies = {}
    for key, report in reports.items():
        why = ""
        if story.url and report.url and _normal_url(story.url) == _normal_url(report.url):
            why = "the story's URL"
        elif report.text and text and " ".join(report.text.split()).casefold() == text:
            why = "the story's text"
        elif mine and len(mine & theirs[key]) / len(mine | theirs[key]) >= OWN_COPY_OVERLAP:
            why = "near-identical text"
        if why:
            copies[key] = OwnCopy(report.outlet, report.url, _aware(report.published), why)
    return copies


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
    """The check of an analysed story against candidate claims, wherever they came from (memory or store).

    Stages: 1. the story's own copies in the library are set aside (never evidence); 2. each claim is
    judged against the claims of the same fact; 3. what the sources say that the story does not.
    """
    checked_at = now or datetime.now(UTC)
    # 1. the story's own copy is the story itself
    copies = _own_copies(story, analysis.claims, candidates)
    evidence = [sc for sc in candidates if id(sc.report) not in copies]
    # 2. and 3.
    findings, untold = _check(
        analysis.claims, evidence, story_published=story.published,
        story_text=f"{story.title}\n{analysis.text}", now=checked_at,
    )  # fmt: skip
    return CheckResult(
        # Claim spans index the cleaned text, so that is the text the result must carry.
        story=replace(story, text=analysis.text),
        findings=tuple(findings),
        sources=max(0, sources - len(copies)),
        checked_at=checked_at,
        settings={**matcher_settings(), **(settings or {})},
        untold=tuple(untold),
        own_copies=tuple(copies.values()),
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
