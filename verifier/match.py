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
from functools import lru_cache

from rapidfuzz import fuzz, process

from .types import CheckResult, Claim, Document, Evidence, Finding, Range, Report, SourceClaim

# Two background sentences (another attack, an earlier year) are the same fact from this
# token-set similarity (0-100) up. Calibrated on our events: different attacks named in one background
# paragraph score 38-50 ("two assaults on education institutions" vs "gunmen stormed Kabul
# University"), rewordings of one past fact 60 and more ("a week after seven soldiers were killed" vs
# "an ambush last week in which seven soldiers died").
BACKGROUND_SIMILARITY = 55
# Sentences this similar (token-sort ratio, 0-100) from different outlets are one wire copy.
WIRE_COPY_SIMILARITY = 90
# An explicit date this far from the report's own date anchors a sentence in another event.
OTHER_EVENT_DAYS = 3
# Outlets rated at least this reliable (0-1, set by the newsroom per outlet) give the consensus its low end.
RELIABLE = 0.5
# "about N" and M count as close when M is within this share of N; the gap is shown either way.
CLOSE_SHARE = 0.2

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
_RELATIVE_PAST = re.compile(
    r"\b(?:in|over|during) (?:the )?(?:recent|past|previous|last) (?:few )?(?:days|weeks|months|years)\b"
    r"|\b(?:last|previous) (?:week|month|year|summer|winter|spring|autumn)\b|\bearlier this (?:year|month)\b"
    r"|\b(?:years|months|weeks) ago\b|\brecent (?:attacks|assaults|bombings|weeks|months)\b|\b(?:in|since|by) (?:19|20)\d\d\b"
    r"|\b(?:a|one|two|three|four|several|a few) (?:weeks?|months?|years?) (?:after|before|ago|earlier)\b"
    r"|\b(?:last|previous) (?:week|month|year)\b|\b(?:the )?(?:previous|last|earlier) (?:attack|bombing|riot|quake|earthquake|sinking)\b",
    re.IGNORECASE,
)
# A month named in a sentence ("On 2 November", "the March attack", "in late October"). Case matters:
# "may" is a verb and "march" a walk, so only capitalised month names count.
_CUMULATIVE = re.compile(r"\bsince\b[^.;]{0,60}\b(?:began|started|erupted|broke out|first)\s+$", re.IGNORECASE)
_EXPLICIT_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2}) )?\b(?P<m>" + "|".join(m.capitalize() for m in _MONTHS) + r")\b\.?(?: (?P<d2>\d{1,2})\b)?"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_ACTOR_STOP = frozenset(
    ["the", "a", "an", "of", "and", "its", "his", "her", "their", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "group", "leader", "head", "chief", "minister", "ministry", "interior", "president", "prime", "general", "manager", "said", "says", "in", "on", "statement", "local", "some", "main", "opposition", "party", "movement", "banned", "outlawed", "armed", "militant", "rebel", "regional", "provincial", "national", "federal"]
)


_KIND_WORD = {"killed": "killed", "injured": "wounded", "arrested": "arrested", "troops": "troops", "munitions": "fired"}


@dataclass(frozen=True)
class _Candidate:
    source: SourceClaim
    similarity: float
    background: bool


@lru_cache(maxsize=65_536)
def is_background(sentence: str, published: datetime | None) -> bool:
    """Does the sentence speak of another event: a relative past, or a date away from publication?"""
    for m in _RELATIVE_PAST.finditer(sentence):
        # "since the protests began last week" counts up to now: the same event, not another one
        if not _CUMULATIVE.search(sentence[: m.start()]):
            return True
    if published is None:
        return False
    for m in _EXPLICIT_DATE.finditer(sentence):
        month = _MONTHS[m.group("m").lower()]
        day = int(m.group("d1") or m.group("d2") or 0)
        if m.group("m") == "May" and not day:
            continue
        year = published.year if month <= published.month else published.year - 1
        try:
            when = datetime(year, month, day or 15, tzinfo=published.tzinfo)
        except ValueError:
            continue
        slack = OTHER_EVENT_DAYS if day else 20
        if abs((published - when).days) > slack:
            return True
    return False


def _actor_tokens(actor: str) -> set[str]:
    words = re.findall(r"[a-z]+", actor.lower())
    return {w[:5] for w in words if w not in _ACTOR_STOP and len(w) > 2}


