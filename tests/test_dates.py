"""Publication times: every accepted format reads as an aware UTC datetime; the rest is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from verifier.dates import DateOrder, parse_published
from verifier.errors import InputError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-21T08:15:00Z", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21T09:15:00+01:00", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21 08:15", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21", datetime(2020, 11, 21, tzinfo=UTC)),
        ("Sat, 21 Nov 2020 08:15:00 GMT", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("21 November 2020", datetime(2020, 11, 21, tzinfo=UTC)),
        ("November 21, 2020", datetime(2020, 11, 21, tzinfo=UTC)),
        # The forms editors type (issue 10), read day first unless the settings say month first.
        ("14/03/2025 16:00", datetime(2025, 3, 14, 16, tzinfo=UTC)),
        ("14.03.2025", datetime(2025, 3, 14, tzinfo=UTC)),
        ("04/03/2025", datetime(2025, 3, 4, tzinfo=UTC)),
        ("March 14, 2025", datetime(2025, 3, 14, tzinfo=UTC)),
        ("14 March 2025 4pm", datetime(2025, 3, 14, 16, tzinfo=UTC)),
        ("Friday 14 March 2025, 16:00 GMT", datetime(2025, 3, 14, 16, tzinfo=UTC)),
        ("14/03/2025 16:00 CET", datetime(2025, 3, 14, 15, tzinfo=UTC)),
    ],
)
def test_parse_published_gives_aware_utc(value: str, expected: datetime) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("04/03/2025 16:00", "DMY", datetime(2025, 3, 4, 16, tzinfo=UTC)),
        ("04/03/2025 16:00", "MDY", datetime(2025, 4, 3, 16, tzinfo=UTC)),
        ("03/14/2025", "MDY", datetime(2025, 3, 14, tzinfo=UTC)),
        ("March 14, 2025", "MDY", datetime(2025, 3, 14, tzinfo=UTC)),
        ("2025-03-04", "MDY", datetime(2025, 3, 4, tzinfo=UTC)),
    ],
)
def test_numeric_dates_read_in_the_stated_order(value: str, order: DateOrder, expected: datetime) -> None:
    assert parse_published(value, order=order) == expected


@pytest.mark.parametrize(
    ("value", "order", "why"),
    [
        ("yesterday", "DMY", "relative to today"),
        ("yesterday 16:00", "DMY", "relative to today"),
        ("2 hours ago", "DMY", "relative to today"),
        ("today 10:00", "MDY", "relative to today"),
        # Never swapped to fit: the next date the editor types would be read the other way.
        ("03/14/2025", "DMY", "does not read day first"),
        ("14/03/2025", "MDY", "does not read month first"),
        ("14 March", "DMY", "cannot read"),
        ("March 2025", "DMY", "cannot read"),
        ("31/02/2025", "DMY", "cannot read"),
        ("2020-13-45", "DMY", "cannot read"),
        ("", "DMY", "empty"),
        ("21/11/2020 maybe", "DMY", "cannot read"),
    ],
)
def test_parse_published_refuses_what_it_would_have_to_guess(value: str, order: DateOrder, why: str) -> None:
    with pytest.raises(InputError, match=why) as info:
        parse_published(value, order=order)
    assert "ISO 8601" in str(info.value)
    assert ("14/03/2025 16:00" if order == "DMY" else "03/14/2025 16:00") in str(info.value)


# Dates a datetime can hold in their own zone but not in UTC, or not at all (issue 11, item 6).
@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "Fri, 31 Dec 9999 23:00:00 -0500",
    ],
)
def test_dates_out_of_range_are_refused_with_advice(value: str) -> None:
    with pytest.raises(InputError, match="out of range"):
        parse_published(value)
