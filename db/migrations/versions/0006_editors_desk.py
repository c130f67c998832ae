"""The editors' desk: decisions on findings, a review state per check, soft deletes and the audit log.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN on both backends (no table copy on SQLite, so 0003's full-text triggers stay).
    op.add_column("report", sa.Column("deleted_at", _utc(), nullable=True))
    op.add_column("report", sa.Column("deleted_by", sa.String(length=200), server_default="", nullable=False))
    op.add_column("check_run", sa.Column("review_state", sa.String(length=64), server_default="open", nullable=False))
    op.add_column("check_run", sa.Column("reviewed_by", sa.String(length=200), server_default="", nullable=False))
    op.add_column("check_run", sa.Column("reviewed_at", _utc(), nullable=True))
    op.create_table(
        "finding_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("decided_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_run.id"], name="fk_finding_decision_check_id_check_run", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_finding_decision"),
    )
    op.create_index("ix_finding_decision_check_id_ordinal", "finding_decision", ["check_id", "ordinal"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=False),
        sa.Column("after_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_editor", "audit_entry", ["editor"])
    op.create_index("ix_audit_entry_action", "audit_entry", ["action"])


def downgrade() -> None:
    """Back to 0005, where deleting was for good: soft-deleted reports are deleted for real, since
    the older schema would otherwise bring them back into every check."""
    op.drop_index("ix_audit_entry_action", table_name="audit_entry")
    op.drop_index("ix_audit_entry_editor", table_name="audit_entry")
    op.drop_index("ix_audit_entry_at", table_name="audit_entry")
    op.drop_table("audit_entry")
    op.drop_index("ix_finding_decision_check_id_ordinal", table_name="finding_decision")
    op.drop_table("finding_decision")
    op.drop_column("check_run", "reviewed_at")
    op.drop_column("check_run", "reviewed_by")
    op.drop_column("check_run", "review_state")
    op.execute(sa.text("DELETE FROM report WHERE deleted_at IS NOT NULL"))
    op.drop_column("report", "deleted_by")
    op.drop_column("report", "deleted_at")
