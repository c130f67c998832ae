"""Reasons an editor can read, as a colleague on the desk would say them.

"31 wounded in Evening Bulletin (21 Nov 16:20 UTC): the story says 20, the figure when it was
published (updated since)". The rules, because these lines go into every export and onto the page:

- figures are numbers, whatever words gave them ("Five" is 5, "at least eight" is "at least 8",
  "about 20" stays "about 20"), so two figures can be compared at a glance;
- every source is named by its outlet and time (in UTC, the zone of everything the tool shows),
  and no outlet that decided the verdict is left out: a long list ends "and 3 more";
- counts agree with their nouns ("1 independent source supports", "2 independent sources support").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from .types import Claim, Evidence, Range

_KIND_WORD = {"killed": "killed", "injured": "wounded", "arrested": "arrested", "troops": "troops", "munitions": "fired"}
# What a claim of responsibility or a denial is about when the sentence does not say.
_STANCE_OBJECT = {"claimed": "responsibility", "denied": "responsibility"}
_ARTICLES = {"The", "A", "An"}
# How many sources a reason names before it says "and N more": the rest are in the evidence list.
MAX_CITED = 5


def plural(count: int, word: str, many: str = "") -> str:
    """``count`` and the noun that agrees with it.

    >>> plural(1, "source"), plural(3, "source"), plural(2, "claim"), plural(2, "body", "bodies")
    ('1 source', '3 sources', '2 claims', '2 bodies')
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def join_words(items: Sequence[str]) -> str:
    """A list as a sentence says it: "A", "A and B", "A, B and C".

    >>> join_words(["A"]), join_words(["A", "B"]), join_words(["A", "B", "C"])
    ('A', 'A and B', 'A, B and C')
    """
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _cited(items: Sequence[str]) -> str:
    """Up to ``MAX_CITED`` items, then how many more, so a reason stays one line."""
    if len(items) <= MAX_CITED:
        return join_words(items)
    return join_words([*items[:MAX_CITED], f"{len(items) - MAX_CITED} more"])


def fmt_number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def say_figure(r: Range | None) -> str:
    """A figure as a number with the words that bound it: the original words only where they say
    more than a number can ("dozens (24–99)").

    >>> say_figure(Range(5, 5, "exact", "Five")), say_figure(Range(8, None, "at_least", "at least eight"))
    ('5', 'at least 8')
    >>> say_figure(Range(17, 23, "approx", "About 20")), say_figure(Range(24, 99, "vague", "Dozens of"))
    ('about 20', 'dozens (24–99)')
    """
    if r is None or (r.low is None and r.high is None):
        return "no figure"
    low, high = r.low, r.high
    if low is not None and high is not None and low == high:
        return fmt_number(low)
    if r.qualifier == "approx" and r.best is not None:
        return f"about {fmt_number(r.best)}"
    if r.qualifier == "nearly" and high is not None:
        return f"nearly {fmt_number(high)}"
    if low is not None and high is not None:
        if r.qualifier == "vague" and r.text.strip():
            words = r.text.strip().lower().removesuffix(" of")
            return f"{words} ({fmt_number(low)}–{fmt_number(high)})"
        return f"{fmt_number(low)} to {fmt_number(high)}"
    if low is not None:
        return f"{'more than' if r.qualifier == 'more_than' else 'at least'} {fmt_number(low)}"
    return f"{'fewer than' if r.qualifier == 'less_than' else 'up to'} {fmt_number(high)}"


def fmt_time(t: datetime | None) -> str:
    """Day, month and time in UTC: a stored time without a zone is already UTC."""
    if t is None:
        return "undated"
    when = t.astimezone(UTC) if t.tzinfo else t
    return f"{when.day} {when:%b %H:%M} UTC"


def closeness(story: Range, other: Range) -> str:
    """How far a figure is from the story's, in words ("23 is 15% above the story's 20")."""
    s, o = story.best, other.best
    if s is None or o is None or s == 0:
        return ""
    share = (o - s) / s
    if abs(share) < 0.005:
        return ""
    direction = "above" if share > 0 else "below"
    return f"{fmt_number(o)} is {abs(share):.0%} {direction} the story's {fmt_number(s)}"


