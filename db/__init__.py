"""The reference library: reports, their claims and terms, and the history of checks.

``Store`` is the way in; everything it returns is a dataclass from ``verifier.types`` or
``db.records``, never a database row.
"""

from . import feed_models as _feed_models  # noqa: F401  (the feed tables join the metadata)
from .check import run_check
from .engine import make_engine
from .migrate import init_db
from .records import CheckSummary, ImportResult, IngestResult, OutletSummary, ReportSummary
from .store import Store

__all__ = [
    "CheckSummary",
    "ImportResult",
    "IngestResult",
    "OutletSummary",
    "ReportSummary",
    "Store",
    "init_db",
    "make_engine",
    "run_check",
]
