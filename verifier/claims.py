"""Claims from text, in stages (the same for stories and reference reports):

1. clean: drop page furniture (``clean.clean_text``);
2. sentences (``clean.split_sentences``);
3. figures: every count in a sentence (``numbers.find_numbers``) is offered to the frames — casualty
   verbs next to it, then the noun after it (munitions, troops); a troop level change
   ("cut from 4,500 to 2,500") also gives the withdrawal it implies;
4. attribution: verb frames for claimed / denied / blamed, with the subject before the verb as actor;
5. who is cited ("officials say", "according to police") for every claim of the sentence.

No I/O: the frames are data compiled once (``frames.default_frames``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import clean_text, split_sentences
from .frames import CASUALTY_KINDS, Frames, default_frames
from .numbers import find_numbers
from .types import Claim, NumberMention, Range

# Words before a figure that make it a part of a larger total ("including five children").
SUBGROUP_BEFORE = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them|of those|of the \w+|among the \w+(?: (?:were|was))?|the dead included|the (?:injured|wounded) included)\s*,?\s*$",
    re.IGNORECASE,
)
SUBGROUP_AFTER = re.compile(r"^\s+(?:of|among)\s+(?:them|the\s+(?:dead|wounded|injured|victims|killed))\b", re.IGNORECASE)
# How far around a troop figure we look for the action word, in characters.
TROOP_ACTION_WINDOW = 60

_CLAUSE_BOUNDARY = re.compile(
    r"(?:;|:|\u2014|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b|,?\s+and\b|\bthat\b|\bsaid\b|\bsays\b|\bwhich\b|\bwho\b|\bbecause\b)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|whom|where)\b[^,]*,", re.IGNORECASE)
# A descriptive appositive (", a separatist movement that operates in the region,"): not the actor's name.
# A descriptive appositive (", a separatist movement that operates in the region,"): not the actor's
# name, though a name inside it ("head of the Civic Renewal Movement") says whom the actor speaks for.
_APPOSITIVE = re.compile(
    r",\s*(?:(?:the|a|an)\s+|(?:one|part|among|member|several|head|leader|chief|founder|spokes\w+)\b)[^,]{0,160},"
)
_TITLE_NAME = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:(?:of|the|for|al|de|du|and)\s+)*[A-Z][\w'-]+)+")


def _appositive_names(m: re.Match[str]) -> str:
    names = [n for n in _TITLE_NAME.findall(m.group(0)) if len(n.split()) >= 2]
    return f" ({'; '.join(names)}) " if names else " "
# "The attack, claimed by the Islamic State group": a passive claim names its actor after "by".
_CLAIMED_BY = re.compile(r"\bclaimed by (?P<actor>(?:the |a )?[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|of|the|al|for|and))*)")
# Left dead, left wounded: "left 31 inmates dead".
_LEFT_BEFORE = re.compile(r"\b(?:left|leaving|leaves|leave)\s+$", re.IGNORECASE)
_LEFT_AFTER = {
    "killed": re.compile(r"^(?:\s+[\w'-]+){0,3}?\s+dead\b", re.IGNORECASE),
    "injured": re.compile(r"^(?:\s+[\w'-]+){0,3}?\s+(?:wounded|injured|hurt)\b", re.IGNORECASE),
}
_ASIDE = re.compile(r",\s*(?:however|though|too|meanwhile|in turn|for (?:its|their|his|her) part|in a statement)\s*(?:,|$)", re.IGNORECASE)
_INTRO = re.compile(
    r"^\s*(?:(?:in|on|at|after|before|during|speaking|asked|earlier|later|meanwhile|however|separately|"
    r"instead|also|yesterday|today|late|early|for|from|with|by|according|in a statement)\b[^,]{0,80},\s*)+",
    re.IGNORECASE,
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:has|had|have|also|later|earlier|nonetheless|again|swiftly|quickly|already|previously|continued to|"
    r"repeatedly|immediately|strongly|firmly|flatly|itself|themselves|now|then|on \w+day(?: \w+)?|in a statement|"
    r"publicly|officially|however|though|meanwhile|in turn|for (?:its|their|his|her) part|\w+ly))+\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION = (
    re.compile(r"\baccording to (?P<s>[^,.;]{2,80})", re.IGNORECASE),
    re.compile(
        r"[,;]\s*(?P<s>[^,;\"\u201c]{2,60}?)\s+(?:said|says|say|told (?:reporters|\w+)|reported|confirmed|announced|added)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<s>[^,;\"\u201c]{2,60}?)\s+(?:said|says|say|told|reported|confirmed|announced)\b", re.IGNORECASE),
    re.compile(r"\b(?:said|says)\s+(?P<s>(?:the|a|an)\s+[^,.;]{2,50}?)\s*[.]?$", re.IGNORECASE),
)
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?([a-z]{3,}s)\b(?!\s+of\b)")
_NOT_A_SOURCE = frozenset({"", "and", "he", "she", "it", "they", "we", "while", "but", "who", "which", "i"})


@dataclass(frozen=True)
class Analysis:
    """The cleaned text, its sentences and the claims found in it (spans index ``text``)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    claims: tuple[Claim, ...]
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Draft:
    kind: str
    value: Range | None
    start: int
    end: int
    noun: str = ""
    actor: str = ""
    stance: str = ""


