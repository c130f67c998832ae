"""Range arithmetic the matcher relies on, and the JSON shape of claims."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier import Claim, Range

bound = st.one_of(st.none(), st.floats(min_value=0, max_value=1e7, allow_nan=False))


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (Range(8, None), Range(10, 10), True),
        (Range(30, 30), Range(31, 31), False),
        (Range(17, 23), Range(23, 23), True),
        (Range(None, 40), Range(60, 60), False),
        (Range(12, 15), Range(14, 14), True),
        (Range(None, None), Range(5, 5), True),
    ],
)
def test_overlaps(a: Range, b: Range, overlap: bool) -> None:
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


@pytest.mark.parametrize(
    ("r", "best"), [(Range(8, None), 8), (Range(None, 40), 40), (Range(12, 15), 13.5), (Range(None, None), None)]
)
def test_best(r: Range, best: float | None) -> None:
    assert r.best == best


@given(bound, bound, st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_contains_agrees_with_overlaps(low: float | None, high: float | None, x: float) -> None:
    r = Range(low, high)
    assert r.contains(x) == r.overlaps(Range(x, x))


def test_infinite_bounds_serialise_as_open() -> None:
    assert Range(math.inf, -math.inf).to_dict()["low"] is None


def test_claim_round_trip() -> None:
    claim = Claim(
        id="c1", kind="killed", value=Range(8, None, "at_least", "at least eight"), sentence="s", span=(1, 3),
        sentence_span=(0, 5), noun="people", attributed_to="officials",
    )
    assert Claim.from_dict(claim.to_dict()) == claim