def _plain(actor: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", actor.strip().lower())


def actors_compatible(a: str, b: str) -> bool:
    """Same actor? One's significant words (stemmed to five letters: "Israel" ~ "Israeli") within the
    other's, or most of them shared; two different acronyms ("ZLA", "TIZ") are two groups, whatever
    place name their full names share."""
    acronyms_a, acronyms_b = set(_ACRONYM.findall(a)), set(_ACRONYM.findall(b))
    if acronyms_a and acronyms_b and not acronyms_a & acronyms_b:
        return False
    ta, tb = _actor_tokens(a), _actor_tokens(b)
    if not ta or not tb:
        # only generic words ("the ministry", "officials"): the same words name the same actor
        return _plain(a) == _plain(b) != ""
    shared = ta & tb
    return shared in (ta, tb) or len(shared) / len(ta | tb) >= 0.5


def _stance_class(claim: Claim) -> str:
    """Stances that speak of the same fact: troops deployed and troops present are one figure.

    A part ("including five children") is the same kind of fact as its total; ``_same_fact``
    only lets the two confirm each other.
    """
    if claim.kind == "responsibility":
        return "attribution"
    return {"deploy": "presence", "level": "presence", "part": ""}.get(claim.stance, claim.stance)


def _is_zero(claim: Claim) -> bool:
    return claim.value is not None and claim.value.low == 0 and claim.value.high == 0


def _same_fact(story: Claim, story_bg: bool, cand: _Candidate) -> bool:
    """Do the two claims speak of one fact? Loose pairs only ever confirm, never contradict.

    A loose pair is a background sentence beside a sentence about this event, a part ("including
    five children", "48 of them") beside a total, a zero ("no-one at the embassy") beside a toll, or
    two different groups ("pupils" and "people"). Such a pair is the same fact only when the sentences
    read alike and the figures meet: a mismatch there is far likelier two facts than a contradiction.
    """
    other = cand.source.claim
    if other.kind != story.kind or _stance_class(other) != _stance_class(story):
        return False
    if story_bg and cand.background and cand.similarity < BACKGROUND_SIMILARITY:
        return False
    loose = (
        story_bg != cand.background
        or _is_zero(story) != _is_zero(other)
        or _part(story) != _part(other)
        or (story.kind in CASUALTY_KINDS and not _same_group(story.noun, other.noun))
        or (story.kind == "munitions" and not _same_family(story.noun, other.noun))
        or _other_place(story.sentence, other.sentence)
    )
    if not loose or story.kind == "responsibility":
        return True
    return cand.similarity >= BACKGROUND_SIMILARITY and _same_figure(story.value, other.value)


def _same_figure(a: Range | None, b: Range | None) -> bool:
    """Both figures bounded and meeting: what a loose pair needs, since it may only ever confirm."""
    if a is None or b is None or None in (a.low, a.high, b.low, b.high):
        return False
    return a.overlaps(b)


CASUALTY_KINDS = frozenset({"killed", "injured", "arrested"})
# Nouns that say nothing about who was counted: "8 people", "30 others", "dozens more".
_GENERIC_NOUNS = frozenset({"", "people", "persons", "person", "others", "other people", "more", "individuals", "victims", "dead"})


def _same_group(a: str, b: str) -> bool:
    """"30 people" and "31 wounded" count the same; "17 police officers" and "18 people" may not."""
    if a in _GENERIC_NOUNS and b in _GENERIC_NOUNS:
        return True
    return a.rstrip("s") == b.rstrip("s")


# Munitions of one family are one count however outlets name them ("mortars", "rockets", "shells").
MUNITION_FAMILIES = {
    "indirect fire": ("rocket", "mortar", "shell", "katyusha", "missile", "projectile", "artillery"),
    "air-dropped": ("bomb", "airstrike", "air strike"),
    "drones": ("drone",),
    "tear gas": ("canister", "tear gas"),
    "small arms": ("bullet", "round"),
    "grenades": ("grenade",),
}


def _family(noun: str) -> str:
    for family, stems in MUNITION_FAMILIES.items():
        if any(stem in noun for stem in stems):
            return family
    return ""


def _same_family(a: str, b: str) -> bool:
    fa, fb = _family(a), _family(b)
    return not fa or not fb or fa == fb


_PLACE = re.compile(r"\b(?:in|at|near|towards?|outside|across|into|on|to|from)\s+((?:[\w'-]+[ ,]*){1,5})")
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")
_NOT_PLACES = frozenset(_MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
}  # fmt: skip


@lru_cache(maxsize=65_536)
def _places(sentence: str) -> frozenset[str]:
    """Names standing after a place preposition ("in Port Adaku", "towards the port city of Selvan")."""
    names: set[str] = set()
    for m in _PLACE.finditer(sentence):
        names.update(w.lower() for w in _CAPITALISED.findall(m.group(1)) if w.lower() not in _NOT_PLACES)
    return frozenset(names)


@lru_cache(maxsize=65_536)
def _names(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _CAPITALISED.findall(sentence))


def _other_place(a: str, b: str) -> bool:
    """Both sentences name where it happened, and neither names the other's place at all."""
    pa, pb = _places(a), _places(b)
    return bool(pa and pb and not pa & _names(b) and not pb & _names(a))


def _part(claim: Claim) -> bool:
    return claim.stance == "part"


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _fmt_value(r: Range | None) -> str:
    if r is None:
        return "?"
    return r.text or _fmt_number(r.best)


def _fmt_number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _fmt_time(t: datetime | None) -> str:
    if t is None:
        return "undated"
    return f"{t.day} {t:%b %H:%M}"


def _closeness(story: Range, other: Range) -> str:
    """How far a figure is from the story's, in words ("23 is 15% above about 20")."""
    s, o = story.best, other.best
    if s is None or o is None or s == 0:
        return ""
    share = (o - s) / s
    if abs(share) < 0.005:
        return ""
    direction = "above" if share > 0 else "below"
    return f"{_fmt_number(o)} is {abs(share):.0%} {direction} the story's {_fmt_number(s)}"


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
    return Range(low, high, "consensus", f"best {_fmt_number(best)}" if best is not None else "")


def _reason(claim: Claim, verdict: str, evidence: Sequence[Evidence]) -> str:
    def cite(e: Evidence) -> str:
        if claim.kind == "responsibility":
            return f"{e.actor} {e.stance} ({e.outlet}, {_fmt_time(e.published)})"
        return f"{_fmt_value(e.value)} {_KIND_WORD.get(claim.kind, claim.noun)} in {e.outlet} {_fmt_time(e.published)}"

    story = f"{claim.actor} {claim.stance}" if claim.kind == "responsibility" else _fmt_value(claim.value)
    if verdict == "conflicts":
        bad = [cite(e) for e in evidence if e.relation in {"conflicts", "updates"}]
        earlier = [
            cite(e)
            for e in evidence
            if e.relation == "superseded" and claim.value and e.value and not claim.value.overlaps(e.value)
        ]
        history = f" (earlier: {', '.join(earlier[:3])})" if earlier and claim.kind != "responsibility" else ""
        return f"{', '.join(bad)}{history}: story says {story}"
    if verdict == "agrees":
        good = [e for e in evidence if e.relation == "agrees"]
        independent = sum(1 for e in good if e.independent)
        closeness = ""
        if claim.value and claim.value.qualifier == "approx":
            gaps = [g for e in good if e.value and (g := _closeness(claim.value, e.value))]
            closeness = f" ({'; '.join(gaps[:2])})" if gaps else ""
        return f"{independent} independent source(s) support {story}: {', '.join(cite(e) for e in good[:4])}{closeness}"
    older = [cite(e) for e in evidence if e.relation == "superseded"]
    if older:
        return f"only figures that later reports changed: {', '.join(older[:3])}; nobody confirms {story}"
    return f"no other outlet reports this {claim.kind} figure" if claim.kind != "responsibility" else (
        f"no other outlet reports that {story}"
    )


def _finding(
    claim: Claim, cands: Sequence[_Candidate], story_time: datetime | None, reference_time: datetime | None
) -> Finding:
    story_bg = is_background(claim.sentence, reference_time)
    same = [c for c in cands if _same_fact(claim, story_bg, c)]
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
            note = _closeness(claim.value, o.value) if claim.value.qualifier == "approx" else ""
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
    return Finding(claim, verdict, _reason(claim, verdict, evidence), tuple(evidence), consensus)


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
    from .numbers import APPROX_TOLERANCE

    return {
        "approx_tolerance": APPROX_TOLERANCE,
        "background_similarity": BACKGROUND_SIMILARITY,
        "wire_copy_similarity": WIRE_COPY_SIMILARITY,
        "other_event_days": OTHER_EVENT_DAYS,
        "close_share": CLOSE_SHARE,
        "reliable": RELIABLE,
    }


def check_claims(
    claims: Sequence[Claim], candidates: Sequence[SourceClaim], *, story_published: datetime | None = None
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
    findings = []
    for claim in claims:
        pool = by_kind.get(claim.kind, [])
        row = similarity[claim.sentence]
        cands = [_Candidate(sc, row[sc.claim.sentence], background(sc)) for sc in pool]
        findings.append(_finding(claim, cands, story_time, reference_time))
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


def check_story(story: Document, reports: Sequence[Report], *, now: datetime | None = None) -> CheckResult:
    """Check a story against reports held in memory (claims are extracted where a report has none)."""
    from .claims import analyse, extract_claims

    analysis = analyse(story.text)
    candidates = [
        SourceClaim(claim, report)
        for report in reports
        for claim in (report.claims or tuple(extract_claims(report.text)))
    ]
    findings = check_claims(analysis.claims, candidates, story_published=story.published)
    story_doc = replace(story, text=analysis.text)
    return CheckResult(
        story=story_doc,
        findings=tuple(findings),
        sources=len(reports),
        checked_at=now or datetime.now(UTC),
        settings=matcher_settings(),
    )


__all__ = ["actors_compatible", "check_claims", "check_story", "is_background", "matcher_settings"]