def _casualty_after(frames: Frames, after: str) -> tuple[str, str] | None:
    """A casualty verb right after the figure ("8 people were killed", "31 wounded")."""
    for frame in frames.casualty:
        hit = frame.after.match(after)
        if hit:
            return frame.kind, _noun_of(hit.group(0), frames)
    return None


def _casualty_kind(frames: Frames, sentence: str, m: NumberMention) -> tuple[str, str] | None:
    """The casualty kind a figure counts, from the verb right after or right before it."""
    after = sentence[m.end : m.end + 120]
    before = sentence[max(0, m.start - 140) : m.start]
    found = _casualty_after(frames, after)
    if found:
        return found
    if _LEFT_BEFORE.search(before):
        for kind, pattern in _LEFT_AFTER.items():
            if pattern.match(after):
                return kind, _noun_of(after[:40], frames)
    for frame in frames.casualty:
        if frame.before.search(before):
            return frame.kind, _noun_of(after[:40], frames)
    for frame in frames.casualty:
        if frame.toll.search(_clause_before(before)):
            return frame.kind, "people"
    return None


def _noun_of(text: str, frames: Frames) -> str:
    """Who a figure counts: a known group word, else the plural noun right after it ("assailants")."""
    m = re.match(rf"\s+(?:more\s+)?(?:[\w'-]+\s+){{0,2}}?({frames.people_nouns})\b", text, re.IGNORECASE)
    if m:
        return m.group(1).lower()
    plural = _PLURAL_AFTER.match(text)
    return plural.group(1).lower() if plural else ""


def _clause_before(before: str) -> str:
    """The part of the clause before a figure: the toll phrase must be in it, not in a previous clause."""
    cut = max(before.rfind(";"), before.rfind(". "), before.rfind(" and "), before.rfind(" while "))
    return before[cut + 1 :] if cut >= 0 else before


def _troop_action(frames: Frames, sentence: str, m: NumberMention) -> str:
    lo = max(0, m.start - TROOP_ACTION_WINDOW)
    hi = min(len(sentence), m.end + TROOP_ACTION_WINDOW)
    best: tuple[int, str] | None = None
    for name, pattern in frames.troop_actions:
        for hit in pattern.finditer(sentence, lo, hi):
            distance = m.start - hit.end() if hit.end() <= m.start else hit.start() - m.end
            if distance < 0:
                continue
            # verbs before the figure bind tighter than those after it
            rank = distance if hit.end() <= m.start else distance + 15
            if best is None or rank < best[0]:
                best = (rank, name)
    return best[1] if best else "level"


