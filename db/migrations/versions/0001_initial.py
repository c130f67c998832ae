"""The first schema: outlets, reports, their claims and terms, and the check history.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _claim_columns() -> list[sa.Column]:
    """The claim fields shared by ``claim`` and ``finding`` (``db.models.ClaimFields`` at 0001)."""
    label = sa.String(length=64)
    return [
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("label", label, nullable=False),
        sa.Column("kind", label, nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("qualifier", label, nullable=True),
        sa.Column("value_text", sa.Text(), nullable=False),
        sa.Column("noun", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("stance", label, nullable=False),
        sa.Column("attributed_to", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "outlet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("reliability", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outlet"),
        sa.UniqueConstraint("name", name="uq_outlet_name"),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", _utc(), nullable=True),
        sa.Column("fetched_at", _utc(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlet.id"], name="fk_report_outlet_id_outlet"),
        sa.PrimaryKeyConstraint("id", name="pk_report"),
        sa.UniqueConstraint("content_hash", name="uq_report_content_hash"),
        sa.UniqueConstraint("url", name="uq_report_url"),
    )
    op.create_index("ix_report_outlet_id", "report", ["outlet_id"])
    op.create_index("ix_report_published", "report", ["published"])
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        *_claim_columns(),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name="fk_claim_report_id_report", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_claim"),
    )
    op.create_index("ix_claim_report_id_kind", "claim", ["report_id", "kind"])
    op.create_table(
        "report_term",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name="fk_report_term_report_id_report", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("term", "report_id", name="pk_report_term"),
    )
    op.create_index("ix_report_term_report_id", "report_term", ["report_id"])
    op.create_table(
        "check_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("story_title", sa.Text(), nullable=False),
        sa.Column("story_url", sa.Text(), nullable=False),
        sa.Column("story_text", sa.Text(), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("agrees", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("unverified", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_check_run"),
    )
    op.create_index("ix_check_run_created_at", "check_run", ["created_at"])
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        *_claim_columns(),
        sa.Column("verdict", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_run.id"], name="fk_finding_check_id_check_run", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_finding"),
    )
    op.create_index("ix_finding_check_id", "finding", ["check_id"])


def downgrade() -> None:
    for table in ("finding", "check_run", "report_term", "claim", "report", "outlet"):
        op.drop_table(table)
