"""verifier: check a story's claims against what other outlets reported.

The public API is listed once, in ``__all__``; everything else is internal.

Only the exceptions are imported with the package: every other name loads its module on first use
(PEP 562), so that ``import verifier`` costs nothing until something is used. The command line
starts in a fresh process many times a day (``verifier --help`` must not read the extractor's frames,
the matcher, trafilatura or httpx): ``make bench`` measures it, ``bench/startup.py``.
"""

from importlib import import_module
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from .audit import AuditEntry
    from .claims import Analysis, analyse, extract_claims
    from .decode import decode_bytes
    from .frames import load_frames
    from .intake import document_from_bytes, fetch_url, iter_report_paths, parse_report_file, read_story
    from .match import check_claims, check_story
    from .numbers import find_numbers, parse_number
    from .pages import document_from_html
    from .report import FORMATS, export
    from .rerun import RerunDiff
    from .review import Decision, Review
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

__version__ = "0.1.0"

# Public name -> the module that defines it, imported on first use.
_LAZY = {
    "Analysis": ".claims",
    "AuditEntry": ".audit",
    "Decision": ".review",
    "RerunDiff": ".rerun",
    "Review": ".review",
    "CheckResult": ".types",
    "Claim": ".types",
    "Document": ".types",
    "Evidence": ".types",
    "FORMATS": ".report",
    "Finding": ".types",
    "NumberMention": ".types",
    "Range": ".types",
    "Reading": ".roles.explain",
    "Report": ".types",
    "SentenceExplanation": ".roles.explain",
    "Settings": ".settings",
    "SourceClaim": ".types",
    "analyse": ".claims",
    "check_claims": ".match",
    "check_story": ".match",
    "decode_bytes": ".decode",
    "document_from_bytes": ".intake",
    "document_from_html": ".pages",
    "explain": ".roles.explain",
    "export": ".report",
    "extract_claims": ".claims",
    "fetch_url": ".intake",
    "find_numbers": ".numbers",
    "iter_report_paths": ".intake",
    "load_frames": ".frames",
    "parse_number": ".numbers",
    "parse_report_file": ".intake",
    "read_story": ".intake",
    "salient_terms": ".terms",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "FORMATS",
    "Analysis",
    "AuditEntry",
    "BlockedURLError",
    "CheckResult",
    "Claim",
    "ConfigError",
    "Decision",
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
    "RerunDiff",
    "Review",
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
