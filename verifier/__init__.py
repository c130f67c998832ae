"""verifier: check a story's claims against what other outlets reported.

The public API is listed once, in ``__all__``; everything else is internal.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from .claims import Analysis, analyse, extract_claims
from .decode import decode_bytes
from .errors import (
    BlockedURLError,
    ConfigError,
    DuplicateReportError,
    FetchError,
    FetchTimeoutError,
    InputError,
    NotFoundError,
    SourceFormatError,
    StoreError,
    TooLargeError,
    VerifierError,
)
from .frames import load_frames
from .intake import (
    document_from_bytes,
    fetch_url,
    iter_report_paths,
    parse_report_file,
    read_story,
)
from .numbers import find_numbers, parse_number
from .report import FORMATS, export
from .roles.explain import Reading, SentenceExplanation, explain
from .settings import Settings
from .terms import salient_terms
from .types import (
    CheckResult,
    Claim,
    Document,
    Evidence,
    Finding,
    NumberMention,
    Range,
    Report,
    SourceClaim,
)

if TYPE_CHECKING:
    from .match import check_claims, check_story
    from .pages import document_from_html

__version__ = "0.1.0"


# Loaded on first use, not at import, so that the command line starts at once (`verifier --help` and
# `verifier extract` need neither): pages brings trafilatura, match brings rapidfuzz and the matcher,
# a tenth of a second each.
_LAZY = {"document_from_html": ".pages", "check_claims": ".match", "check_story": ".match"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "Analysis",
    "BlockedURLError",
    "CheckResult",
    "Claim",
    "ConfigError",
    "Document",
    "DuplicateReportError",
    "Evidence",
    "FetchError",
    "FetchTimeoutError",
    "Finding",
    "InputError",
    "NotFoundError",
    "NumberMention",
    "Range",
    "Reading",
    "Report",
    "SentenceExplanation",
    "Settings",
    "SourceClaim",
    "SourceFormatError",
    "StoreError",
    "TooLargeError",
    "VerifierError",
    "analyse",
    "check_claims",
    "check_story",
    "decode_bytes",
    "document_from_bytes",
    "document_from_html",
    "explain",
    "export",
    "extract_claims",
    "fetch_url",
    "find_numbers",
    "iter_report_paths",
    "load_frames",
    "parse_number",
    "parse_report_file",
    "read_story",
    "salient_terms",
]
