"""Where a figure or person stands relative to a cue: subject of a passive or intransitive verb, object
of an active one, labelled by a state word, or counted by a tally verb ("the toll rose to 57").

Each function reads tokens only; none decides a kind by itself (``counts`` and ``people`` do)."""

from __future__ import annotations

import re

from .lexicon import CueHit
from .words import (
    AUXILIARIES,
    BE_FORMS,
    CLAUSE_AUX,
    CLAUSE_STOP,
    FAMILY,
    IRREGULAR_PAST,
    MODIFIER_VERBS,
    OBJECT_BRIDGE,
    OBJECT_START,
    PERSON_NOUNS,
    RAISING,
    SUBJECT_MAX_WORDS,
    TALLY_VERBS,
    WEAK_TALLY,
    WEAK_TALLY_WORDS,
    Tokens,
)


def _hit_at(hits: list[CueHit], start: int) -> CueHit | None:
    return next((h for h in hits if h.start == start), None)


def _is_agent(tokens: Tokens, hit: CueHit, passive: bool) -> bool:
    """An active verb followed by its object ("3 gunmen killed two guards"): the figure did it."""
    if passive or hit.role not in ("verbs", "phrase"):
        return False
    j = tokens.index_at(hit.end)
    if j >= len(tokens.spans):
        return False
    nxt = tokens.text(j).lower()
    after = tokens.text(j + 1).lower() if j + 1 < len(tokens.spans) else ""
    if nxt in ("at", "more"):
        return after in ("least", "than")  # "killed at least 3", not "turned himself in at the station"
    return nxt in OBJECT_START or nxt[0].isdigit() or bool(PERSON_NOUNS.match(nxt))


def _holds_its_object(sentence: str, hit: CueHit) -> bool:
    """"the suspect stabbed his neighbour to death": a phrase with its object inside; the subject did it."""
    if "*" not in hit.cue.lemma or not re.search(r"\* (?:to death|dead)$", hit.cue.lemma):
        return False  # the gap of "sustained * injuries" holds adjectives, not an object
    fixed = len([w for w in hit.cue.lemma.split() if w != "*"])
    return len(sentence[hit.start : hit.end].split()) > fixed


_HOLD_IN_CUSTODY = re.compile(r"^\s+(?:under|in custody|without|for questioning|on suspicion|in connection|over)\b", re.IGNORECASE)


_HOLD_NOT_ARREST = re.compile(r"^\s+(?:hostage|captive|responsible|accountable|back|up|talks|a\b|an\b|the\b)", re.IGNORECASE)
# "three people caught in the crossfire", "caught on camera", "caught fire": not an arrest.
_CAUGHT_NOT_ARREST = re.compile(r"^\s+(?:in|on|up|fire|off|out|sight|between|unaware|napping|short|by\s+surprise)\b", re.IGNORECASE)


_NAMES_OR_AGES = re.compile(r"^\s*(?:(?:aged\s+)?\d{1,3}|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)(?:\s*(?:,|and)\s*(?:\d{1,3}|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*))*\s*$"
                            r"|^\s*aged\s+(?:between\s+|from\s+)?\d{1,3}\s*(?:and|to|-|–)\s*\d{1,3}\s*$")
# "Four teenagers aged between 15 and 16 had been arrested": an age range inside the subject.
_AGE_RANGE = re.compile(r"aged\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:and|to|-|–)\s*\d{1,3})?\b", re.IGNORECASE)
# "was subdued by patrons and arrested by police": a second passive verb joined by "and".
_AND_NEXT = re.compile(r"[^,;.]{0,60}?\band\s+(?=\w)")


