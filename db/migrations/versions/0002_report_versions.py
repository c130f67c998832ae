"""Reports at one URL may be several versions of an updated article: the URL is indexed, not unique.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.drop_constraint("uq_report_url", type_="unique")
        batch.create_index("ix_report_url", ["url"])


def downgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.drop_index("ix_report_url")
        batch.create_unique_constraint("uq_report_url", ["url"])
