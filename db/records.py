"""The small values the store returns besides ``verifier.types``: outcomes and listings.

Callers never see ORM rows, so these are plain frozen dataclasses that can cross threads,
processes and Streamlit's caches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from verifier.errors import SourceFormatError

IngestStatus = Literal["added", "duplicate", "rejected"]


@dataclass(frozen=True)
class IngestResult:
    """What became of one report offered to the library.

    ``line`` is set when the report was one line of a JSONL file; a rejection without a line
    means a whole source (file, URL) could not be used. ``warnings`` say what intake read past
    (a ``Published:`` header it could not read, so the report is undated), for the editor to fix.
    """

    status: IngestStatus
    source: str = ""
    report_id: int | None = None
    claims: int = 0
    reason: str = ""
    title: str = ""
    line: int | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "rejected"


@dataclass(frozen=True)
class ReportSummary:
    id: int
    outlet: str
    title: str
    url: str
    published: datetime | None
    fetched_at: datetime | None
    created_at: datetime
    claims: int
    reliability: float


@dataclass(frozen=True)
class OutletSummary:
    id: int
    name: str
    domain: str
    reliability: float
    reports: int


@dataclass(frozen=True)
class CheckSummary:
    id: int
    created_at: datetime
    story_title: str
    story_url: str
    agrees: int
    conflicts: int
    unverified: int
    review_state: str = "open"
    reviewed_by: str = ""

    @property
    def claims(self) -> int:
        return self.agrees + self.conflicts + self.unverified


@dataclass(frozen=True)
class ImportResult:
    added: int = 0
    duplicates: int = 0
    errors: tuple[SourceFormatError, ...] = field(default_factory=tuple)