def _figures(frames: Frames, sentence: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    mentions = [m for m in find_numbers(sentence) if m.category == "count"]
    used: set[int] = set()
    for change in frames.troop_change.finditer(sentence):
        if not frames.troops_noun.search(" " + sentence[max(0, change.start() - 80) : change.end() + 40]) and not re.search(
            r"\btroops?\b|\bsoldiers\b|\bforces\b", sentence, re.IGNORECASE
        ):
            continue
        a_key, b_key = ("a", "b") if change.group("a") else ("a2", "b2")
        a = next((m for m in mentions if m.start == change.start(a_key)), None)
        b = next((m for m in mentions if m.start == change.start(b_key)), None)
        if not (a and b and a.value.low is not None and b.value.low is not None and a.value.low > b.value.low):
            continue
        diff = a.value.low - b.value.low
        drafts.append(_Draft("troops", b.value, b.start, b.end, "troops", stance="level"))
        text = sentence[min(a.start, b.start) : max(a.end, b.end)]
        drafts.append(
            _Draft("troops", Range(diff, diff, "derived", text), min(a.start, b.start), max(a.end, b.end), "troops", stance="withdraw")
        )
        used.update({a.start, b.start})
    for m in mentions:
        if m.start in used:
            continue
        before = sentence[max(0, m.start - 40) : m.start]
        after = sentence[m.end : m.end + 60]
        stance = "part" if SUBGROUP_BEFORE.search(before) or SUBGROUP_AFTER.match(after) else ""
        casualty = _casualty_after(frames, after)
        munitions = frames.munitions_noun.match(after)
        if munitions and not casualty:
            near = sentence[max(0, m.start - 40) : m.end + 80]
            action = "intercepted" if frames.intercepted.search(near) else stance
            drafts.append(_Draft("munitions", m.value, m.start, m.end, munitions.group(0).strip().lower(), stance=action))
            continue
        casualty = casualty or _casualty_kind(frames, sentence, m)
        if casualty:
            kind, noun = casualty
            drafts.append(_Draft(kind, m.value, m.start, m.end, noun, stance=stance))
            continue
        troops = frames.troops_noun.match(after)
        if troops and m.value.low != 0:
            noun = troops.group(0).split()[-1].lower()
            drafts.append(_Draft("troops", m.value, m.start, m.end, noun, stance=_troop_action(frames, sentence, m)))
        elif m.value.low != 0 and _ends_phrase(after) and frames.troop_level_before.search(
            _clause_before(sentence[max(0, m.start - 100) : m.start])
        ):
            drafts.append(_Draft("troops", m.value, m.start, m.end, "troops", stance="level"))
        else:
            part = _listed_part(sentence, m, drafts, frames)
            if part:
                drafts.append(part)
    return _increments_are_parts(sentence, drafts)


# "Eleven people, eight policemen and three civilians, were killed": a count listed right after a
# total, between commas, is a part of that total.
_LISTED_AFTER_TOTAL = re.compile(
    r"^\s+[\w'-]+(?:\s+[\w'-]+)?,\s+(?!including|among|such as)(?:[^,;.]{1,60}?\s+and\s+)?$", re.IGNORECASE
)
# "...had risen to eight, after two people ... died": a smaller figure of the same kind after one of
# these words is a step towards the total, not a total of its own.
_INCREMENT_BETWEEN = re.compile(r"\b(?:after|as|when|including|of whom|among them|with)\b", re.IGNORECASE)
# "...took 23 people into custody, bringing the number of detentions to 74": the 23 is a step.
_BRINGING_TOTAL = re.compile(r"\bbringing\b[^.;]{0,80}$", re.IGNORECASE)


def _listed_part(sentence: str, m: NumberMention, drafts: list[_Draft], frames: Frames) -> _Draft | None:
    total = next((d for d in reversed(drafts) if d.kind in CASUALTY_KINDS and d.end <= m.start), None)
    if total is None or not _LISTED_AFTER_TOTAL.match(sentence[total.end : m.start]):
        return None
    if "," not in sentence[m.end : m.end + 60]:
        return None
    return _Draft(total.kind, m.value, m.start, m.end, _noun_of(sentence[m.end : m.end + 40], frames), stance="part")


def _increments_are_parts(sentence: str, drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        earlier = next(
            (
                e
                for e in reversed(out)
                if e.kind == d.kind and e.kind in CASUALTY_KINDS and e.end <= d.start and e.value and d.value
            ),
            None,
        )
        if (
            earlier
            and d.stance == ""
            and earlier.value is not None
            and d.value is not None
            and earlier.value.low is not None
            and d.value.high is not None
            and d.value.high < earlier.value.low
            and _INCREMENT_BETWEEN.search(sentence[earlier.end : d.start])
        ):
            d = _Draft(d.kind, d.value, d.start, d.end, d.noun, d.actor, "part")
        out.append(d)
    for i, d in enumerate(out):
        later = next((e for e in out[i + 1 :] if e.kind == d.kind and e.kind in CASUALTY_KINDS), None)
        if later and d.stance == "" and _BRINGING_TOTAL.search(sentence[d.end : later.start]):
            out[i] = _Draft(d.kind, d.value, d.start, d.end, d.noun, d.actor, "part")
    return out


def _ends_phrase(after: str) -> bool:
    """Nothing countable follows the figure: punctuation, the end, or a preposition ("to 2,500 by January")."""
    return bool(re.match(r"\s*(?:$|[.,;:)]|(?:by|in|from|next|this|before|after|at|on|over|within|until|as|and)\b)", after))


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One claim per fact and figure in a sentence ("rose to 45, bringing the total to 45")."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in drafts:
        key = (d.kind, d.stance, d.actor.lower(), d.value.low if d.value else None, d.value.high if d.value else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


_VERBISH = re.compile(r"^(?:[a-z]+ed|said|says|told|has|had|have|is|was|were|are|will|would|did|does|condemn\w*|accus\w*|blam\w*|den\w*|claim\w*|\w+ly)$")


def _leading_subject(clause: str) -> str:
    """The noun phrase a clause starts with: words up to its first verb ("Chief Minister X condemned")."""
    words: list[str] = []
    for word in clause.split():
        if words and _VERBISH.match(word):
            break
        words.append(word)
    return " ".join(words).strip(" ,") if 0 < len(words) <= 10 else ""


def _subject(pre: str) -> str:
    """The actor of a verb, from the clause before it: "In a statement, the Taliban" -> "the Taliban".

    A second verb joined by "and" ("condemned the attack and pointed the finger at") shares the
    subject of the first, so an empty clause after "and" takes the sentence's leading noun phrase.
    """
    text = _APPOSITIVE.sub(_appositive_names, _RELATIVE.sub("", _ASIDE.sub(" ", pre)))
    cuts = list(_CLAUSE_BOUNDARY.finditer(text))
    if cuts:
        last = cuts[-1]
        if not text[last.end() :].strip(" ,") and last.group(0).strip(" ,").lower() == "and":
            return _leading_subject(_INTRO.sub("", text[: last.start()]))
        text = text[last.end() :]
    text = _INTRO.sub("", text)
    text = _TRAILING_ADVERBS.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,\"'\u201c\u201d")
    words = text.split()
    if not words or len(words) > 12:
        return ""
    return text


_NEGATORS = frozenset({"not", "never", "no", "nobody", "neither", "nor", "none", "cannot"})


def _negated(pre: str) -> bool:
    """Is the verb negated ("has not claimed", "No group has yet claimed", "refused to deny")?"""
    tail = pre.lower().replace("n't", " not")
    words = re.findall(r"[a-z]+", tail)[-4:]
    clause = re.split(r"[,;]", tail)[-1]
    return bool(_NEGATORS & set(words)) and not re.search(r"\b(?:and|but|while)\b", " ".join(words)) or bool(
        re.search(r"\b(?:yet to|refused to|declined to|failed to)\s+$", clause)
    )


def _passive(pre: str) -> bool:
    """"were denied entry" is not a denial by anyone; "was also blamed on X" names no blamer."""
    return bool(re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+|also\s+|widely\s+)?$", pre, re.IGNORECASE))


def _object(after: str) -> str:
    """Who is blamed: the words after the verb up to "for", "of", "over" or a comma."""
    m = re.match(r"\s*(?P<o>[^,.;:]{1,80}?)(?=\s+(?:for|of|over|on|after|in)\b|[,.;:]|$)", after)
    return m.group("o").strip() if m else ""


def _attributions(frames: Frames, sentence: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    lowered = sentence.lower()
    if not any(stem in lowered for stem in frames.attribution_triggers):
        return drafts
    taken: list[tuple[int, int]] = []

    def add(stance: str, actor: str, start: int, end: int, target: str = "") -> None:
        actor = actor.strip(" ,")
        if not actor or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        drafts.append(_Draft("responsibility", None, start, end, noun=target, actor=actor, stance=stance))

    for pattern, stance in ((frames.denied_embedded, "denied"), (frames.blamed_embedded, "blamed")):
        for hit in pattern.finditer(sentence):
            subject = hit.group("subj")
            speaker = _subject(sentence[: hit.start()])
            own = subject.lower() in frames.anaphors or subject.lower().startswith(("its ", "his ", "her ", "their "))
            if own:
                # "X said its forces carried out the strike": X speaks of itself, so blame is a claim
                actor = speaker
                final = "claimed" if stance == "blamed" else stance
            elif stance == "denied":
                actor, final = subject, stance
            else:
                actor, final = speaker, stance
            add(final, actor, hit.start(), hit.end())
    for pattern, stance in ((frames.claimed, "claimed"), (frames.denied, "denied"), (frames.blamed, "blamed")):
        for hit in pattern.finditer(sentence):
            pre = sentence[: hit.start()]
            if _negated(pre) or _passive(pre):
                continue
            after = sentence[hit.end() :]
            if stance == "blamed" and re.search(r",\s*$", pre) and re.match(r"\w+\s+(?:for|by|on)\b", sentence[hit.start() :]):
                continue  # "The group, blamed for the attack, ..." is a participle, not a blamer
            target = _object(after) if stance == "blamed" else ""
            if stance == "denied":
                target = _object(re.sub(r"^\S+", "", sentence[hit.start() :], count=1))
            add(stance, _subject(pre), hit.start(), hit.end(), target)
    for hit in _CLAIMED_BY.finditer(sentence):
        if not _negated(sentence[: hit.start()]):
            add("claimed", hit.group("actor"), hit.start(), hit.end())
    return drafts


@dataclass
class _Antecedents:
    """Who "the group" and "she" stand for: the organisation and the person last named."""

    group: str = ""
    person: str = ""

    def note(self, name: str, frames: Frames) -> None:
        if not name or name.lower() in frames.anaphors or not re.search(r"[A-Z]", name):
            return
        if _is_person(name):
            self.person = name
        else:
            self.group = name


_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Governor|Mayor|General|Gen|Col|Colonel|Major|Captain|Chief|Senator|"
    r"Judge|Prosecutor|spokes(?:man|woman|person)|head|leader|commander|director|secretary|ambassador|envoy)\b"
)
_ORG_WORDS = frozenset(
    """watch rights army ministry police group front movement party council agency commission office union
    organisation organization international committee court forces force guard brigade brigades state islamic
    cross crescent nations mission service services authority bureau department government alliance coalition
    network company corporation bank""".split()
)


def _is_person(name: str) -> bool:
    """A person's name (with a title, or two or three capitalised words none of which names an organisation)."""
    if _TITLES.search(name):
        return True
    words = re.findall(r"[A-Z][a-z'-]+", name)
    return 2 <= len(words) <= 3 and not any(w.lower() in _ORG_WORDS for w in words)


def _resolve_anaphors(frames: Frames, drafts: list[_Draft], seen: _Antecedents) -> list[_Draft]:
    """"the group denied involvement": name the group last blamed, cited or speaking for itself."""
    out = []
    for d in drafts:
        if d.kind == "responsibility":
            actor = d.actor.lower()
            named = seen.person if actor in {"he", "she"} else seen.group
            if actor in frames.anaphors and named:
                d = _Draft(d.kind, d.value, d.start, d.end, d.noun, f"{d.actor} ({named})", d.stance)
            elif d.stance == "blamed" and d.noun:
                seen.note(d.actor, frames)
                seen.group = d.noun
            elif actor not in frames.anaphors:
                seen.note(d.actor, frames)
        out.append(d)
    return out


def _cited(sentence: str) -> str:
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence)
        if m:
            source = _INTRO.sub("", m.group("s")).strip(" ,\"'")
            source = re.sub(r"^(?:and|while|but|as|whereas|although)\s+", "", source, flags=re.IGNORECASE)
            source = _TRAILING_ADVERBS.sub("", source).strip()
            if source.lower() in _NOT_A_SOURCE:
                continue
            if source and len(source.split()) <= 10 and not re.search(r"\d", source):
                return source
    return ""


def analyse(text: str, *, frames: Frames | None = None) -> Analysis:
    """Clean ``text`` and extract its claims; spans index ``Analysis.text``."""
    frames = frames or default_frames()
    cleaned = clean_text(text)
    body = cleaned.text
    sentences = split_sentences(body)
    claims: list[Claim] = []
    seen = _Antecedents()
    for s_start, s_end in sentences:
        sentence = body[s_start:s_end]
        found = _dedupe(_figures(frames, sentence) + _attributions(frames, sentence))
        if any(d.actor.lower() in {"he", "she"} for d in found):
            # "X condemned the attack, which she blamed on...": she is the sentence's subject
            seen.note(_leading_subject(sentence), frames)
        drafts = _resolve_anaphors(frames, found, seen)
        cited = _cited(sentence)
        seen.note(cited, frames)
        if not drafts:
            continue
        for d in sorted(drafts, key=lambda d: (d.start, d.kind)):
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    kind=d.kind,
                    value=d.value,
                    sentence=sentence,
                    span=(s_start + d.start, s_start + d.end),
                    sentence_span=(s_start, s_end),
                    noun=d.noun,
                    actor=d.actor,
                    stance=d.stance,
                    attributed_to=cited,
                )
            )
    return Analysis(body, tuple(sentences), tuple(claims), cleaned.dropped)


def extract_claims(text: str) -> list[Claim]:
    """The checkable claims of a story or report (pasted text; boilerplate removal included)."""
    return list(analyse(text).claims)
