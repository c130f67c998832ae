"""The reader's decisions joined to what the frames read: the frames keep what they found, the reader
adds what they missed, a sum replaces its parts, and a casualty cue outranks a troop noun
("More than 100 American troops have been diagnosed with brain injuries" is a count of injured)."""

from __future__ import annotations

from ..draft import Draft
from ..figures import SUBGROUP_AFTER, SUBGROUP_BEFORE
from ..frames import CASUALTY_KINDS
from .counts import AGE_AFTER_NAME, AGE_IN_LIST, AGE_OF_PERSON, AGE_OR_TIME, FAMILY_OR_LABEL, MONEY
from .totals import ELLIPSIS_REASON
from .words import Decision

# What the reader knows a number to be, whatever a frame made of it.
_VETOES = frozenset((AGE_AFTER_NAME, AGE_IN_LIST, AGE_OF_PERSON, AGE_OR_TIME, FAMILY_OR_LABEL, MONEY))


def _overlaps(d: Draft, a: int, b: int) -> bool:
    return d.start < b and a < d.end


def merge(sentence: str, frames: list[Draft], decisions: list[Decision]) -> list[Draft]:
    """Frame drafts plus the reader's, one claim per figure."""
    out = [
        f
        for f in frames
        if not any(d.refused in _VETOES and _overlaps(f, d.start, d.end) for d in decisions)
    ]
    for d in decisions:
        if not d.kind or d.value is None:
            continue
        spans = d.covers or ((d.start, d.end),)
        touched = [f for f in out if any(_overlaps(f, a, b) for a, b in spans)]
        if any(f.kind == "munitions" for f in touched):
            continue
        casualty = [f for f in touched if f.kind in CASUALTY_KINDS]
        if (
            len(casualty) == 1 and casualty[0].kind == d.kind and d.value.qualifier == "more_than"
            and casualty[0].value is not None and casualty[0].value.is_exact
        ):
            # "the death toll has passed 250": the frame read 250, the tally verb says more than 250
            f = casualty[0]
            out[out.index(f)] = Draft(f.kind, d.value, f.start, f.end, f.noun, f.actor, f.stance)
            continue
        elliptic = bool(d.reasons) and d.reasons[0].startswith(ELLIPSIS_REASON)
        if casualty and not elliptic and not (d.covers and all(f.kind == d.kind for f in casualty)):
            continue
        out = [f for f in out if f not in touched]
        before = sentence[max(0, d.start - 40) : d.start]
        after = sentence[d.end : d.end + 60]
        part = d.part or SUBGROUP_BEFORE.search(before) or SUBGROUP_AFTER.match(after)
        stance = "part" if part else ""
        out.append(Draft(d.kind, d.value, d.start, d.end, d.noun, stance=stance))
    return sorted(out, key=lambda f: (f.start, f.kind))
