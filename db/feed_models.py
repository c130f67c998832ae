"""The tables of feed subscriptions and of the feed items already taken in.

Kept apart from ``db.models`` (the library's own tables) but in the same metadata, so migration
0004 and the schema test see them; ``db/__init__`` and the migration environment import this
module, so every process that opens a library knows these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, Table
from sqlmodel import Field, SQLModel

from .models import StorableString, StorableText, UTCDateTime, _text, _utc

MAX_HEADER = 500


class FeedRow(SQLModel, table=True):
    """A subscription: where to look, whose reports they are, how often, and how the last look went."""

    __tablename__ = "feed"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_type=StorableString, unique=True, nullable=False)
    outlet: str = Field(sa_type=StorableString(200), nullable=False)
    reliability: float = Field(default=1.0, sa_type=Float, nullable=False)
    interval_seconds: int = Field(sa_type=Integer, nullable=False)
    paused: bool = Field(default=False, sa_type=Boolean, nullable=False)
    created_at: datetime = _utc(nullable=False)
    # When the feed is next looked at; a paused feed keeps its place and is skipped.
    next_due_at: datetime = _utc(nullable=False, index=True)
    # A worker that took the feed holds it until then, so two workers never fetch it at once.
    leased_until: datetime | None = _utc(default=None, nullable=True)
    last_fetch_at: datetime | None = _utc(default=None, nullable=True)
    last_status: str = Field(default="", sa_type=StorableString(64), nullable=False)
    etag: str = Field(default="", sa_type=StorableString(MAX_HEADER), nullable=False)
    last_modified: str = Field(default="", sa_type=StorableString(MAX_HEADER), nullable=False)
    new_items: int = Field(default=0, sa_type=Integer, nullable=False)
    total_items: int = Field(default=0, sa_type=Integer, nullable=False)
    last_error: str = _text()


class FeedItemRow(SQLModel, table=True):
    """An item's canonical URL once its page was taken in, so no later run fetches or stores it again."""

    __tablename__ = "feed_item"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_type=StorableString, unique=True, nullable=False)
    feed_id: int = Field(sa_column=Column(Integer, ForeignKey("feed.id", ondelete="CASCADE"), nullable=False, index=True))
    report_id: int | None = Field(default=None, sa_type=Integer, nullable=True)
    status: str = Field(default="", sa_type=StorableString(64), nullable=False)
    seen_at: datetime = _utc(nullable=False)


class WatchedStoryRow(SQLModel, table=True):
    """A saved check an editor watches: re-checked after new reports arrive (migration 0005).

    ``states_json`` holds each finding's state as last seen (``verifier.changes.states``), so a run
    lists only what moved since; ``changes_json`` the changes the last re-check found.
    """

    __tablename__ = "watched_story"

    id: int | None = Field(default=None, primary_key=True)
    check_id: int = Field(
        sa_column=Column(Integer, ForeignKey("check_run.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    created_at: datetime = _utc(nullable=False)
    rechecked_at: datetime | None = _utc(default=None, nullable=True)
    states_json: str = Field(default="{}", sa_type=StorableText, nullable=False)
    changes_json: str = Field(default="[]", sa_type=StorableText, nullable=False)


FEED: Table = FeedRow.__table__  # type: ignore[attr-defined]
FEED_ITEM: Table = FeedItemRow.__table__  # type: ignore[attr-defined]
WATCHED: Table = WatchedStoryRow.__table__  # type: ignore[attr-defined]

__all__ = ["FEED", "FEED_ITEM", "WATCHED", "FeedItemRow", "FeedRow", "StorableText", "UTCDateTime", "WatchedStoryRow"]
