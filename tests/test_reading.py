"""Reading through invisible characters: figures keep their value, spans keep indexing the text.

``reading_view`` is what ``find_numbers`` reads; these tests hold the whole extraction to it: a
zero-width space, soft hyphen or bidirectional mark inside or beside a figure changes no claim's
kind or value, whatever Unicode spaces surround it, and nothing raises.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier import extract_claims
from verifier.reading import reading_view

INVISIBLES = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
SPACES = " \t\u00a0\u2002\u2005\u2007\u2009\u200a\u202f\u205f\u3000"


@pytest.mark.parametrize(
    ("text", "reads", "span", "original"),
    [
        ("plain 30", "plain 30", (6, 8), (6, 8)),
        ("3\u200b0 dead", "30 dead", (0, 2), (0, 3)),
        ("killed \u200f30", "killed 30", (7, 9), (7, 10)),
        ("30\u200e\u200f people", "30 people", (0, 2), (0, 4)),
        ("\ufeff", "", (0, 0), (0, 1)),
    ],
)
def test_reading_view_maps_spans_back(text: str, reads: str, span: tuple[int, int], original: tuple[int, int]) -> None:
    reading = reading_view(text)
    assert reading.text == reads
    assert reading.span(*span) == original


SENTENCES = [
    "A rocket attack killed {n} people and wounded {m} others, officials said.",
    "Police arrested {n} suspects after the blast.",
    "The ministry said about {n} troops would withdraw, while {m} were injured.",
    "At least {n} people were killed and {m} wounded in the attack.",
]


def _digits_with_marks(draw: st.DrawFn, n: int) -> str:
    """``n`` written with invisible marks between, before or after its digits."""
    out = []
    for digit in str(n):
        out.append(draw(st.text(alphabet=INVISIBLES, max_size=2)))
        out.append(digit)
    out.append(draw(st.text(alphabet=INVISIBLES, max_size=2)))
    return "".join(out)


@st.composite
def marked_story(draw: st.DrawFn) -> tuple[str, str]:
    template = draw(st.sampled_from(SENTENCES))
    n, m = draw(st.integers(2, 999)), draw(st.integers(2, 999))
    space = draw(st.sampled_from(SPACES))
    plain = template.format(n=n, m=m).replace(" ", space)
    marked = template.format(n=_digits_with_marks(draw, n), m=_digits_with_marks(draw, m)).replace(" ", space)
    return plain, marked


def _figures(text: str) -> list[tuple[object, ...]]:
    return [(c.kind, c.value.low if c.value else None, c.value.high if c.value else None) for c in extract_claims(text)]


@settings(max_examples=200, deadline=None)
@given(marked_story())
@example(("The blast killed 30 people.", "The blast killed \u200f3\u200b0\u200e people."))
def test_invisible_marks_never_change_a_claim(pair: tuple[str, str]) -> None:
    plain, marked = pair
    assert _figures(marked) == _figures(plain)
    for claim in extract_claims(marked):
        assert 0 <= claim.span[0] <= claim.span[1] <= len(marked)


noisy_text = st.text(
    alphabet=st.sampled_from([*"0123456789,.-killed people wounded at least about troops", *INVISIBLES, *SPACES, "\n"]),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(noisy_text | st.text(max_size=200))
def test_extract_claims_never_raises_on_odd_characters(text: str) -> None:
    extract_claims(text)
