"""Candidates come from the databases' own full-text search; the hand-made term table goes.

SQLite: an external-content FTS5 table ``report_fts`` over the report's title and text, kept in
step with ``report`` by triggers (insert, delete, and an update of the title or text), ranked with
``bm25``. PostgreSQL: a stored generated ``tsvector`` column ``report.search`` (title weighted A,
text B) under a GIN index. Both index the first ``INDEXED_CHARS`` characters of a report's text:
PostgreSQL refuses a tsvector over 1 MB, and the names that place a report in an event stand in
its first pages.

A later migration that rebuilds ``report`` with ``batch_alter_table`` on SQLite drops the triggers
with the old table and must create them again (``create_sqlite_search``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED_CHARS = 100_000
_TEXT = f"substr({{row}}.text, 1, {INDEXED_CHARS})"

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE report_fts USING fts5("
    "title, text, content='report', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER report_fts_insert AFTER INSERT ON report BEGIN "
    f"INSERT INTO report_fts(rowid, title, text) VALUES (new.id, new.title, {_TEXT.format(row='new')}); END",
    "CREATE TRIGGER report_fts_delete AFTER DELETE ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, title, text) "
    f"VALUES ('delete', old.id, old.title, {_TEXT.format(row='old')}); END",
    "CREATE TRIGGER report_fts_update AFTER UPDATE OF title, text ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, title, text) "
    f"VALUES ('delete', old.id, old.title, {_TEXT.format(row='old')}); "
    f"INSERT INTO report_fts(rowid, title, text) VALUES (new.id, new.title, {_TEXT.format(row='new')}); END",
    f"INSERT INTO report_fts(rowid, title, text) SELECT id, title, {_TEXT.format(row='report')} FROM report",
]
POSTGRES_SEARCH = [
    "ALTER TABLE report ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    f"setweight(to_tsvector('simple'::regconfig, left(text, {INDEXED_CHARS})), 'B')) STORED",
    "CREATE INDEX ix_report_search ON report USING gin (search)",
]


def create_sqlite_search() -> None:
    for statement in SQLITE_SEARCH:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH:
            op.execute(statement)
    else:
        create_sqlite_search()
    op.drop_index("ix_report_term_report_id", table_name="report_term")
    op.drop_table("report_term")


def _fill_terms() -> None:
    """Index every report's names again, as the store of revision 0002 did at ingest."""
    from verifier import salient_terms

    bind = op.get_bind()
    term = sa.table("report_term", sa.column("term"), sa.column("report_id"))
    for report_id, body in bind.execute(sa.text("SELECT id, text FROM report")).all():
        names = dict.fromkeys(t[:200] for t in salient_terms(body) if t)
        if names:
            bind.execute(sa.insert(term), [{"term": t, "report_id": report_id} for t in names])


def downgrade() -> None:
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
    _fill_terms()
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_report_search", table_name="report")
        op.drop_column("report", "search")
    else:
        for trigger in ("report_fts_insert", "report_fts_delete", "report_fts_update"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE report_fts")
