"""Feed subscriptions and the feed items already taken in (``db.feed_models``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("reliability", sa.Float(), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("next_due_at", _utc(), nullable=False),
        sa.Column("leased_until", _utc(), nullable=True),
        sa.Column("last_fetch_at", _utc(), nullable=True),
        sa.Column("last_status", sa.String(length=64), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=False),
        sa.Column("last_modified", sa.String(length=500), nullable=False),
        sa.Column("new_items", sa.Integer(), nullable=False),
        sa.Column("total_items", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feed"),
        sa.UniqueConstraint("url", name="uq_feed_url"),
    )
    op.create_index("ix_feed_next_due_at", "feed", ["next_due_at"])
    op.create_table(
        "feed_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=False),
        sa.Column("seen_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feed.id"], name="fk_feed_item_feed_id_feed", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_feed_item"),
        sa.UniqueConstraint("url", name="uq_feed_item_url"),
    )
    op.create_index("ix_feed_item_feed_id", "feed_item", ["feed_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_item_feed_id", table_name="feed_item")
    op.drop_table("feed_item")
    op.drop_index("ix_feed_next_due_at", table_name="feed")
    op.drop_table("feed")
