"""Watched stories: saved checks re-checked after new reports arrive (``db.feed_models.WatchedStoryRow``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watched_story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rechecked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("states_json", sa.Text(), nullable=False),
        sa.Column("changes_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_run.id"], name="fk_watched_story_check_id_check_run", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_watched_story"),
        sa.UniqueConstraint("check_id", name="uq_watched_story_check_id"),
    )


def downgrade() -> None:
    op.drop_table("watched_story")
