"""The editors' review of a check (pure): the tool proposes a verdict per finding, an editor decides.

An editor *confirms* a finding (the tool's verdict stands), *overrides* it (gives another verdict)
or *dismisses* it (not a claim worth checking, or not this story's); each decision carries a note,
who and when. A check's review moves from ``open`` through ``in review`` to ``reviewed``. The
decisions are kept beside the tool's verdicts, never over them: every export shows both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .errors import InputError
from .types import VERDICTS, CheckResult, Finding

DECISIONS: tuple[str, ...] = ("confirm", "override", "dismiss")
REVIEW_STATES: tuple[str, ...] = ("open", "in review", "reviewed")
# How each decision reads in a sentence: "confirmed by Ana Ruiz".
DECIDED: dict[str, str] = {"confirm": "confirmed", "override": "overridden", "dismiss": "dismissed"}
MAX_NOTE = 2_000


@dataclass(frozen=True)
class Decision:
    """One editor's decision on the finding at ``ordinal`` (its place in the check, from 0)."""

    ordinal: int
    claim_id: str
    action: str
    verdict: str  # the editor's verdict: the tool's when confirmed, another when overridden, "" when dismissed
    note: str
    editor: str
    decided_at: datetime

    def label(self) -> str:
        """"confirmed", "overridden: agrees" or "dismissed": the decision in the editor's words."""
        said = DECIDED.get(self.action, self.action)
        return f"{said}: {self.verdict}" if self.action == "override" else said

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "verdict": self.verdict,
            "note": self.note,
            "editor": self.editor,
            "decided_at": self.decided_at.isoformat(),
        }


@dataclass(frozen=True)
class Review:
    """A check's review: its state, who set it when, and the decision in force per finding."""

    check_id: int
    state: str = "open"
    editor: str = ""
    updated_at: datetime | None = None
    decisions: Mapping[int, Decision] = field(default_factory=dict)
    history: tuple[Decision, ...] = ()

    def decision(self, ordinal: int) -> Decision | None:
        return self.decisions.get(ordinal)

    def to_dict(self) -> dict[str, object]:
        return {
            "check_id": self.check_id,
            "state": self.state,
            "editor": self.editor,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


def check_state(state: str) -> str:
    """``state`` if it is a review state; the words may come from a form or a command line."""
    if state not in REVIEW_STATES:
        raise InputError(f"unknown review state {state!r}: one of {', '.join(REVIEW_STATES)}")
    return state


def decided_verdict(finding: Finding, action: str, verdict: str = "") -> str:
    """The verdict a decision gives the finding, or why the decision cannot be taken.

    >>> from verifier.types import Claim
    >>> f = Finding(Claim("c1", "killed", None, "s", (0, 1)), "conflicts")
    >>> decided_verdict(f, "confirm"), decided_verdict(f, "override", "agrees"), decided_verdict(f, "dismiss")
    ('conflicts', 'agrees', '')
    """
    if action == "confirm":
        return finding.verdict
    if action == "dismiss":
        return ""
    if action != "override":
        raise InputError(f"unknown decision {action!r}: one of {', '.join(DECISIONS)}")
    if verdict not in VERDICTS:
        raise InputError(f"an override needs a verdict: one of {', '.join(VERDICTS)} (got {verdict!r})")
    if verdict == finding.verdict:
        raise InputError(f"the tool's verdict is already {verdict!r}: confirm it instead of overriding it")
    return verdict


def check_note(note: str) -> str:
    """The note, trimmed; an override or a dismissal without a reason is allowed, a novel is not."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"the note is {len(note):,} characters; keep it under {MAX_NOTE:,}")
    return note


def find_finding(result: CheckResult, which: str | int) -> int:
    """The ordinal of a finding named as the app and the exports number it (1, 2, ...) or by its
    claim id (``c2``); a name that fits no finding is an InputError listing what there is."""
    text = str(which).strip()
    if text.isdigit() and 1 <= int(text) <= len(result.findings):
        return int(text) - 1
    for ordinal, f in enumerate(result.findings):
        if f.claim.id == text:
            return ordinal
    raise InputError(
        f"no finding {text!r} in this check: give its number (1 to {len(result.findings)}) or its claim id "
        f"({', '.join(f.claim.id for f in result.findings) or 'none'})"
    )


def final_verdict(finding: Finding, decision: Decision | None) -> str:
    """What the desk says now: the editor's verdict when decided ("dismissed" for a dismissal),
    else the tool's."""
    if decision is None:
        return finding.verdict
    return "dismissed" if decision.action == "dismiss" else decision.verdict
