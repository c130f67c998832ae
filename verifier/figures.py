"""Figure frames: which counts in a sentence are casualties, arrests, troops or munitions.

Every count (``numbers.find_numbers``) is offered to the frames in turn: a casualty verb right after
it ("8 people were killed"), a munitions noun, a casualty verb right before it ("killing three"), a
toll phrase ("the death toll rose to 10"), a troop noun with its action, a troop level. A level change
("cut from 4,500 to 2,500") also gives the withdrawal it implies. Parts of a total ("including five
children", "48 of them", a step "after two more died") are marked so the matcher never reads them as
the total. The words themselves are data (``data/frames.toml``).
"""

from __future__ import annotations

import re

from .attribution import leading_subject, strip_intro
from .draft import Draft
from .frames import CASUALTY_KINDS, Frames
from .numbers import find_numbers
from .types import NumberMention, Range

# Words before a figure that make it a part of a larger total ("including five children").
SUBGROUP_BEFORE = re.compile(
    r"(?:\b(?:including|among them|among whom|of whom|of them|of those|of the \w+|among the \w+(?: (?:were|was))?|the dead included|the (?:injured|wounded) included)|\balone)\s*,?\s*$",
    re.IGNORECASE,
)
SUBGROUP_AFTER = re.compile(
    r"^\s+(?:of|among)\s+(?:them|the\s+(?:dead|wounded|injured|victims|killed))\b|^[^,.;]{0,60}\balone\b", re.IGNORECASE
)
# How far around a troop figure we look for the action word, in characters.
TROOP_ACTION_WINDOW = 60
# Left dead, left wounded: "left 31 inmates dead".
_LEFT_BEFORE = re.compile(r"\b(?:left|leaving|leaves|leave)\s+$", re.IGNORECASE)
_LEFT_AFTER = {
    "killed": re.compile(r"^(?:\s+[\w'-]+){0,3}?\s+dead\b", re.IGNORECASE),
    "injured": re.compile(r"^(?:\s+[\w'-]+){0,3}?\s+(?:wounded|injured|hurt)\b", re.IGNORECASE),
}
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?([a-z]{3,}s)\b(?!\s+of\b)")


def _casualty_after(frames: Frames, after: str) -> tuple[str, str] | None:
    """A casualty verb right after the figure ("8 people were killed", "31 wounded")."""
    if not frames.casualty_after_any.match(after):
        return None
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
    if frames.casualty_before_any.search(before):
        for frame in frames.casualty:
            if frame.before.search(before):
                return frame.kind, _noun_of(after[:40], frames)
    clause = _clause_before(before)
    if frames.casualty_toll_any.search(clause):
        for frame in frames.casualty:
            if frame.toll.search(clause):
                return frame.kind, "people"
    return None


def _noun_of(text: str, frames: Frames) -> str:
    """Who a figure counts: a known group word, else the plural noun right after it ("assailants")."""
    m = frames.people_noun_after.match(text)
    if m:
        return m.group(1).lower()
    plural = _PLURAL_AFTER.match(text)
    return plural.group(1).lower() if plural else ""


def _clause_before(before: str) -> str:
    """The part of the clause before a figure: the toll phrase must be in it, not in a previous clause."""
    cut = max(before.rfind(";"), before.rfind(". "), before.rfind(" and "), before.rfind(" while "))
    return before[cut + 1 :] if cut >= 0 else before


