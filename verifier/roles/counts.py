"""The role of one count: never a figure (an age, a family, an address, a projection, the total a part is
counted in), else the first of label, object, subject and tally that holds."""

from __future__ import annotations

import re

from ..types import NumberMention, Range
from .lexicon import CueHit
from .positions import label_cue, noun_after, object_cue, subject_cue, tally_cue
from .words import ANAPHORIC_TALLY, BEYOND, TALLY_VERBS, Decision, Tokens

# Numbers that are not counts of people, whatever cue stands near: ages, families, addresses, populations.
_NOT_A_FIGURE_BEFORE = re.compile(
    r"\b(?:aged|ages|age|mother|father|parent|grandmother|grandfather|mom|dad|block|population|community|"
    r"town|village|city|home|number|no|route|highway|interstate|flight|room|unit|apartment|ward|district|"
    r"sector|zone|camp|case|article|section|bus|line|gate|platform|terminal|floor|suite)\s+(?:of\s+)?(?:about\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)


# "John Reyes, 33, of Elmwood": a number between commas right after a name is an age.
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*,\s*$")  # "John Reyes, 33," "Willie Brown Jr., 19,"


# "two men, aged 67 and 56, and a woman aged 56": every number of the list is an age.
_AGE_LIST = re.compile(r"\baged\s+\d{1,3}(?:\s*(?:,|and|to|-)\s*\d{1,3})*\s*(?:,|and|to|-)\s*$", re.IGNORECASE)


AGE_APPOSITION = re.compile(r",?\s*aged\s+\d{1,3}(?:\s*(?:,|and|to|-)\s*\d{1,3})*\s*,?", re.IGNORECASE)


AGE_AFTER_NAME = "an age after a name"


AGE_IN_LIST = "an age in a list of ages"


AGE_OF_PERSON = "an age ('a boy of 15', 'a man of 30')"
# "arrested a boy of 15", "a woman of 82 died": the number after "of" is the person's age.
_PERSON_OF_AGE = re.compile(
    r"\b(?:boy|girl|man|woman|men|women|teenager|teen|youth|child|son|daughter|pensioner|mother|father|"
    r"grandmother|grandfather|suspect|victim|person)\s+of\s+(?:about\s+|around\s+)?$",
    re.IGNORECASE,
)


AGE_OR_TIME = "an age, a time or a measure"


FAMILY_OR_LABEL = "an address, a family, a label or a population"
MONEY = "an amount of money"
# "compensation of Rs1 million", "KSh 50,000", "2 lakh rupees": money the number grammar leaves as a count.
_MONEY_BEFORE = re.compile(r"(?:\b(?:Rs|INR|PKR|KES|KSh|NGN|N|R|USD|US\$|Tk|Rp)\.?|[$€£₹₦])\s*[\d,.]*\s*$")
_MONEY_AFTER = re.compile(r"^\s*(?:rupees|dollars|euros|pounds|shillings|naira|rand|pesos|taka|dirhams|riyals|lakh|crore)\b", re.IGNORECASE)


_PROJECTION = re.compile(
    r"\b(?:could|may|might|would|will|expected to|likely to|feared to|set to)\s+(?:\w+\s+)?(?:rise|climb|increase|go up|reach|exceed|top)\s+(?:to\s+|above\s+|beyond\s+)?(?:more than\s+)?$",
    re.IGNORECASE,
)


# "two of the four victims": the four is the total the two are counted in.
_COUNT_BEFORE_TOTAL = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|some|all|most|many|"
    r"several|dozens|hundreds|both|none))\s+(?:of the|out of|of all)\s+$",
    re.IGNORECASE,
)


_TOTAL_OF = re.compile(r"\b(?:of the|out of|of all)\s+$", re.IGNORECASE)


_NOT_A_FIGURE_AFTER = re.compile(
    r"^(?:[\s-]*(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?)[\s-]+old\b|-year-old|"
    r"\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?|feet|ft|kg|%|percent|per cent)\b|"
    r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|times)\b|"
    # "killed at one location", "two sites": places counted, not people
    r"\s+(?:locations?|places?|sites?|spots?|scenes?|points?|venues?|addresses?|occasions?)\b)",
    re.IGNORECASE,
)


def _not_a_figure(sentence: str, m: NumberMention) -> str:
    """Why a count is not a figure of people, or ''."""
    before = sentence[max(0, m.start - 40) : m.start]
    after = sentence[m.end : m.end + 30]
    if _NOT_A_FIGURE_AFTER.match(after):
        return AGE_OR_TIME
    if _PROJECTION.search(before):
        return "a projection ('could rise to'), not a count"
    if re.match(r"\s+more\s+of\b", after):
        return "a step of a toll ('two more'), not a toll"
    if _NOT_A_FIGURE_BEFORE.search(before):
        return FAMILY_OR_LABEL
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return MONEY
    if _AGE_LIST.search(before):
        return AGE_IN_LIST
    if _PERSON_OF_AGE.search(before) and m.value.is_exact and (m.value.low or 0) < 120:
        return AGE_OF_PERSON
    if _AGE_AFTER_NAME.search(before) and re.match(r"\s*,", after):
        return AGE_AFTER_NAME
    if _TOTAL_OF.search(before) and _COUNT_BEFORE_TOTAL.search(before):
        return "the total a figure before it is counted in"
    return ""


def decide_figure(tokens: Tokens, hits: list[CueHit], m: NumberMention, last_kind: str) -> Decision:
    """The role of one count: the first of subject, object, label and tally that holds."""
    sentence = tokens.sentence
    text = sentence[m.start : m.end]
    why_not = _not_a_figure(sentence, m)
    if why_not:
        return Decision(m.start, m.end, text, "", m.value, reasons=(f"not a figure: {why_not}",), refused=why_not)
    noun = noun_after(tokens, m.end)
    found = label_cue(tokens, hits, m.end)
    if found:
        return Decision(m.start, m.end, text, found.kind, m.value, noun, (f"labelled by '{sentence[found.start:found.end]}'",))
    obj = object_cue(tokens, hits, m.start)
    if obj:
        return Decision(m.start, m.end, text, obj.kind, m.value, noun, (f"object of '{sentence[obj.start:obj.end]}'",))
    subject = subject_cue(tokens, hits, m.end)
    if subject:
        hit, how = subject
        return Decision(m.start, m.end, text, hit.kind, m.value, noun, (f"{how} of '{sentence[hit.start:hit.end]}'",), part=how == "among")
    tally = tally_cue(hits, sentence, m.start)
    if tally:
        value = m.value
        if value.is_exact and BEYOND.search(sentence[: m.start]):
            value = Range(value.low, None, "more_than", value.text)  # "now top 100" is more than 100
        return Decision(m.start, m.end, text, tally.kind, value, noun, (f"tally of '{sentence[tally.start:tally.end]}'",))
    if last_kind and ANAPHORIC_TALLY.search(sentence[: m.start]) and TALLY_VERBS.search(sentence[: m.start]):
        return Decision(m.start, m.end, text, last_kind, m.value, noun, (f"'the figure' stands for the {last_kind} count read before",))
    return Decision(m.start, m.end, text, "", m.value, noun, ("no cue holds it as subject, object, label or tally",))
