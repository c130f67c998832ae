"""Figures in relation to each other: parts of a toll ("including two children"), coordinated people
summed ("a man and a woman" is 2) or listed after their total, steps ("two more"), and "five were
shot, two fatally"."""

from __future__ import annotations

import re

from ..numbers import find_numbers
from ..types import Range
from .counts import AGE_APPOSITION
from .positions import noun_after
from .words import CLAUSE_STOP, PERSON_NOUNS, Decision, Tokens

_PART_BEFORE = re.compile(r"\b(?:including|among them|among whom|among those|among the dead(?: were)?|include[sd]?|of whom|of them)\s*,?\s*(?:at least\s+)?$", re.IGNORECASE)


_PART_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:of whom|of them|among them)\b|^\s+of the (?:victims|dead|injured|wounded|people who died)\b", re.IGNORECASE)


_OF_THE_TOTAL = re.compile(r"^\s*(?:Of|Among)\s+(?:the|those)\s+[^,]{1,60},")
_WERE_GROUP = re.compile(r"^\s+(?:were|was|are|is)\s+(?:\w+\s+)?[a-z]+s?\b(?!\s+(?:killed|injured|wounded|arrested|detained|hurt))")


def parts_of_totals(sentence: str, decisions: list[Decision], last_kind: str) -> list[Decision]:
    """"killing 14, including two children" / "12 of whom were declared dead": a part of the toll
    before it takes that toll's kind when no cue of its own decided it."""
    out: list[Decision] = []
    of_the = _OF_THE_TOTAL.match(sentence)
    of_the_end = of_the.end() if of_the else len(sentence)
    for d in decisions:
        before = sentence[max(0, d.start - 40) : d.start]
        after = sentence[d.end : d.end + 40]
        total = next((e.kind for e in out if e.start < of_the_end and e.kind), "")
        if total and d.value is not None and d.start > of_the_end and (d.kind == total or (not d.kind and _WERE_GROUP.match(after))):
            # "Of the 168 dead, 109 were men, 24 women and 38 children": parts of the total named first
            d = Decision(d.start, d.end, d.text, total, d.value, d.noun, (f"a part of the {total} toll before it", *d.reasons), part=True)
        if not d.kind and d.value is not None and not d.refused and (
            _PART_BEFORE.search(before) or _PART_AFTER.match(after)
        ):
            total = next((e.kind for e in reversed(out) if e.kind), "") or (last_kind if _PART_BEFORE.search(before) else "")
            if total:
                d = Decision(d.start, d.end, d.text, total, d.value, d.noun or noun_after(Tokens(sentence), d.end),
                             (f"a part of the {total} toll before it",), part=True)
        out.append(d)
    return out




def sum_coordinated(sentence: str, decisions: list[Decision]) -> list[Decision]:
    """"two adults and two children were killed", "killing a prayer leader and his son": a chain of
    coordinated people that one cue decided is one figure, their sum. Parts listed after "include"
    stay parts ("the 18 dead include 14 men, three women and a child")."""
    out: list[Decision] = []
    i = 0
    while i < len(decisions):
        chain = _chain(sentence, decisions, i)
        kinds = {d.kind for d in chain if d.kind}
        listed = _PART_BEFORE.search(sentence[max(0, chain[0].start - 40) : chain[0].start])
        if len(chain) < 2 or len(kinds) != 1 or listed or any(d.value is None for d in chain):
            out.append(decisions[i])
            i += 1
            continue
        kind = kinds.pop()
        decided = next(d for d in chain if d.kind)
        if _is_breakdown(sentence, chain):
            # "wounding six people, five service members and a contractor": a total, then its parts
            head = chain[0]
            out.append(Decision(head.start, head.end, head.text, kind, head.value, head.noun, head.reasons if head.kind else decided.reasons))
            out.extend(Decision(d.start, d.end, d.text, kind, d.value, d.noun, (f"a part of the {kind} toll before it",), part=True) for d in chain[1:])
            i += len(chain)
            continue
        if chain[-1].noun in ("others", "more") or (all(_counted(d) for d in chain) and not all(_plain_people(d.noun) for d in chain)):
            # "two police officers and nine others were killed", "left 84 Wagner fighters and 47 Malian
            # soldiers dead": each figure stands, all of the cue's kind; only plain people are summed
            # "two police officers and nine others were killed": each figure stands, both killed
            out.extend(d if d.kind else Decision(d.start, d.end, d.text, kind, d.value, d.noun, (f"joined by 'and' to '{decided.text}'", *decided.reasons)) for d in chain)
            i += len(chain)
            continue
        lo = sum(d.value.low or 0 for d in chain if d.value)
        highs = [d.value.high for d in chain if d.value]
        hi = None if any(h is None for h in highs) else sum(h for h in highs if h is not None)
        words = sentence[chain[0].start : chain[-1].end]
        out.append(
            Decision(
                chain[0].start, chain[-1].end, words, kind, Range(lo, hi, "derived", words),
                next((d.noun for d in reversed(chain) if d.noun), ""),
                ("sum of " + " + ".join(f"'{d.text}'" for d in chain), *decided.reasons),
                tuple((d.start, d.end) for d in chain),
            )
        )
        i += len(chain)
    return out