def _stance_phrase(actor: str, stance: str, noun: str) -> str:
    """Who said what: "the Taliban denied being behind the attack", "Officials blamed the Taliban"."""
    what = noun or _STANCE_OBJECT.get(stance, "")
    who = actor.strip(" -–—:;,")
    first, _, rest = who.partition(" ")
    if first in _ARTICLES and rest:
        who = f"{first.lower()} {rest}"  # "The Taliban denied" reads "that the Taliban denied"
    return " ".join(part for part in (who, stance, what) if part)


def story_figure(claim: Claim) -> str:
    """The story's claim as a reason names it: "at least 8 killed", "the Taliban denied responsibility"."""
    if claim.kind == "responsibility":
        return _stance_phrase(claim.actor, claim.stance, claim.noun)
    return f"{say_figure(claim.value)} {_KIND_WORD.get(claim.kind, claim.noun)}".strip()


def reason(
    claim: Claim, verdict: str, evidence: Sequence[Evidence], *, status: str = "", current: Evidence | None = None
) -> str:
    """One line an editor can read: what decided the verdict, whose figure is whose, and the latest figure."""
    responsibility = claim.kind == "responsibility"

    def cite(e: Evidence) -> str:
        outlet = e.outlet or "an unnamed outlet"
        if responsibility:
            # the source's own words only when they name someone else than the story does
            theirs, ours = e.actor.strip().lower(), claim.actor.strip().lower()
            same = (not theirs or theirs in ours or ours in theirs) and e.stance in {"", claim.stance}
            said = "" if same else f": {_stance_phrase(e.actor, e.stance, '')}"
            return f"{outlet} ({fmt_time(e.published)}{said})"
        return f"{say_figure(e.value)} {_KIND_WORD.get(claim.kind, claim.noun)} in {outlet} ({fmt_time(e.published)})"

    story = story_figure(claim)
    if verdict == "conflicts":
        return _conflict(claim, evidence, status, story, cite)
    if verdict == "agrees":
        good = [e for e in evidence if e.relation == "agrees"]
        if status == "partial":
            latest = f"; latest: {cite(current)}" if current is not None and current not in good else ""
            return (
                f"Only partly supported (an open bound, a part of the figure or possibly another incident): "
                f"{_cited([cite(e) for e in good])}{latest}"
            )
        independent = [e for e in good if e.independent]
        copies = [e for e in good if not e.independent]
        how_close = ""
        if claim.value and claim.value.qualifier == "approx":
            gaps = list(dict.fromkeys(g for e in independent if e.value and (g := closeness(claim.value, e.value))))
            how_close = f"; {'; '.join(gaps[:2])}" if gaps else ""
        backers = plural(len(independent), "independent source")
        one = len(independent) == 1
        verb = ("reports" if one else "report") if responsibility else ("supports" if one else "support")
        told = f"that {story}" if responsibility else story
        repeats = ""
        if copies:
            names = _cited(list(dict.fromkeys(e.outlet or "an unnamed outlet" for e in copies)))
            repeats = f"; {names} {'repeats' if len(copies) == 1 else 'repeat'} another report"
        return f"{backers} {verb} {told}: {_cited([cite(e) for e in independent])}{how_close}{repeats}"
    older = [cite(e) for e in evidence if e.relation == "superseded"]
    if older:
        return f"Only earlier figures that later reports changed: {_cited(older)}; no source confirms {story}"
    return f"No other outlet reports {'that ' * responsibility}{story}"


def _conflict(claim: Claim, evidence: Sequence[Evidence], status: str, story: str, cite: Callable[[Evidence], str]) -> str:
    """Who disagrees, the figure's history, and who backs the story all the same."""
    against = [e for e in evidence if e.relation in {"conflicts", "updates"}]
    parties = next((n for e in against for n in e.note.split("; ") if n.startswith("a conflict between parties")), "")
    earlier = [
        cite(e)
        for e in evidence
        if e.relation == "superseded" and claim.value and e.value and not claim.value.overlaps(e.value)
    ]
    history = f"; before that, {_cited(earlier)}" if earlier and claim.kind != "responsibility" else ""
    backing = [cite(e) for e in evidence if e.relation == "agrees"]
    support = f"; {_cited(backing)} {'backs' if len(backing) == 1 else 'back'} the story" if backing else ""
    head = _cited([cite(e) for e in against])
    if status == "updated":
        return f"{head}: the story says {story}, the figure when it was published (updated since){history}{support}"
    return f"{head}: the story says {story}" + (f" ({parties})" if parties else "") + history + support
