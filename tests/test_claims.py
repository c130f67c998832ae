"""The claims pipeline: cleaning, sentences, frames together; spans, ids, cited sources."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import analyse, extract_claims


@pytest.mark.parametrize(
    "sentence",
    [
        "The group did not claim responsibility for the attack.",
        "No group has yet claimed responsibility for the bombing.",
        "There was no immediate claim of responsibility.",
        "Journalists were denied access to the area.",
        "The rockets hit the city just before 09:00 (04:30 GMT).",
        "In 2019 the port was the centre of weeks of protests.",
        "Prices rose by 40% and the damage was put at $3bn.",
        "The warehouse held 2,750 tonnes of ammonium nitrate for six years.",
        "Section 427 of the code was cited in Row 21 of the ledger.",
        "The attack, which was also blamed on the Red Hand, shocked the town.",
        "The Red Hand, blamed for the attack, has not commented.",
    ],
)
def test_sentences_without_claims(sentence: str) -> None:
    core = [c for c in extract_claims(sentence) if c.kind != "figure"]
    assert core == []




def test_boilerplate_gives_no_claims() -> None:
    text = (
        "Rebels killed 9 people in the north on Sunday, officials said.\n"
        "Related coverage\n"
        "Police arrest 14 in crackdown on fake medicine\n"
        "27 passengers injured as train derails\n"
    )
    claims = extract_claims(text)
    assert [(c.kind, c.value.low if c.value else None) for c in claims] == [("killed", 9)]


def test_cited_source_and_spans() -> None:
    text = "Intro line here.\nA rocket attack killed at least eight people and wounded 30 others, officials say."
    analysis = analyse(text)
    killed = next(c for c in analysis.claims if c.kind == "killed")
    assert analysis.text[killed.span[0] : killed.span[1]] == "at least eight"
    assert analysis.text[killed.sentence_span[0] : killed.sentence_span[1]] == killed.sentence
    assert killed.attributed_to == "officials"
    assert killed.noun == "people"


def test_claim_ids_are_unique_and_ordered() -> None:
    claims = extract_claims("Eight people were killed and 31 wounded. Police detained 5 people.")
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert [c.span for c in claims] == sorted(c.span for c in claims)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_and_spans_index_cleaned_text(text: str) -> None:
    analysis = analyse(text)
    for claim in analysis.claims:
        start, end = claim.span
        s_start, s_end = claim.sentence_span
        assert 0 <= s_start <= start <= end <= s_end <= len(analysis.text)
        assert analysis.text[s_start:s_end] == claim.sentence


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "At least 8 people were killed.",
                "Police detained 40 people.",
                "The Taliban denied involvement.",
                "Rockets hit the city at 09:00.",
                "Latest Stories",
                "53 arrested in cybercrime bust",
                "2 hours -",
                "\n",
                " ",
                "\u00a0",
                "\"Quote.\"",
            ]
        ),
        max_size=30,
    )
)
def test_random_mixtures_of_story_and_furniture(parts: list[str]) -> None:
    analysis = analyse(" ".join(parts))
    for claim in analysis.claims:
        assert analysis.text[claim.span[0] : claim.span[1]]


def test_the_api_keeps_the_one_input_limit() -> None:
    from verifier import InputError, analyse

    with pytest.raises(InputError, match="VERIFIER_MAX_INPUT_CHARS"):
        analyse("Gunmen killed 3 people. " * 10, max_chars=100)
    assert analyse("Gunmen killed 3 people.", max_chars=100).claims


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u2066", "\u200b", "\ufeff"])
def test_an_invisible_mark_between_words_hides_no_claim(mark: str) -> None:
    claims = extract_claims(f"Gunmen killed{mark} 30 people{mark} in the market.")
    assert [(c.kind, c.value.low if c.value else None) for c in claims] == [("killed", 30)]