# How far before a figure an interception verb may stand ("shot down all 12", "downed 25 of the 31").
INTERCEPT_BEFORE_WORDS = 3
_FIRED = re.compile(r"\b(?:fired|launched|sent|shot(?!\s+down)|lobbed|hurled|unleashed|used)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;:.]|,\s+(?:and|while|but|\w+ of (?:which|them))\b|\s(?:and|while|but|whereas)\s", re.IGNORECASE)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``: the verb nearest a figure that follows it."""
    found = None
    for found in pattern.finditer(text):  # noqa: B007
        continue
    return found


_COORDINATED_COUNT = re.compile(
    r"\s+and\s+(?:all\s+|some\s+|most\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)\s+"
    r"(?:of\s+(?:the|its|their)\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?=(?:were|was|had been|have been|are|had|have)\b)",
    re.IGNORECASE,
)


def _intercepted(frames: Frames, sentence: str, m: NumberMention, noun_end: int) -> bool:
    """Were these munitions shot down? An interception verb right before the figure ("intercepted 18",
    "shot down all 12"), or as the predicate of its noun before any firing verb ("12 drones were
    shot down"; not "31 drones were launched and air defences destroyed 24 of them")."""
    before = sentence[max(0, m.start - 60) : m.start]
    fired = _last(_FIRED, before)
    if fired is not None and len(before[fired.end() :].split()) <= INTERCEPT_BEFORE_WORDS:
        return False  # "Hezbollah fired about 20 rockets, most of which were intercepted"
    hit = _last(frames.intercepted, before)
    if hit is not None and len(before[hit.end() :].split()) <= INTERCEPT_BEFORE_WORDS and not _CLAUSE_END.search(before[hit.end() :]):
        return True
    rest = sentence[noun_end : noun_end + 80]
    # "747 of the drones and four of the missiles were shot down": a coordinated subject shares the verb
    coordinated = _COORDINATED_COUNT.match(rest)
    rest = rest[coordinated.end() :] if coordinated else rest
    end = _CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    verb = frames.intercepted.search(clause)
    if verb is None:
        return False
    after_fired = _FIRED.search(clause)
    return after_fired is None or after_fired.start() > verb.start()


def _shot_down_count(frames: Frames, sentence: str, m: NumberMention, drafts: list[Draft]) -> Draft | None:
    """"Iron Dome intercepted about 1,100", "air defences destroyed 24 of them": a figure right after an
    interception verb, with no noun of its own, counts the munitions the sentence named."""
    named = next((d for d in reversed(drafts) if d.kind == "munitions" and d.end <= m.start), None)
    if named is None:
        return None
    before = sentence[max(0, m.start - 30) : m.start]
    verb = _last(frames.intercepted, before)
    if verb is None or before[verb.end() :].strip() not in ("", "all", "about", "some", "around", "nearly", "at least", "more than"):
        return None
    return Draft("munitions", m.value, m.start, m.end, named.noun, stance="intercepted")


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


def find_figures(frames: Frames, sentence: str, numbers: list[NumberMention] | None = None) -> list[Draft]:
    """Figure claims of one sentence; ``numbers`` are its number mentions when the caller has them."""
    drafts: list[Draft] = []
    mentions = [m for m in (find_numbers(sentence) if numbers is None else numbers) if m.category == "count"]
    used: set[int] = set()
    changes = frames.troop_change.finditer(sentence) if "from" in sentence and mentions else ()
    for change in changes:
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
        ceiling = _CEILING.search(sentence)
        if not ceiling:
            drafts.append(Draft("troops", a.value, a.start, a.end, "troops", stance="level"))  # the level before the cut
        drafts.append(Draft("troops", b.value, b.start, b.end, "troops", stance="level"))
        used.update({a.start, b.start})
        if ceiling:
            continue  # a lower ceiling on how many may deploy withdraws nobody by itself
        text = sentence[min(a.start, b.start) : max(a.end, b.end)]
        drafts.append(
            Draft("troops", Range(diff, diff, "derived", text), min(a.start, b.start), max(a.end, b.end), "troops", stance="withdraw")
        )
    for m in mentions:
        if m.start in used:
            continue
        if any(_OF_A_TOTAL.fullmatch(sentence, p.end, m.start) for p in mentions if p.end <= m.start):
            # "Nineteen of the 42 escapees were recaptured": the 42 is what the 19 are counted in; but
            # "downed 25 of the 31 drones" also says 31 were launched
            total = frames.munitions_noun.match(sentence[m.end : m.end + 60])
            if total and any(d.kind == "munitions" and d.stance == "intercepted" for d in drafts):
                drafts.append(Draft("munitions", m.value, m.start, m.end, total.group(0).strip().lower()))
            continue
        before = sentence[max(0, m.start - 40) : m.start]
        after = sentence[m.end : m.end + 60]
        stance = "part" if SUBGROUP_BEFORE.search(before) or SUBGROUP_AFTER.match(after) else ""
        casualty = _casualty_after(frames, after)
        munitions = frames.munitions_noun.match(after)
        if munitions and not casualty:
            action = "intercepted" if _intercepted(frames, sentence, m, m.end + munitions.end()) else stance
            drafts.append(Draft("munitions", m.value, m.start, m.end, munitions.group(0).strip().lower(), stance=action))
            continue
        shot_down = _shot_down_count(frames, sentence, m, drafts)
        if shot_down is not None:
            drafts.append(shot_down)
            continue
        casualty = casualty or _casualty_kind(frames, sentence, m)
        if casualty:
            kind, noun = casualty
            drafts.append(Draft(kind, m.value, m.start, m.end, noun, stance=stance))
            continue
        troops = frames.troops_noun.match(after)
        toll = next((d for d in reversed(drafts) if d.kind in CASUALTY_KINDS and d.end <= m.start), None)
        if troops and toll is not None and stance == "part":
            # "12 US service members, among them 11 Marines, were killed": soldiers counted in a toll
            drafts.append(Draft(toll.kind, m.value, m.start, m.end, troops.group(0).split()[-1].lower(), stance="part"))
        elif troops and m.value.low != 0:
            noun = troops.group(0).split()[-1].lower()
            owner = _troop_owner(sentence, m, troops.group(0))
            # "about 700 of the soldiers who stay": a part of a force, whatever it does
            action = _troop_action(frames, sentence, m)
            if action == "level" and (_OF_THE_FORCE.match(after) or stance == "part"):
                action = "part"
            drafts.append(Draft("troops", m.value, m.start, m.end, noun, owner, stance=action))
        elif m.value.low != 0 and _ends_phrase(after) and frames.troop_level_before.search(
            _clause_before(sentence[max(0, m.start - 100) : m.start])
        ):
            drafts.append(Draft("troops", m.value, m.start, m.end, "troops", stance="level"))
        elif m.value.low != 0 and _TROOPS_MENTIONED.search(sentence) and _TROOP_MOVE_AFTER.match(after):
            # "...has about 12,400 troops, so some 1,400 will have to be repatriated"
            moved = _TROOP_MOVE_AFTER.match(after)
            going = moved is not None and re.search(r"(?:deployed|sent|redeployed)$", moved.group(0), re.IGNORECASE) is None
            drafts.append(Draft("troops", m.value, m.start, m.end, "troops", stance="withdraw" if going else "deploy"))
        elif m.value.low != 0 and _OF_THEM.match(after) and (force := _last_troops(drafts, m)) is not None:
            # "2,000 National Guard members, and some 300 of them took up positions": part of that force
            drafts.append(Draft("troops", m.value, m.start, m.end, force.noun, force.actor, stance="part"))
        else:
            part = _listed_part(sentence, m, drafts, frames) or _troop_part(sentence, m, drafts)
            if part:
                drafts.append(part)
    steps = _increments_are_parts(sentence, _there_is_a_part(sentence, drafts))
    # "as two more of the injured succumbed": a step of the toll, not a figure of its own
    return _share_nouns([d for d in steps if not (d.stance == "part" and d.noun == "more")])


# "two people had been killed there": a count for one place named before, a part of the whole.
_THERE_AFTER = re.compile(r"^[^,.;]{0,60}?\b(?:killed|died|dead|wounded|injured|hurt|arrested|detained)\s+there\b", re.IGNORECASE)


_CEILING = re.compile(r"\b(?:ceiling|cap|authori[sz]ed|mandated strength|limit)\b", re.IGNORECASE)
_TROOPS_MENTIONED = re.compile(r"\b(?:troops|soldiers|peacekeepers|personnel|forces)\b", re.IGNORECASE)
_TROOP_MOVE_AFTER = re.compile(
    r"^\s+(?:will|would|must|are to|were|are|have|had|to)\s+(?:\w+\s+){0,3}?(?:be\s+)?"
    r"(?:repatriated|withdrawn|deployed|sent home|brought home|pulled out|redeployed|sent)\b",
    re.IGNORECASE,
)


# "2,000 members of the California National Guard": the force is named last, whole.
_FORCE_NAMED_LAST = re.compile(r"\bmembers\s+of\s+the\s+((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*)$")
_OWNER_IN_NOUN = re.compile(r"\b((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*)\s+[\w-]+$")


def _troop_owner(sentence: str, m: NumberMention, noun_phrase: str) -> str:
    """Whose troops: a name in the noun phrase ("1,500 Aldorian soldiers", "2,000 US troops"), else the
    clause's subject when it names someone ("Aldoria will withdraw 1,500 troops")."""
    named = _FORCE_NAMED_LAST.search(noun_phrase.strip())
    if named:
        return named.group(1)
    inside = _OWNER_IN_NOUN.search(noun_phrase.strip())
    if inside:
        return inside.group(1)
    subject = leading_subject(strip_intro(_clause_before(sentence[: m.start])))
    return subject if re.search(r"\b(?!The\b|A\b|An\b)[A-Z]", subject) else ""


def _there_is_a_part(sentence: str, drafts: list[Draft]) -> list[Draft]:
    return [
        Draft(d.kind, d.value, d.start, d.end, d.noun, d.actor, "part")
        if d.kind in CASUALTY_KINDS and d.stance == "" and _THERE_AFTER.match(sentence[d.end :])
        else d
        for d in drafts
    ]


def _share_nouns(drafts: list[Draft]) -> list[Draft]:
    """"killing two peacekeepers and wounding five": the five are peacekeepers too."""
    out: list[Draft] = []
    for d in drafts:
        if d.kind in CASUALTY_KINDS and not d.noun:
            named = next((e.noun for e in reversed(out) if e.kind in CASUALTY_KINDS and e.noun), "")
            if named:
                d = Draft(d.kind, d.value, d.start, d.end, named, d.actor, d.stance)
        out.append(d)
    return out


_OF_A_TOTAL = re.compile(r"\s+(?:of the|out of|of all)\s+", re.IGNORECASE)
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


_OF_THEM = re.compile(r"^\s+of\s+(?:them|those)\b", re.IGNORECASE)


def _last_troops(drafts: list[Draft], m: NumberMention) -> Draft | None:
    """The troop figure read last before ``m`` in the sentence, the force "of them" points back to."""
    return next((d for d in reversed(drafts) if d.kind == "troops" and d.end <= m.start), None)


_OF_THE_FORCE = re.compile(r"^\s+of\s+(?:the|its|their|our|those)\s+", re.IGNORECASE)
_IN_PLACE = re.compile(r"^\s+(?:troops\s+|soldiers\s+)?(?:in|at|on)\s+(?:the\s+)?[A-Z]")


def _troop_part(sentence: str, m: NumberMention, drafts: list[Draft]) -> Draft | None:
    """"5,100 troops in the Sahel, including 2,400 in Mali": a part of a troop figure, for one place."""
    total = next((d for d in reversed(drafts) if d.kind == "troops" and d.end <= m.start), None)
    if total is None or not SUBGROUP_BEFORE.search(sentence[max(0, m.start - 40) : m.start]) or not _IN_PLACE.match(sentence[m.end : m.end + 40]):
        return None
    return Draft("troops", m.value, m.start, m.end, total.noun, total.actor, stance="part")


def _listed_part(sentence: str, m: NumberMention, drafts: list[Draft], frames: Frames) -> Draft | None:
    total = next((d for d in reversed(drafts) if d.kind in CASUALTY_KINDS and d.end <= m.start), None)
    if total is None or not _LISTED_AFTER_TOTAL.match(sentence[total.end : m.start]):
        return None
    if "," not in sentence[m.end : m.end + 60]:
        return None
    return Draft(total.kind, m.value, m.start, m.end, _noun_of(sentence[m.end : m.end + 40], frames), stance="part")


def _increments_are_parts(sentence: str, drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
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
            d = Draft(d.kind, d.value, d.start, d.end, d.noun, d.actor, "part")
        out.append(d)
    for i, d in enumerate(out):
        later = next((e for e in out[i + 1 :] if e.kind == d.kind and e.kind in CASUALTY_KINDS), None)
        if later and d.stance == "" and _BRINGING_TOTAL.search(sentence[d.end : later.start]):
            out[i] = Draft(d.kind, d.value, d.start, d.end, d.noun, d.actor, "part")
    return out


def _ends_phrase(after: str) -> bool:
    """Nothing countable follows the figure: punctuation, the end, or a preposition ("to 2,500 by January")."""
    return bool(re.match(r"\s*(?:$|[.,;:)]|(?:by|in|from|next|this|before|after|at|on|over|within|until|as|and)\b)", after))

