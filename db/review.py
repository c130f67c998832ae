"""The editors' review of saved checks in the database: decisions per finding and a state per check.

A decision is a row of its own beside the finding (``finding_decision``), never an update of the
tool's verdict; the newest for a finding is the one in force. Each decision and each change of
state is written with its audit entry in one transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from verifier.errors import InputError, NotFoundError
from verifier.review import Decision, Review, check_note, check_state, decided_verdict
from verifier.types import Finding

from . import audit
from .engine import reading, writing
from .models import CHECK, DECISION, FINDING, MAX_NAME

if TYPE_CHECKING:
    from .store import Store

_K = CHECK.c
_D = DECISION.c
_F = FINDING.c


def _decision(row: Any) -> Decision:
    return Decision(row.ordinal, row.claim_id, row.action, row.verdict, row.note, row.editor, row.decided_at)


class Reviews:
    """Decisions and review states of one library's saved checks: ``store.reviews``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._engine = store.engine
        self._editor = store.editor

    def _read(self) -> AbstractContextManager[Connection]:
        return reading(self._engine)

    def _who(self) -> str:
        """Decisions need a name: an anonymous decision could not be held to anyone."""
        if not self._editor:
            raise InputError("say who you are to review: --editor NAME or VERIFIER_EDITOR (in the app, your name)")
        return self._editor[:MAX_NAME]

    def get(self, check_id: int) -> Review:
        """The review of a saved check: its state and the decision in force per finding, with history."""
        with self._read() as conn:
            row = conn.execute(select(_K.review_state, _K.reviewed_by, _K.reviewed_at).where(_K.id == check_id)).first()
            if row is None:
                raise NotFoundError(f"there is no saved check {check_id}")
            history = tuple(
                _decision(r) for r in conn.execute(select(DECISION).where(_D.check_id == check_id).order_by(_D.decided_at, _D.id))
            )
        in_force = {d.ordinal: d for d in history}  # the newest wins
        return Review(check_id, row.review_state, row.reviewed_by, row.reviewed_at, in_force, history)

    def decide(self, check_id: int, ordinal: int, action: str, *, verdict: str = "", note: str = "") -> Decision:
        """Confirm, override or dismiss the finding at ``ordinal``; an open check moves to "in review"."""
        editor = self._who()
        note = check_note(note)
        result = self._store.get_check(check_id)
        if not 0 <= ordinal < len(result.findings):
            raise InputError(f"check {check_id} has findings 1 to {len(result.findings)}, not {ordinal + 1}")
        finding: Finding = result.findings[ordinal]
        given = decided_verdict(finding, action, verdict)
        now = datetime.now(UTC)
        decision = Decision(ordinal, finding.claim.id, action, given, note, editor, now)
        with writing(self._engine) as conn:
            previous = conn.execute(
                select(DECISION).where(_D.check_id == check_id, _D.ordinal == ordinal).order_by(_D.decided_at.desc(), _D.id.desc()).limit(1)
            ).first()
            conn.execute(insert(DECISION).values(check_id=check_id, **_columns(decision)))
            finding_id = conn.execute(select(_F.id).where(_F.check_id == check_id, _F.ordinal == ordinal)).scalar()
            before = {"tool verdict": finding.verdict, **(_decision(previous).to_dict() if previous else {})}
            audit.record(
                conn, editor=editor, action="finding decided", subject="finding", subject_id=finding_id,
                summary=f"check {check_id}, {ordinal + 1}. {finding.claim.kind}: {decision.label()}"
                + (f" ({note})" if note else ""),
                before=before, after={"check": check_id, "claim": finding.claim.id, **decision.to_dict()},
            )  # fmt: skip
            state = conn.execute(select(_K.review_state).where(_K.id == check_id)).scalar_one()
            if state == "open":
                self._set_state(conn, check_id, "open", "in review", editor, now)
        return decision

    def set_state(self, check_id: int, state: str) -> Review:
        """Move a check to ``state`` (open, in review, reviewed)."""
        editor = self._who()
        check_state(state)
        with writing(self._engine) as conn:
            was = conn.execute(select(_K.review_state).where(_K.id == check_id)).scalar()
            if was is None:
                raise NotFoundError(f"there is no saved check {check_id}")
            if was != state:
                self._set_state(conn, check_id, was, state, editor, datetime.now(UTC))
        return self.get(check_id)

    @staticmethod
    def _set_state(conn: Connection, check_id: int, was: str, state: str, editor: str, now: datetime) -> None:
        conn.execute(update(CHECK).where(_K.id == check_id).values(review_state=state, reviewed_by=editor, reviewed_at=now))
        audit.record(
            conn, editor=editor, action="check reviewed", subject="check", subject_id=check_id,
            summary=f"check {check_id}: {was} → {state}", before={"state": was}, after={"state": state}, at=now,
        )  # fmt: skip


def _columns(decision: Decision) -> dict[str, Any]:
    return {
        "ordinal": decision.ordinal,
        "claim_id": decision.claim_id,
        "action": decision.action,
        "verdict": decision.verdict,
        "note": decision.note,
        "editor": decision.editor,
        "decided_at": decision.decided_at,
    }


__all__ = ["Reviews"]
