"""Salient terms: the names that tell one event from another (what the store indexes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier import salient_terms


def test_names_mid_sentence_rank_by_frequency() -> None:
    text = (
        "Rockets hit Kabul on Saturday. The Taliban denied involvement in Kabul. "
        "Officials in Kabul blamed the Taliban, while Pompeo met negotiators in Doha."
    )
    terms = salient_terms(text)
    assert terms[:2] == ["kabul", "taliban"]
    assert {"pompeo", "doha"} <= set(terms)


@pytest.mark.parametrize("word", ["rockets", "the", "saturday", "officials", "latest"])
def test_sentence_openers_days_and_filler_are_not_names(word: str) -> None:
    text = "Rockets hit Kabul on Saturday. The Latest news from Kabul. Officials spoke in Kabul."
    assert word not in salient_terms(text)


def test_possessives_fold_into_the_name() -> None:
    assert salient_terms("Rebels attacked Beirut's port and Beirut's airport.") == ["beirut"]


def test_limit() -> None:
    text = " ".join(f"in Town{chr(65 + i)}x" for i in range(26))
    assert len(salient_terms(text, limit=5)) == 5


@given(st.text(max_size=300))
def test_never_crashes_and_terms_are_lower_case(text: str) -> None:
    for term in salient_terms(text):
        assert term == term.lower() and term
