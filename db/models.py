"""The tables of the reference library and of the check history.

These classes describe the schema; the migrations in ``db/migrations`` create it. Nothing outside
``db/`` sees these rows: the store turns them into the dataclasses of ``verifier.types``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the database keeps.

    SQLite has no time zones and PostgreSQL answers in the session's zone; callers compare
    publication times across outlets, so every value leaving the store is aware and in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# What one of the databases cannot hold: PostgreSQL refuses NUL in text (SQLite keeps it), and
# neither driver can encode a lone surrogate (which a JSON "\\ud800" escape yields).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` as every backend holds it: each unstorable character becomes U+FFFD.

    One character for one, so spans into a report's text stay right; the same on SQLite and
    PostgreSQL, so a library moved between them comes back as it was.
    """
    return _UNSTORABLE.sub("\ufffd", text)


class StorableText(TypeDecorator[str]):
    """Unbounded text that goes in through ``storable``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else storable(value)


class StorableString(TypeDecorator[str]):
    """A ``VARCHAR(length)`` that goes in through ``storable``."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else storable(value)


# Named constraints, so that migrations and the live schema agree on names on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
MAX_NAME = 200
MAX_LABEL = 64


def _utc(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def _text() -> Any:
    return Field(default="", sa_type=StorableText, nullable=False)


def _name() -> Any:
    """An editor's name: empty when nobody said who they are (an old row, a script). The default is
    the server's alone, so statements written for an older schema (tests, scripts) still insert."""
    return Field(sa_type=StorableString(MAX_NAME), nullable=False, sa_column_kwargs={"server_default": ""})


class Outlet(SQLModel, table=True):
    __tablename__ = "outlet"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=StorableString(MAX_NAME), unique=True, nullable=False)
    domain: str = Field(default="", sa_type=StorableString(255), nullable=False)
    reliability: float = Field(default=1.0, sa_type=Float, nullable=False)


class ReportRow(SQLModel, table=True):
    __tablename__ = "report"

    id: int | None = Field(default=None, primary_key=True)
    outlet_id: int = Field(sa_column=Column(Integer, ForeignKey("outlet.id"), nullable=False, index=True))
    # Not unique: an article updated at the same address is stored again, as a new version.
    url: str | None = Field(default=None, sa_type=StorableString, index=True, nullable=True)
    title: str = _text()
    published: datetime | None = _utc(default=None, nullable=True, index=True)
    fetched_at: datetime | None = _utc(default=None, nullable=True)
    created_at: datetime = _utc(nullable=False)
    text: str = _text()
    content_hash: str = Field(sa_type=StorableString(64), unique=True, nullable=False)
    # Deleting is soft (migration 0006): a deleted report leaves every listing and check, and can be
    # restored; the audit log says who deleted it and when.
    deleted_at: datetime | None = _utc(default=None, nullable=True)
    deleted_by: str = _name()


class ClaimFields(SQLModel):
    """A claim's columns, shared by stored source claims and by the findings of a saved check.

    ``qualifier`` is NULL exactly when the claim has no figure (an attribution), so a Range
    with two open bounds still round-trips as a Range.
    """

    ordinal: int = Field(sa_type=Integer, nullable=False)
    label: str = Field(default="", sa_type=StorableString(MAX_LABEL), nullable=False)
    kind: str = Field(sa_type=StorableString(MAX_LABEL), nullable=False)
    low: float | None = Field(default=None, sa_type=Float, nullable=True)
    high: float | None = Field(default=None, sa_type=Float, nullable=True)
    qualifier: str | None = Field(default=None, sa_type=StorableString(MAX_LABEL), nullable=True)
    value_text: str = _text()
    noun: str = _text()
    actor: str = _text()
    stance: str = Field(default="", sa_type=StorableString(MAX_LABEL), nullable=False)
    attributed_to: str = _text()
    sentence: str = _text()
    span_start: int = Field(default=0, sa_type=Integer, nullable=False)
    span_end: int = Field(default=0, sa_type=Integer, nullable=False)
    sentence_start: int = Field(default=0, sa_type=Integer, nullable=False)
    sentence_end: int = Field(default=0, sa_type=Integer, nullable=False)


class ClaimRow(ClaimFields, table=True):
    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_report_id_kind", "report_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(
        sa_column=Column(Integer, ForeignKey("report.id", ondelete="CASCADE"), nullable=False)
    )


