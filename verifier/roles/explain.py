"""Why a figure was or was not read: every number and cue of a text with the decision made about it.

``verifier explain "SENTENCE"`` prints this, so an editor sees why "33" in "John Reyes, 33, of
Elmwood, was killed" is an age and not a toll, and a developer sees which stage (the frames, the role
reader, or neither) decided what.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..attribution import find_attributions
from ..claims import analyse, kind_read_last
from ..figures import find_figures
from ..frames import default_frames
from ..numbers import find_numbers
from ..types import Claim
from .decide import read
from .lexicon import default_lexicon


@dataclass(frozen=True)
class Reading:
    """One number or person of a sentence and what became of it."""

    text: str
    span: tuple[int, int]
    category: str
    kind: str
    by: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "span": list(self.span), "category": self.category, "kind": self.kind,
                "by": self.by, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class SentenceExplanation:
    """A sentence of the cleaned text: its cues, its readings and the claims it gave."""

    sentence: str
    cues: tuple[tuple[str, str], ...]
    readings: tuple[Reading, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "sentence": self.sentence,
            "cues": [{"words": w, "kind": k} for w, k in self.cues],
            "readings": [r.to_dict() for r in self.readings],
            "claims": [c.to_dict() for c in self.claims],
        }


def explain(text: str) -> list[SentenceExplanation]:
    """Per sentence of ``text`` (cleaned as for a check): the cues, every number and person with the
    kind it was given and why, and the claims that came out."""
    analysis = analyse(text)
    frames = default_frames()
    lexicon = default_lexicon()
    out: list[SentenceExplanation] = []
    last_kind = ""
    for start, end in analysis.sentences:
        sentence = analysis.text[start:end]
        claims = tuple(c for c in analysis.claims if c.sentence_span == (start, end))
        frame_spans = {(d.start, d.end): d.kind for d in find_figures(frames, sentence) + find_attributions(frames, sentence)}
        decisions = {(d.start, d.end): d for d in read(lexicon, sentence, last_kind=last_kind)}
        readings: list[Reading] = []
        for m in find_numbers(sentence):
            span = (m.start, m.end)
            decision = decisions.pop(span, None)
            claim = next((c for c in claims if c.span == (start + m.start, start + m.end)), None)
            around = next((c for c in claims if c.span[0] - start <= m.start < c.span[1] - start), None)
            reasons: list[str] = []
            if span in frame_spans:
                kept = claim is not None and claim.kind == frame_spans[span]
                reasons.append(f"a claim frame read it as {frame_spans[span]}" + ("" if kept else " (set aside)"))
            if claim is None and around is not None:
                reasons.append(f"part of the claim '{around.sentence[around.span[0] - start : around.span[1] - start]}'")
            if decision is not None:
                reasons.extend(decision.reasons)
            if m.category != "count":
                reasons.append(f"a {m.category}, never a figure")
            if not reasons:
                reasons.append("no claim frame and no cue around it")
            by = "frames" if span in frame_spans and claim else "reader" if claim else "-"
            readings.append(Reading(sentence[m.start : m.end], span, m.category, claim.kind if claim else "", by, tuple(reasons)))
        for d in decisions.values():
            claim = next((c for c in claims if c.span == (start + d.start, start + d.end)), None)
            readings.append(Reading(d.text, (d.start, d.end), "person" if not d.covers else "sum", claim.kind if claim else "",
                                    "reader" if claim else "-", d.reasons))
        cues = tuple((sentence[h.start : h.end], h.kind) for h in lexicon.find(sentence))
        out.append(SentenceExplanation(sentence, cues, tuple(sorted(readings, key=lambda r: r.span)), claims))
        last_kind = kind_read_last([c.kind for c in claims], last_kind)
    return out