# "Another four people, three men and a woman, also suffered injuries": an appositive that breaks the
# figure down into counted people ("a man of 30 and a woman of 22") is still part of the subject.
_ONE_COUNTED = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+(?:[\w'’-]+\s+)?[\w'’-]+(?:\s+(?:of|aged)\s+\d{1,3})?"
COUNTED_LIST = re.compile(rf"^\s*(?:{_ONE_COUNTED}\s*,\s*)*{_ONE_COUNTED}\s*,?\s+and\s+{_ONE_COUNTED}\s*$", re.IGNORECASE)
# "..., both 28, were arrested": ages right after an appositive belong to it.
_AGES_AFTER = re.compile(r",\s*(?:both|all|each|aged)?\s*\d{1,3}(?:\s*(?:and|,)\s*\d{1,3})*\s*,")


def subject_cue(tokens: Tokens, hits: list[CueHit], end: int, *, person: bool = False) -> tuple[CueHit, str] | None:
    """The cue whose subject is the noun phrase ending before ``end``, crossing only what a subject may hold.

    "held" is an arrest only for a person ("the suspect was held"): a prison "held nearly 700".
    """
    sentence = tokens.sentence
    i = tokens.index_at(end)
    steps = 0
    passive = False
    noun_words = 0
    while i < len(tokens.spans) and steps < 12:
        a, b = tokens.spans[i]
        word = sentence[a:b]
        lower = word.lower()
        hit = _hit_at(hits, a)
        # "the suspect in a stabbing spree has died": a gerund is part of the noun phrase, not its verb
        gerund = hit is not None and not passive and hit.role == "verbs" and lower.endswith("ing")
        if hit is not None and hit.role == "phrase" and hit.cue.lemma.endswith(" of"):
            hit = None  # "two counts of assault in the death of ...": a noun that takes an object, no predicate
        nominal = hit is not None and hit.role == "states" and i > 0 and tokens.text(i - 1).lower() == "the"
        if hit and not gerund and not nominal and hit.role != "nouns" and not (hit.role == "states" and noun_words > 2):
            held_over = passive and _HOLD_IN_CUSTODY.match(sentence[hit.end :])
            if hit.cue.lemma == "hold" and not held_over and (not person or not passive or _HOLD_NOT_ARREST.match(sentence[hit.end :])):
                return None
            if hit.cue.lemma == "catch" and _CAUGHT_NOT_ARREST.match(sentence[hit.end :]):
                return None
            if hit.cue.lemma in ("shoot", "stab") and not passive and noun_words == 0 and steps == 0:
                return None  # "3 shot" is a headline for wounded only with "were" or a noun: "3 people shot"
            if _is_agent(tokens, hit, passive) or (not passive and _holds_its_object(sentence, hit)):
                return None
            return hit, "passive" if passive else "subject"
        if word == "," and i + 1 < len(tokens.spans) and tokens.text(i + 1).lower() in ("who", "which"):
            # "The soldier, who had served 14 years, died": past the clause to the main verb; else
            # "Anderson Lee Aldrich, who was in custody": the clause itself says what became of the person
            close = sentence.find(",", b, b + 160)
            if close > 0 and not re.search(r"[;.]", sentence[b:close]):
                beyond = subject_cue(tokens, hits, close + 1, person=person)
                if beyond:
                    return beyond
            i += 1
            continue
        if word == ",":
            close = sentence.find(",", b, b + 90)
            inside = sentence[b:close] if close > 0 else ""
            # an appositive holds no clause of its own; names or ages joined by "and" are still one
            # ("The two suspects, Mano Tidjani and Woba Dikoure, both 28, were arrested")
            if close < 0 or re.search(r"[;.]", inside) or (
                re.search(r"\band\b", inside) and not _NAMES_OR_AGES.match(inside) and not COUNTED_LIST.match(inside)
            ):
                return None
            ages = _AGES_AFTER.match(sentence, close)
            close = ages.end() - 1 if ages else close
            i = tokens.index_at(close + 1)
            steps += 1
            continue
        if word in ('"', "\u201c", "\u201d"):
            i += 1  # 'had been "neutralized"': a quoted cue is still the verb
            continue
        if lower == "to" and i > 0 and tokens.text(i - 1).lower() in RAISING:
            i += 1  # "are believed to have suffered": the infinitive carries the verb
            steps += 1
            continue
        if lower in AUXILIARIES or lower in ("not", "n't"):
            passive = passive or lower in BE_FORMS
            i += 1
            steps += 1
            continue
        if (lower in ("who", "that") or (lower in MODIFIER_VERBS and noun_words)) and not passive:
            # "the person who planted the bomb has been arrested", "the man suspected of setting the fire
            # was detained": on to the last auxiliary before the clause ends, the main clause's own
            window = range(i + 1, min(i + 13, len(tokens.spans)))
            stop = next((j for j in window if tokens.text(j) in (",", ";", ".") ), None)
            auxes = [j for j in window if (stop is None or j < stop) and tokens.text(j).lower() in CLAUSE_AUX]
            if not auxes:
                return None
            i = auxes[-1]
            steps += 1
            continue
        if lower == "of" and i > 0 and tokens.text(i - 1)[:1].isalpha() and i + 1 < len(tokens.spans) and re.fullmatch(r"\d{1,2}", tokens.text(i + 1)):
            i += 2  # "a woman of 82 died": the person's age
            steps += 1
            continue
        if lower == "aged" and noun_words and (age := _AGE_RANGE.match(sentence, a)):
            i = tokens.index_at(age.end())  # "four teenagers aged between 15 and 16 had been arrested"
            steps += 1
            continue
        if word[0].isdigit() and i > 1 and tokens.text(i - 1).lower() == "of" and FAMILY.match(tokens.text(i - 2)):
            i += 1  # "a mother of 3 was killed": the 3 belongs to the noun phrase
            steps += 1
            continue
        if lower in ("and", "or", "but", "who", "which", "that", "when", "after", "as", "while", "said", "says") or not word[0].isalpha():
            return None
        if passive and lower == "among":
            # "Ten soldiers were among the 16 killed": a part of a toll named after it
            later = next((h for h in hits if h.start > b and h.start - b < 40 and h.role in ("states", "verbs", "nouns")), None)
            return (later, "among") if later else None
        if passive:
            # "was subdued by patrons and arrested by police": the passive's second verb may be the cue
            joined = _AND_NEXT.match(sentence, b) if lower.endswith("ed") or lower in IRREGULAR_PAST else None
            later = _hit_at(hits, joined.end()) if joined else None
            if later is not None and later.role == "verbs" and not _is_agent(tokens, later, True):
                return later, "passive"
            return None  # "were taken to..." with no cue: the verb came and was not ours
        adjective = lower in MODIFIER_VERBS and noun_words == 0  # "three suspected militants"
        if (word.islower() and lower in IRREGULAR_PAST) or (
            lower.endswith("ed") and not PERSON_NOUNS.match(lower) and not gerund and not nominal and not adjective
        ):
            return None  # another verb ("landed", "struck") stands between the figure and any cue
        noun_words += 1
        if noun_words > SUBJECT_MAX_WORDS:
            return None
        i += 1
        steps += 1
    return None


def object_cue(tokens: Tokens, hits: list[CueHit], start: int) -> CueHit | None:
    """An active cue right before the figure ("killing three", "arrested 14 people")."""
    i = tokens.index_at(start) - 1
    skipped = 0
    while i >= 0 and skipped <= 3:
        a, b = tokens.spans[i]
        hit = next((h for h in hits if h.end == b and h.role in ("verbs", "phrase") and h.cue.lemma != "hold"), None)
        if hit:
            return hit
        if tokens.text(i).lower() not in OBJECT_BRIDGE:
            return None
        if tokens.text(i).lower() == "at" and (i + 1 >= len(tokens.spans) or tokens.text(i + 1).lower() not in ("least", "most")):
            return None  # "killed at least three", not "killed at one location"
        i -= 1
        skipped += 1
    return None


def label_cue(tokens: Tokens, hits: list[CueHit], end: int) -> CueHit | None:
    """A state word or cue noun right after the figure ("21 injured people", "3 dead", "five bodies")."""
    i = tokens.index_at(end)
    for gap in range(3):
        if i + gap >= len(tokens.spans):
            return None
        a, _ = tokens.spans[i + gap]
        hit = next((h for h in hits if h.start == a and h.role in ("states", "nouns")), None)
        if hit and (hit.role == "nouns" or gap <= 1):
            return hit
        word = tokens.text(i + gap)
        if not word[0].isalpha() or word.lower() in ("of", "and", "or", "were", "was", "in", "at", "on"):
            return None
    return None


def tally_cue(hits: list[CueHit], sentence: str, start: int) -> CueHit | None:
    """A cue earlier in the clause with a tally verb right before the figure ("the injured ... now top 100")."""
    before = sentence[:start]
    strong = TALLY_VERBS.search(before)
    if not strong and not WEAK_TALLY.search(before):
        return None
    clause_start = max((m.end() for m in CLAUSE_STOP.finditer(before)), default=0)
    roles = ("states", "nouns", "verbs", "phrase") if strong else ("states", "nouns")
    near = [h for h in hits if clause_start <= h.start and h.end <= start and h.role in roles]
    gap = sentence[near[-1].end : start] if near else ""
    if not near or (not strong and (len(gap.split()) > WEAK_TALLY_WORDS or "," in gap or "according" in gap)):
        return None  # "13 were injured on Friday in shootings at two schools": "at" is no tally there
    return near[-1]


def noun_after(tokens: Tokens, end: int) -> str:
    """Who a figure counts: the person noun among the next words ("three men inside", "21 injured people")."""
    i = tokens.index_at(end)
    for j in range(i, min(i + 4, len(tokens.spans))):
        word = tokens.text(j).lower()
        if PERSON_NOUNS.match(word):
            return word
        if not word[0].isalpha() or (j == i + 1 and tokens.text(i).lower() == "of" and word not in ("his", "her", "their", "its", "the")):
            break
    return ""
