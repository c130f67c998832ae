"""Singular people without a numeral: "a teenager died", "another wounded", "the suspect was held",
"Mr Crimo was taken into custody", "both officers", "a couple", a headline's "Florida woman"."""

from __future__ import annotations

import re

from ..patterns import trie
from ..types import Range
from .lexicon import CueHit, words_of
from .positions import COUNTED_LIST, object_cue, subject_cue
from .words import PERSON_NOUNS, SINGLE_PERSON, Decision, Tokens

_SINGLE = re.compile(
    rf"\b(?P<det>[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Aa] second|[Aa] third|[Aa] fourth|[Hh]is|[Hh]er|[Tt]heir)\s+"
    rf"(?:(?!(?:and|or|of|who|which|that|was|were|is|has)\b)[\w'’-]+\s+){{0,3}}?(?P<noun>{SINGLE_PERSON})\b(?!['’]s|-)"
    rf"(?:\s+(?:male|female|local))?(?:\s+(?:{SINGLE_PERSON})\b(?!['’]s|-))?",
)


# A child's age as reporters spell it after a name ("Bebe King, six, and ...").
_SPELLED_AGE = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
_NAMED = re.compile(
    r"\b(?P<name>(?:Mr|Mrs|Ms|Dr|Sgt|Officer|Deputy)\.?\s+[A-Z][\w'’-]+|[A-Z][a-z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){1,3}"
    r"(?:\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV))?"
    r"|[A-Z][a-z][\w'’-]+(?=,\s*\d{1,3}\s*,))"
    r"(?P<apposition>\.?,\s*(?:\d{1,3}|aged \d{1,3}|" + _SPELLED_AGE + r")\s*,(?:\s*of\s+[A-Z][\w'’ -]{1,40},)?)?"
)


_LATER_DIED = re.compile(r"\b(?:he|she)\s+(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b", re.IGNORECASE)


# SINGLE_PERSON factored by common prefixes (``patterns.trie``): the same words, but tried one letter
# at a time, which makes a case-blind scan from every word start (``_BARE_SINGLE``) 3.5x faster. No
# two of the words end at a word boundary at the same start, so the order they are tried in changes
# no match.
_PLAIN_WORD = re.compile(r"[a-z][a-z -]*")
_SINGLE_PERSON_FACTORED = "(?:" + "|".join(
    [trie([w for w in SINGLE_PERSON.split("|") if _PLAIN_WORD.fullmatch(w)])]
    + [w for w in SINGLE_PERSON.split("|") if not _PLAIN_WORD.fullmatch(w)]
) + ")"


# A headline's people come without an article ("Florida woman arrested after fatally shooting mother of 4").
_BARE_SINGLE = re.compile(
    rf"(?:^|(?<=[\s:]))(?:[A-Z][\w'’-]*\s+)?(?P<noun>(?i:{_SINGLE_PERSON_FACTORED}))\b(?:,\s*\d{{1,3}},)?(?!['’]s|-)"
)


# "the suspect's grandfather and uncle": a person named after "and" without an article of its own.
_AND_BARE = re.compile(rf"\band\s+(?P<noun>(?:{SINGLE_PERSON}))\b(?!['’]s|-)")
# "A soldier was killed and another wounded": "another" stands for one more person.
# "Three died at the scene and the fourth died in hospital", "Another is in serious condition".
_ELLIPTIC = re.compile(
    r"\b(?:[Aa]nother|[Aa] (?:second|third|fourth|fifth)|[Tt]he (?:second|third|fourth|fifth|sixth|last|other))\b"
    r"(?=\s+(?:(?:\w+ly\s+)?[a-z]+(?:ed|en|t)|is|was|remains|remained)\b)"
)


# Every match of _ELLIPTIC holds one of these ("another" holds "other").
_ELLIPTIC_WORDS = ("other", "second", "third", "fourth", "fifth", "sixth", "last")


# "Both officers sustained minor injuries": two people.
_BOTH = re.compile(r"\b[Bb]oth\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[a-z]+s)\b")


# "A couple and their daughter were found dead", "Twin sisters and their grandmother": two people.
_PAIR = re.compile(r"\b(?:[Aa]|[Tt]he|[Aa]n elderly|[Aa] young|[Aa] married)\s+(?P<noun>couple)\b|\b[Tt]win\s+(?P<noun2>sisters|brothers|girls|boys|babies)\b|\b(?:[Tt]he\s+)?(?P<noun3>twins)\b")


# "He was taken into custody": a pronoun is one arrest (a victim named before is not counted twice).
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b(?=\s+(?:was|has been|had been|is being|was later|was also)\b)")


_NOT_A_PERSON_WORD = re.compile(
    r"\b(?:The|A|An|In|On|At|Before|After|During|Since|Police|Officers|Authorities|College|Hospital|University|School|"
    r"Ministry|Department|Office|Council|Court|Army|Forces?|Agency|Company|Group|Street|Road|Avenue|Square|Airport|"
    r"Station|Centre|Center|Mall|Park|Church|Mosque|Temple|Hotel|Club|Bank|Party|Front|Brigades?|Movement|State|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|['’]s\b|-"
)


def _person_name(sentence: str, m: re.Match[str]) -> bool:
    """A name a sentence counts as one person: a title ("Mr Crimo"), an age after it ("John Reyes, 33,"),
    or a name right before "was"/"has been" that is no institution, ship or date ("Robert Crimo was held")."""
    name = m.group("name")
    if re.match(r"(?:Mr|Mrs|Ms|Dr|Sgt|Officer|Deputy)\b", name) or m.group("apposition"):
        return True
    if _NOT_A_PERSON_WORD.search(name) or re.search(r"\b(?:the|a|an)\s+$", sentence[: m.start()], re.IGNORECASE):
        return False
    return bool(re.match(r"\s+(?:was|has been|had been|is being|is)\b|,\s+who\s+(?:was|is|has been|had been)\b", sentence[m.end() :]))


