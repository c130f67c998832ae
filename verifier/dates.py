"""Publication times: the one reading of dates shared by header blocks, JSONL lines and pages.

Reports are ordered and matched by when they were published, so every source of a date (a
``Published:`` header, a JSONL field, a page's metadata) must agree on what a string means and
on the zone it is in. Keeping the parser here lets the text and HTML readers share it without
depending on each other.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .errors import InputError

_PLAIN_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_DATE_ADVICE = "use ISO 8601 such as 2020-11-21T08:15:00Z, or a plain date such as 2020-11-21"


def parse_published(value: str) -> datetime:
    """Read a publication time as an aware UTC datetime, or raise ``InputError`` saying why.

    ISO 8601 (with ``Z`` or an offset), plain dates (midnight UTC), RFC 2822 (feeds and HTTP) and
    "21 November 2020"-style dates are accepted. A time without a zone is taken as UTC: reference
    files are meant to be written in UTC, and guessing a local zone would reorder reports silently.
    """
    raw = value.strip()
    if not raw:
        raise InputError(f"the publication date is empty; {_DATE_ADVICE}")
    parsed = _parse_datetime(raw)
    if parsed is None:
        raise InputError(f"cannot read the publication date {value!r}; {_DATE_ADVICE}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError as exc:
        # "0001-01-01T00:00:00+05:00" is a datetime in its own zone but before the first one in UTC.
        raise InputError(f"the publication date {value!r} is out of range; {_DATE_ADVICE}") from exc


def _parse_datetime(raw: str) -> datetime | None:
    """Try each accepted format in turn; None when none of them fits."""
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw)
    except OverflowError as exc:
        raise InputError(f"the publication date {raw!r} is out of range; {_DATE_ADVICE}") from exc
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _PLAIN_DATE_FORMATS:
        try:
            return datetime.combine(datetime.strptime(raw, fmt).date(), datetime.min.time())
        except ValueError:
            continue
    return None