class CheckRow(SQLModel, table=True):
    __tablename__ = "check_run"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _utc(nullable=False, index=True)
    story_title: str = _text()
    story_url: str = _text()
    story_text: str = _text()
    settings_json: str = Field(default="{}", sa_type=StorableText, nullable=False)
    result_json: str = Field(sa_type=StorableText, nullable=False)
    agrees: int = Field(default=0, sa_type=Integer, nullable=False)
    conflicts: int = Field(default=0, sa_type=Integer, nullable=False)
    unverified: int = Field(default=0, sa_type=Integer, nullable=False)
    # The editors' review of the check (migration 0006): open, in review or reviewed, by whom, when.
    review_state: str = Field(
        default="open", sa_type=StorableString(MAX_LABEL), nullable=False, sa_column_kwargs={"server_default": "open"}
    )
    reviewed_by: str = _name()
    reviewed_at: datetime | None = _utc(default=None, nullable=True)


class FindingRow(ClaimFields, table=True):
    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    check_id: int = Field(
        sa_column=Column(Integer, ForeignKey("check_run.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    verdict: str = Field(sa_type=StorableString(MAX_LABEL), nullable=False)
    reason: str = _text()
    evidence_json: str = Field(default="[]", sa_type=StorableText, nullable=False)


class DecisionRow(SQLModel, table=True):
    """An editor's decision on one finding of a saved check: kept beside the tool's verdict, never over it.

    Every decision is a row of its own; the newest for a finding is the one in force, the older
    ones are its history (the audit log has them too).
    """

    __tablename__ = "finding_decision"
    __table_args__ = (Index("ix_finding_decision_check_id_ordinal", "check_id", "ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    check_id: int = Field(
        sa_column=Column(Integer, ForeignKey("check_run.id", ondelete="CASCADE"), nullable=False)
    )
    ordinal: int = Field(sa_type=Integer, nullable=False)
    claim_id: str = Field(default="", sa_type=StorableString(MAX_LABEL), nullable=False)
    action: str = Field(sa_type=StorableString(MAX_LABEL), nullable=False)
    verdict: str = Field(default="", sa_type=StorableString(MAX_LABEL), nullable=False)
    note: str = _text()
    editor: str = Field(sa_type=StorableString(MAX_NAME), nullable=False)
    decided_at: datetime = _utc(nullable=False)


class AuditRow(SQLModel, table=True):
    """One change to the library or the desk: who, when, what, and the subject before and after.

    ``subject_id`` has no foreign key on purpose: the entry outlives what it is about.
    """

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc(nullable=False, index=True)
    editor: str = Field(default="", sa_type=StorableString(MAX_NAME), nullable=False, index=True)
    action: str = Field(sa_type=StorableString(MAX_LABEL), nullable=False, index=True)
    subject: str = Field(sa_type=StorableString(MAX_LABEL), nullable=False)
    subject_id: int | None = Field(default=None, sa_type=Integer, nullable=True)
    summary: str = _text()
    before_json: str = Field(default="{}", sa_type=StorableText, nullable=False)
    after_json: str = Field(default="{}", sa_type=StorableText, nullable=False)


metadata = SQLModel.metadata

# The full-text indexes of migration 0003, which no model describes: SQLite's FTS5 table (and the
# shadow tables FTS5 keeps beside it) and PostgreSQL's generated ``report.search`` with its GIN index.
FULL_TEXT_NAMES = frozenset(
    ["report_fts", "report_fts_data", "report_fts_idx", "report_fts_docsize", "report_fts_config", "search", "ix_report_search"]
)


def described_by_models(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's ``include_name`` hook: compare only what the models describe (not the full-text indexes)."""
    return name not in FULL_TEXT_NAMES

# The tables as SQLAlchemy Core sees them: the store runs Core statements (bulk inserts, joins)
# against these, and sqlmodel's classes do not declare ``__table__`` to type checkers.
OUTLET: Table = Outlet.__table__  # type: ignore[attr-defined]
REPORT: Table = ReportRow.__table__  # type: ignore[attr-defined]
CLAIM: Table = ClaimRow.__table__  # type: ignore[attr-defined]
CHECK: Table = CheckRow.__table__  # type: ignore[attr-defined]
FINDING: Table = FindingRow.__table__  # type: ignore[attr-defined]
DECISION: Table = DecisionRow.__table__  # type: ignore[attr-defined]
AUDIT: Table = AuditRow.__table__  # type: ignore[attr-defined]
