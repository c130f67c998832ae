"""Publication times: the one reading of dates shared by header blocks, JSONL lines, pages and forms.

Reports are ordered and matched by when they were published, so every source of a date (a
``Published:`` header, a JSONL field, a page's metadata, a date an editor types) must agree on
what a string means and on the zone it is in. Keeping the parser here lets the text and HTML
readers and the app share it without depending on each other.

The rules, which the README repeats for editors:

1. ISO 8601 and RFC 2822 (feeds, HTTP) are read exactly, by the standard library.
2. Everything else people type ("14/03/2025 16:00", "March 14, 2025", "14 March 2025 4pm") is read
   by dateparser, in English, with day, month and year all required.
3. Numeric dates are read in one stated order (``DATE_ORDERS``: day first unless the settings say
   month first). A date that only fits the other order ("03/14/2025" read day first) is refused,
   never swapped: the next date the same editor types ("03/04/2025") would be read the other way.
4. Relative dates ("yesterday 16:00", "2 hours ago") are refused: a stored time is compared with
   other reports for good, and "yesterday" means another day depending on when and in which zone
   it was typed or read.
5. A time without a zone is UTC, as everything the tool shows is in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

from .errors import InputError

DateOrder = Literal["DMY", "MDY"]
# How each order is said to an editor, in labels and messages.
DATE_ORDERS: dict[str, str] = {"DMY": "day first (day/month/year)", "MDY": "month first (month/day/year)"}
DEFAULT_DATE_ORDER: DateOrder = "DMY"

# Words that make a date relative to the moment it is read (rule 4). Checked before dateparser,
# which (with relative parsing off) would otherwise say only that it cannot read them.
_RELATIVE = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|now|ago|last|next|this|since|hours?|minutes?|days?|weeks?)\b",
    re.IGNORECASE,
)
# A numeric date at the start: its first two fields are checked against the stated order (rule 3).
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\b")


def date_advice(order: DateOrder = DEFAULT_DATE_ORDER) -> str:
    """What to type instead, in the order the settings state."""
    example = "14/03/2025 16:00" if order == "DMY" else "03/14/2025 16:00"
    return f"type it as {example} (UTC), March 14, 2025, or ISO 8601 such as 2025-03-14T16:00Z"


def parse_published(value: str, *, order: DateOrder = DEFAULT_DATE_ORDER) -> datetime:
    """Read a publication time as an aware UTC datetime, or raise ``InputError`` saying why.

    ``order`` says how a numeric date such as 04/03/2025 is read (see the module's rules).
    """
    raw = value.strip()
    if not raw:
        raise InputError(f"the publication date is empty; {date_advice(order)}")
    parsed = _parse_exact(raw, order)
    if parsed is None:
        parsed = _parse_typed(raw, order)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError as exc:
        # "0001-01-01T00:00:00+05:00" is a datetime in its own zone but before the first one in UTC.
        raise InputError(f"the publication date {value!r} is out of range; {date_advice(order)}") from exc


def _parse_exact(raw: str, order: DateOrder) -> datetime | None:
    """ISO 8601 or RFC 2822 (rule 1); None when it is neither."""
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw)
    except OverflowError as exc:
        raise InputError(f"the publication date {raw!r} is out of range; {date_advice(order)}") from exc
    except (TypeError, ValueError, IndexError):
        return None


def _dateparser_settings(order: DateOrder) -> dict[str, Any]:
    """dateparser told never to fill in or swap anything (rules 2–5)."""
    return {
        "DATE_ORDER": order,
        "PARSERS": ["absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
        "PREFER_LOCALE_DATE_ORDER": False,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
    }


def _parse_typed(raw: str, order: DateOrder) -> datetime:
    """A date as people type it (rules 2–4), or ``InputError`` saying which rule refused it."""
    if _RELATIVE.search(raw):
        raise InputError(
            f"the publication date {raw!r} is relative to today; a report's time is kept for good, "
            f"so {date_advice(order)}"
        )
    numeric = _NUMERIC_DATE.match(raw)
    if numeric:
        day, month = (numeric.group(1), numeric.group(2)) if order == "DMY" else (numeric.group(2), numeric.group(1))
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            raise InputError(
                f"the publication date {raw!r} does not read {DATE_ORDERS[order]}: {month} is not a month; "
                f"{date_advice(order)}"
            )
    import dateparser  # a fifth of a second to load: only where a date is not ISO or RFC 2822

    parsed = dateparser.parse(raw, languages=["en"], settings=_dateparser_settings(order))
    if parsed is None:
        raise InputError(f"cannot read the publication date {raw!r}; {date_advice(order)}")
    return parsed


def spell_out(when: datetime) -> str:
    """A time written so that nobody can misread it, to show an editor how their date was read.

    >>> spell_out(datetime(2025, 3, 4, 16, 0, tzinfo=UTC))
    'Tuesday 4 March 2025, 16:00 UTC'
    """
    utc = when.astimezone(UTC)
    return f"{utc:%A} {utc.day} {utc:%B %Y, %H:%M} UTC"