_COUNT_BEFORE = re.compile(
    r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both)\b[^,;]{0,30}$", re.IGNORECASE
)


def _in_breakdown(sentence: str, start: int, end: int) -> bool:
    """Is the person one of a list between commas that describes a count just given ("four people,
    three men and a woman,")? Then the count is the figure, and the list only says who they were."""
    open_ = sentence.rfind(",", 0, start)
    close = sentence.find(",", end)
    if open_ < 0 or close < 0:
        return False
    return bool(COUNTED_LIST.match(sentence[open_ + 1 : close]) and _COUNT_BEFORE.search(sentence[:open_]))


def decide_people(tokens: Tokens, hits: list[CueHit], taken: list[tuple[int, int]]) -> list[Decision]:
    """Singular people without a numeral ("a man was shot and killed", "Mr Crimo was taken into custody")."""
    sentence = tokens.sentence
    out: list[Decision] = []
    candidates: list[tuple[int, int, str, str]] = []
    for m in _SINGLE.finditer(sentence):
        candidates.append((m.start(), m.end(), m.group("noun").lower(), "person"))
    if not re.search(r"[.!?][\"'\u201d]?\s*$", sentence):
        for m in _BARE_SINGLE.finditer(sentence):  # a headline drops its articles: "Boy, 14, killed in ..."
            candidates.append((m.start(), m.end(), m.group("noun").lower(), "person"))
    for m in _AND_BARE.finditer(sentence):
        candidates.append((m.start("noun"), m.end(), m.group("noun").lower(), "person"))
    for m in _PRONOUN.finditer(sentence) if "was" in sentence or "been" in sentence or "being" in sentence else ():
        candidates.append((m.start(), m.end(), "", "pronoun"))
    # each scan only where its words can stand (a substring every match holds)
    if any(w in sentence for w in _ELLIPTIC_WORDS):
        for m in _ELLIPTIC.finditer(sentence):
            candidates.append((m.start(), m.end(), "", "person"))
    both = {m.start(): m for m in _BOTH.finditer(sentence) if PERSON_NOUNS.match(m.group("noun"))} if "oth" in sentence else {}
    if "couple" in sentence or "win" in sentence:
        both.update({m.start(): m for m in _PAIR.finditer(sentence)})
    for m in both.values():
        candidates.append((m.start(), m.end(), (m.group("noun") or m.group("noun2") or m.group("noun3") or "").lower(), "both"))
    tokens_alpha = words_of(sentence)  # the lexicon found them for this sentence already
    title_case = len(tokens_alpha) >= 4 and sum(w[0].isupper() for w in tokens_alpha) > 0.6 * len(tokens_alpha)
    for m in () if title_case else _NAMED.finditer(sentence):
        if _person_name(sentence, m):
            candidates.append((m.start(), m.end(), "", "name"))
    people_ends = {e for _, e, _, h in candidates if h == "person"}
    for start, end, noun, how in sorted(candidates, key=lambda c: (c[0], -c[1])):  # the longest phrase first
        if any(a < end and start < b for a, b in taken):
            continue
        if how == "name" and any(sentence[e:start].strip() == "" for e in people_ends if e <= start):
            continue  # "the TTP commander Umar Khalid Khurasani": the name is the person just counted
        if re.search(r"\bone of (?:them|whom)\s*,?\s*$", sentence[max(0, start - 20) : start], re.IGNORECASE):
            continue  # "two suspects, one of them a local commander": the commander is the one just counted
        if how == "person" and _in_breakdown(sentence, start, end):
            continue  # "Two of them, a man of 30 and a woman of 22, ...": the two, described
        taken.append((start, end))
        words = sentence[start:end]
        inside = next((h for h in hits if h.role == "phrase" and h.start < start and end <= h.end), None)
        if inside and how == "person":
            out.append(Decision(start, end, words, inside.kind, Range(1, 1, "exact", words), noun,
                                (f"one person ('{words}'), inside '{sentence[inside.start:inside.end]}'",)))
            continue
        obj = object_cue(tokens, hits, start) if how == "person" else None
        if obj and obj.cue.lemma not in ("shoot", "stab"):
            out.append(Decision(start, end, words, obj.kind, Range(1, 1, "exact", words), noun,
                                (f"one person ('{words}'), object of '{sentence[obj.start:obj.end]}'",)))
            continue
        subject = subject_cue(tokens, hits, end, person=True)
        if not subject or (how == "name" and subject[1] != "passive" and subject[0].role != "intransitive"):
            # a name before an active verb is the one who acted; "X, nine, succumbed" is what befell X
            out.append(Decision(start, end, words, "", Range(1, 1, "exact", words), noun, ("no cue holds this person",)))
            continue
        hit, role = subject
        if how == "pronoun" and (hit.kind != "arrested" or role != "passive"):
            out.append(Decision(start, end, words, "", Range(1, 1, "exact", words), noun, ("a pronoun counts only as one arrested",)))
            continue
        if hit.kind == "injured" and _LATER_DIED.search(sentence, hit.end):
            hit = next((h for h in hits if h.kind == "killed" and h.start > hit.end), hit)  # "taken to hospital, where he later died"
        count = 2 if how == "both" else 1
        out.append(
            Decision(start, end, words, hit.kind, Range(count, count, "exact", words), noun,
                     (f"{'two people' if count == 2 else 'one person'} ('{words}'), {role} of '{sentence[hit.start:hit.end]}'",),
                     part=role == "among")
        )
    return out
