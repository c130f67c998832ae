"""Reasons an editor can read: "51 wounded in Wire 23 Nov 10:15 (earlier: 31 ...): story says 30"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .types import Claim, Evidence, Range

_KIND_WORD = {"killed": "killed", "injured": "wounded", "arrested": "arrested", "troops": "troops", "munitions": "fired"}


def _fmt_value(r: Range | None) -> str:
    if r is None:
        return "?"
    return r.text or fmt_number(r.best)


def fmt_number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _fmt_time(t: datetime | None) -> str:
    if t is None:
        return "undated"
    return f"{t.day} {t:%b %H:%M}"


def closeness(story: Range, other: Range) -> str:
    """How far a figure is from the story's, in words ("23 is 15% above about 20")."""
    s, o = story.best, other.best
    if s is None or o is None or s == 0:
        return ""
    share = (o - s) / s
    if abs(share) < 0.005:
        return ""
    direction = "above" if share > 0 else "below"
    return f"{fmt_number(o)} is {abs(share):.0%} {direction} the story's {fmt_number(s)}"


def reason(
    claim: Claim, verdict: str, evidence: Sequence[Evidence], *, status: str = "", current: Evidence | None = None
) -> str:
    """One line an editor can read: what decided the verdict, whose figure is whose, and the latest figure."""

    def cite(e: Evidence) -> str:
        if claim.kind == "responsibility":
            return f"{e.actor} {e.stance} ({e.outlet}, {_fmt_time(e.published)})"
        return f"{_fmt_value(e.value)} {_KIND_WORD.get(claim.kind, claim.noun)} in {e.outlet} {_fmt_time(e.published)}"

    story = f"{claim.actor} {claim.stance}" if claim.kind == "responsibility" else _fmt_value(claim.value)
    latest = f"; latest: {cite(current)}" if current is not None else ""
    if verdict == "conflicts":
        against = [e for e in evidence if e.relation in {"conflicts", "updates"}]
        bad = [cite(e) for e in against]
        parties = next((n for e in against for n in e.note.split("; ") if n.startswith("a conflict between parties")), "")
        earlier = [
            cite(e)
            for e in evidence
            if e.relation == "superseded" and claim.value and e.value and not claim.value.overlaps(e.value)
        ]
        history = f" (earlier: {', '.join(earlier[:3])})" if earlier and claim.kind != "responsibility" else ""
        if status == "updated":
            return f"{', '.join(bad)}{history}: story says {story}, the figure when it was published (updated since)"
        return f"{', '.join(bad)}{history}: story says {story}" + (f" ({parties})" if parties else "")
    if verdict == "agrees":
        good = [e for e in evidence if e.relation == "agrees"]
        independent = sum(1 for e in good if e.independent)
        how_close = ""
        if claim.value and claim.value.qualifier == "approx":
            gaps = [g for e in good if e.value and (g := closeness(claim.value, e.value))]
            how_close = f" ({'; '.join(gaps[:2])})" if gaps else ""
        if status == "partial":
            return f"only partly supported (an open bound, a part or another group): {', '.join(cite(e) for e in good[:4])}{latest}"
        return f"{independent} independent source(s) support {story}: {', '.join(cite(e) for e in good[:4])}{how_close}"
    older = [cite(e) for e in evidence if e.relation == "superseded"]
    if older:
        return f"only figures that later reports changed: {', '.join(older[:3])}; nobody confirms {story}"
    return f"no other outlet reports this {claim.kind} figure" if claim.kind != "responsibility" else (
        f"no other outlet reports that {story}"
    )
