"""A role for every figure and every indefinite victim in a sentence, decided from cues around it.

The frames (``figures``) read the exact phrasings they list. Reporters write more ways than any list:
"three men inside the home were injured", "Five bodies and 21 injured people were brought to
hospital", "the figure had climbed to 64", "a man was shot and killed". The reader looks at each
count the number grammar found, and at each singular person ("a teenager", "another victim", "the
suspect", "Mr Crimo"), and asks where it stands relative to the cues of ``lexicon``:

1. subject: the counted noun phrase, then only auxiliaries and adverbs, then a passive or intransitive
   cue ("3 people were killed", "two children died", "nine are in custody");
2. object: an active cue right before it ("killing three", "arrested 14");
3. label: a state word or cue noun right after it ("21 injured people", "3 dead", "five bodies");
4. tally: a cue earlier in the clause and a tally verb right before it ("injured ... now top 100",
   "the death toll climbed to 57"), or "the figure/number/tally" standing for the kind last read.

Coordinated counts before one verb are summed ("a man and a woman were killed" is 2). Every
decision keeps the reasons an editor or developer reads in ``verifier explain``.

The stages live in their own modules: ``positions`` (where a figure stands to a cue), ``counts`` (a
count's role), ``people`` (singular people), ``totals`` (parts, sums, steps); ``words`` holds the
word lists and the objects they pass around.
"""

from __future__ import annotations

from ..numbers import find_numbers
from ..types import NumberMention
from .counts import AGE_AFTER_NAME, decide_figure
from .lexicon import Lexicon
from .people import decide_people
from .totals import (
    elliptic_counts,
    listed_parts,
    parts_of_totals,
    shot_then_fatally,
    step_or_figure,
    sum_coordinated,
)
from .words import TALLY_WORD, Decision, Tokens


def read(lexicon: Lexicon, sentence: str, *, last_kind: str = "", numbers: list[NumberMention] | None = None) -> list[Decision]:
    """Every figure and singular person of ``sentence`` with the role decided for it (``numbers``: its
    number mentions when the caller has them)."""
    hits = lexicon.find(sentence) if lexicon.prefilter.search(sentence) else []
    if not hits and not (last_kind and TALLY_WORD.search(sentence)):
        return []
    tokens = Tokens(sentence)
    ends = {h.end for h in hits}
    mentions = [
        m for m in (find_numbers(sentence) if numbers is None else numbers)
        if m.category == "count" or (m.category == "identifier" and sentence[: m.start].rstrip() and len(sentence[: m.start].rstrip()) in ends)
    ]
    decisions = [decide_figure(tokens, hits, m, last_kind) for m in mentions]
    ages = {(d.start, d.end) for d in decisions if d.refused == AGE_AFTER_NAME}
    people = decide_people(tokens, hits, [(m.start, m.end) for m in mentions if (m.start, m.end) not in ages])
    figures = [d for d in decisions if not d.refused]
    ordered = elliptic_counts(sentence, listed_parts(sentence, sum_coordinated(sentence, parts_of_totals(sentence, sorted(figures + people, key=lambda d: d.start), last_kind))))
    ordered = sorted(ordered + [d for d in decisions if d not in figures], key=lambda d: d.start)
    return [step_or_figure(sentence, d, ordered) for d in ordered if not shot_then_fatally(sentence, d, ordered)]