# Nouns that say only who the counted are as people (sex, age, kin): "a man and a woman" is one count
# of 2. Forces, peoples or roles ("fighters" and "soldiers", "Iranians" and "Syrians") are counted apart.
_PLAIN_PEOPLE = re.compile(
    r"^(?:(?:young|old|elderly|little|teenage|adult|local|other)\s+)?(?:m[ae]n|wom[ae]n|adults?|child(?:ren)?|kids?|boys?|girls?|"
    r"people|persons?|teen(?:ager)?s?|infants?|bab(?:y|ies)|toddlers?|minors?|sons?|daughters?|wi(?:fe|ves)|husbands?|"
    r"mothers?|fathers?|brothers?|sisters?|grand\w+|nieces?|nephews?|cousins?|relatives?|friends?|others|more|"
    r"victims?|residents?|civilians?|individuals?|family members?|\d{1,2}-year-olds?|)$",
    re.IGNORECASE,
)


def _counted(d: Decision) -> bool:
    """A count ("84 Wagner fighters"), not one person described ("an off-duty policeman")."""
    return any(m.category == "count" for m in find_numbers(d.text))


def _plain_people(noun: str) -> bool:
    return bool(_PLAIN_PEOPLE.match(noun.strip()))


ELLIPSIS_REASON = "the verb of"
_ELLIPSIS_BEFORE = re.compile(r"^[^.;]{0,60}?\s+and\s+(?:the\s+other\s+|another\s+)?$", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(r"^\s+(?:more\s+|others?\s+)?(?:in|at|on|inside|outside|near|later|en\s+route)\b", re.IGNORECASE)
_PLACE_PHRASE = re.compile(r"\b(?:in|at|on|inside|outside|near)\b", re.IGNORECASE)


def elliptic_counts(sentence: str, decisions: list[Decision]) -> list[Decision]:
    """"Four people died at the scene and two in hospital", "four were killed at one location and the
    other three at a second": the verb is left out for the second figure, which takes the first's kind
    (whatever cue its place phrase holds: "in hospital" is not an injury here)."""
    out = list(decisions)
    for i in range(1, len(out)):
        d, e = out[i], out[i - 1]
        if e.kind not in {"killed", "injured", "arrested"} or d.value is None or d.refused or d.kind == e.kind:
            continue
        between = sentence[e.end : d.start]
        if not (_ELLIPSIS_BEFORE.match(between) and _PLACE_PHRASE.search(between.split(" and ")[0])):
            continue
        if not _ELLIPSIS_AFTER.match(sentence[d.end : d.end + 30]):
            continue
        out[i] = Decision(d.start, d.end, d.text, e.kind, d.value, d.noun, (f"{ELLIPSIS_REASON} '{e.text}' left out before its place",), part=e.part)
    return out


def listed_parts(sentence: str, decisions: list[Decision]) -> list[Decision]:
    """"Eleven people were killed, eight Iranians, two Syrians and one Lebanese": figures no cue decided,
    listed together after a decided total whose figure is their sum, are parts of that total."""
    out = list(decisions)
    for i, total in enumerate(out):
        if not total.kind or total.part or total.value is None or not total.value.is_exact:
            continue
        j = i + 1
        items: list[int] = []
        lows: list[float] = []
        while j < len(out) and not out[j].kind and out[j].noun:
            value = out[j].value
            if value is None or not value.is_exact or value.low is None:
                break
            if items and not _coordinated(sentence, out[items[-1]], out[j]):
                break
            items.append(j)
            lows.append(value.low)
            j += 1
        if len(items) < 2 or not re.search(r"\band\b", sentence[out[items[-2]].end : out[items[-1]].start]):
            continue
        if sum(lows) != total.value.low:
            continue
        if re.search(r"[;.]", sentence[total.end : out[items[0]].start]) or "," not in sentence[total.end : out[items[0]].start]:
            continue
        for k in items:
            d = out[k]
            out[k] = Decision(d.start, d.end, d.text, total.kind, d.value, d.noun, (f"listed after the {total.kind} total '{total.text}', whose figure they sum to",), part=True)
    return out


def _is_breakdown(sentence: str, chain: list[Decision]) -> bool:
    """"six people, five service members and a contractor": the first figure is the sum of the rest."""
    head, rest = chain[0], chain[1:]
    if len(rest) < 2 or "," not in sentence[head.end : rest[0].start] or head.value is None or not head.value.is_exact:
        return False
    lows = [d.value.low for d in rest if d.value is not None and d.value.is_exact]
    return len(lows) == len(rest) and sum(x for x in lows if x is not None) == head.value.low


def _chain(sentence: str, decisions: list[Decision], i: int) -> list[Decision]:
    """The people coordinated from ``decisions[i]`` on: "A, B and C" (the last link an "and"); a
    name, an appositive ("a third person, a man in his 50s") or a part ("two of them") ends it."""
    chain = [decisions[i]]
    last_and = 0
    while i + len(chain) < len(decisions):
        a, b = chain[-1], decisions[i + len(chain)]
        if not (_joinable(sentence, a) and _joinable(sentence, b) and _coordinated(sentence, a, b)):
            break
        chain.append(b)
        if re.search(r"\band\b", sentence[a.end : b.start]):
            last_and = len(chain)
    return chain[:last_and] if last_and else chain[:1]


def _joinable(sentence: str, d: Decision) -> bool:
    """A person or a count of people, not a name, not a part of a toll."""
    after = sentence[d.end : d.end + 40]
    if _PART_AFTER.match(after) or re.match(r"^(?:\s+[\w'’-]+){0,3}\s+among (?:them|whom)\b", after):
        return False
    return bool(d.noun) or bool(re.match(r"[^,]+,\s*\d{1,3}\s*,", d.text))


# Between two coordinated people: their nouns and modifiers, a comma or "and", a possessive.
_COORDINATION = re.compile(
    r"^(?:\s+(?!(?:who|which|that|was|were|is|are|had|has|have|on|in|at|from|by|with|for|to|of|after|before|during)\b)[\w'’-]+){0,4}?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their|its)\s+)?$",
    re.IGNORECASE,
)


def _coordinated(sentence: str, a: Decision, b: Decision) -> bool:
    """a's noun phrase runs into b's with only 'and', a comma or a possessive between ("a man and his son")."""
    between = AGE_APPOSITION.sub(" ", sentence[a.end : b.start])
    if not _COORDINATION.match(between):
        return False
    words = [w for w in re.findall(r"[\w'’-]+", between) if w.lower() not in ("and", "his", "her", "their", "its")]
    return not any(w.lower().endswith("ed") and not PERSON_NOUNS.match(w) for w in words)


def _larger(toll: Decision, step: Decision) -> bool:
    if toll.value is None or step.value is None:
        return True
    return toll.value.low is None or step.value.low is None or toll.value.low > step.value.low


def step_or_figure(sentence: str, d: Decision, decisions: list[Decision]) -> Decision:
    """"...now stands at 19, after rescuers pulled three more bodies": beside a toll of its kind, a
    figure of "N more" is a step towards it, not a toll."""
    if not d.kind or not re.match(r"\s+more\b", sentence[d.end : d.end + 8]):
        return d
    # the toll is larger than its step: "Another is in serious condition, and three more ..." lists people
    if any(
        e is not d and e.kind == d.kind and not re.match(r"\s+more\b", sentence[e.end : e.end + 8]) and _larger(e, d)
        for e in decisions
    ):
        return Decision(d.start, d.end, d.text, "", d.value, d.noun, ("a step ('N more') towards a toll in the same sentence",))
    return d


def shot_then_fatally(sentence: str, d: Decision, decisions: list[Decision]) -> bool:
    """"Five people were shot, two fatally": the five are not all wounded; the text does not say how many are."""
    if d.kind != "injured" or "'shot'" not in " ".join(d.reasons):
        return False
    return any(
        e.kind == "killed" and e.start > d.end and "'fatally'" in " ".join(e.reasons) and not CLAUSE_STOP.search(sentence[d.end : e.start])
        for e in decisions
    )
