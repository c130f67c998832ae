"""Publication times: every accepted format reads as an aware UTC datetime; the rest is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from verifier.dates import parse_published
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
    ],
)
def test_parse_published_gives_aware_utc(value: str, expected: datetime) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["yesterday", "2020-13-45", "", "21/11/2020 maybe"])
def test_parse_published_refuses_unreadable_dates(value: str) -> None:
    with pytest.raises(InputError, match="ISO 8601"):
        parse_published(value)


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
