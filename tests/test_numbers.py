"""The number grammar as a newsroom relies on it.

What an editor expects a phrase to mean, per ``../shared/eval/README.md`` and the policy documented
in ``verifier/numbers.py``: "30" is 30..30, "at least eight" 8..open, "more than 2,000" 2000..open,
"up to 40" open..40, "between 8 and 10" 8..10; approximate words ("about", "around", "some",
"roughly", "nearly") give finite bounds low <= N <= high no wider than N; vague words give the
range of ``VAGUE``; and years, dates, clock times, ordinals and labels are never counts.

"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier.numbers import APPROX_TOLERANCE, MAX_FIGURE, QUALIFIERS_BEFORE, find_numbers, parse_number
from verifier.types import NumberMention, Range

NON_COUNTS = {"year", "date", "time", "ordinal", "identifier"}
CATEGORIES = NON_COUNTS | {"count", "percent", "money", "measure"}


@dataclass(frozen=True)
class Approx:
    """An approximate figure: finite bounds, low <= n <= high, high - low <= n (eval README).

    ``below`` is for "nearly"/"almost": the figure was not reached, so the range stays at or under it.
    """

    n: float
    qualifier: str = "approx"
    below: bool = False


def nearly(n: float) -> Approx:
    return Approx(n, "nearly", below=True)


def by_phrase(cases: list) -> list:
    """Name each parametrized case by its phrase."""
    return [pytest.param(*c, id=c[0]) if type(c) is tuple else c for c in cases]


# phrase -> expected (low, high, qualifier) of the one count in it, or Approx(n)
COUNT_CASES = [
    # digits, separators, decimals, scales
    ("30 people were wounded", (30, 30, "exact")),
    ("7 dead", (7, 7, "exact")),
    ("2,000 people fled", (2000, 2000, "exact")),
    ("12,500 troops", (12500, 12500, "exact")),
    ("1,250,000 refugees", (1_250_000, 1_250_000, "exact")),
    ("1.5 million people", (1_500_000, 1_500_000, "exact")),
    ("2.5m people", (2_500_000, 2_500_000, "exact")),
    ("10k runners", (10_000, 10_000, "exact")),
    ("3 million voters", (3_000_000, 3_000_000, "exact")),
    ("250 thousand displaced", (250_000, 250_000, "exact")),
    ("1.2bn people", (1_200_000_000, 1_200_000_000, "exact")),
    ("2.5 billion people", (2_500_000_000, 2_500_000_000, "exact")),
    ("36 soldiers", (36, 36, "exact")),
    # number words
    ("eight people were killed", (8, 8, "exact")),
    ("one person died", (1, 1, "exact")),
    ("eleven rockets", (11, 11, "exact")),
    ("thirty-one soldiers", (31, 31, "exact")),
    ("thirty one soldiers", (31, 31, "exact")),
    ("one hundred and twenty families", (120, 120, "exact")),
    ("two hundred people", (200, 200, "exact")),
    ("a hundred people", (100, 100, "exact")),
    ("a thousand people", (1000, 1000, "exact")),
    ("twenty-five thousand protesters", (25_000, 25_000, "exact")),
    ("two hundred and fifty thousand refugees", (250_000, 250_000, "exact")),
    ("three million voters", (3_000_000, 3_000_000, "exact")),
    ("Fourteen people were hurt", (14, 14, "exact")),
    ("Seventy-five officers", (75, 75, "exact")),
    ("Twelve rockets", (12, 12, "exact")),
    # dozens
    ("a dozen rockets", (12, 12, "exact")),
    ("A dozen people", (12, 12, "exact")),
    ("two dozen soldiers", (24, 24, "exact")),
    ("three dozen houses", (36, 36, "exact")),
    ("half a dozen attackers", (6, 6, "exact")),
    ("3 dozen eggs", (36, 36, "exact")),
    # vague quantities (the range VAGUE documents)
    ("dozens were hurt", (24, 99, "vague")),
    ("Dozens of people were hurt", (24, 99, "vague")),
    ("scores of people", (40, 99, "vague")),
    ("hundreds of people", (200, 999, "vague")),
    ("Hundreds fled the town", (200, 999, "vague")),
    ("thousands of people", (2000, 9999, "vague")),
    ("thousands marched", (2000, 9999, "vague")),
    ("tens of thousands of people", (20_000, 99_999, "vague")),
    ("hundreds of thousands of people", (200_000, 999_999, "vague")),
    ("millions of people", (2_000_000, 9_999_999, "vague")),
    ("several people were hurt", (3, 9, "vague")),
    ("Several rockets", (3, 9, "vague")),
    ("a handful of protesters", (3, 6, "vague")),
    ("a few soldiers", (2, 5, "vague")),
    ("a couple of officers", (2, 3, "vague")),
    ("several hundred people", (300, 900, "vague")),
    ("a few hundred protesters", (200, 500, "vague")),
    # lower bounds
    ("killed at least eight people", (8, None, "at_least")),
    ("At least 12 people died", (12, None, "at_least")),
    ("at least one person", (1, None, "at_least")),
    ("at least a dozen", (12, None, "at_least")),
    ("at least 1.5 million", (1_500_000, None, "at_least")),
    ("no fewer than 15 soldiers", (15, None, "at_least")),
    ("20 or more people", (20, None, "at_least")),
    ("a dozen or more", (12, None, "at_least")),
    ("100+ people", (100, None, "at_least")),
    ("1,000-plus troops", (1000, None, "at_least")),
    ("50-plus people", (50, None, "at_least")),
    ("more than 2,000 people", (2000, None, "more_than")),
    ("More than 2,000 people", (2000, None, "more_than")),
    ("more than a dozen", (12, None, "more_than")),
    ("more than two dozen", (24, None, "more_than")),
    ("over 100 people", (100, None, "more_than")),
    ("Over 300 troops", (300, None, "more_than")),
    ("over a hundred people", (100, None, "more_than")),
    ("upwards of 200 people", (200, None, "more_than")),
    ("in excess of 500 troops", (500, None, "more_than")),
    # upper bounds
    ("up to 40 people", (None, 40, "at_most")),
    ("up to a dozen", (None, 12, "at_most")),
    ("as many as 60 people", (None, 60, "at_most")),
    ("As many as 60 people", (None, 60, "at_most")),
    ("at most 30", (None, 30, "at_most")),
    ("no more than 30 people", (None, 30, "at_most")),
    ("fewer than 10 people", (None, 10, "less_than")),
    ("fewer than a dozen", (None, 12, "less_than")),
    ("less than 100 people", (None, 100, "less_than")),
    ("under 50 people", (None, 50, "less_than")),
    # approximate
    ("about 20 people", Approx(20)),
    ("About 20 mortars", Approx(20)),
    ("about a dozen", Approx(12)),
    ("about 1.5 million", Approx(1_500_000)),
    ("around 50 people", Approx(50)),
    ("Around 1,500 people", Approx(1500)),
    ("some 300 troops", Approx(300)),
    ("Some 3,000 troops", Approx(3000)),
    ("roughly 1,000 people", Approx(1000)),
    ("roughly half a dozen", Approx(6)),
    ("approximately 150 people", Approx(150)),
    ("an estimated 5,000 people", Approx(5000)),
    ("30 or so people", Approx(30)),
    ("nearly 40 people", nearly(40)),
    ("Nearly 40 people", nearly(40)),
    ("almost 200 people", nearly(200)),
    ("nearly a dozen", nearly(12)),
    ("close to 300 people", nearly(300)),
    # ranges
    ("between 8 and 10 people", (8, 10, "between")),
    ("Between 8 and 10 people", (8, 10, "between")),
    ("between 1,000 and 2,000 people", (1000, 2000, "between")),
    ("between 200 and 300 troops", (200, 300, "between")),
    ("8 to 10 people", (8, 10, "between")),
    ("20 to 30 people", (20, 30, "between")),
    ("8-10 people", (8, 10, "between")),
    ("8\u201310 people", (8, 10, "between")),
    ("from 12 to 15 people", (12, 15, "between")),
    ("eight to ten people", (8, 10, "between")),
    ("8 or 9 people", (8, 9, "between")),
    ("two or three people", (2, 3, "between")),
    ("between eight and ten people", (8, 10, "between")),
    ("between 2 and 3 million people", (2_000_000, 3_000_000, "between")),
    # zero
    ("no one was hurt", (0, 0, "exact")),
    ("No one was killed", (0, 0, "exact")),
    ("no-one was hurt", (0, 0, "exact")),
    ("nobody was hurt", (0, 0, "exact")),
    ("Nobody was killed", (0, 0, "exact")),
    ("none were injured", (0, 0, "exact")),
    ("None were injured", (0, 0, "exact")),
]


def counts(text: str) -> list[NumberMention]:
    return [m for m in find_numbers(text) if m.category == "count"]


def assert_value(value: Range, expected: object) -> None:
    if isinstance(expected, Approx):
        n = expected.n
        assert value.qualifier == expected.qualifier
        assert value.low is not None and value.high is not None, "approximate words give finite bounds"
        assert value.low <= n <= value.high
        assert value.high - value.low <= n, "no wider than the figure itself"
        assert value.low < n, "an approximate figure allows less than the figure"
        if expected.below:
            assert value.high <= n, "'nearly N' does not reach above N"
        else:
            assert value.high > n, "'about N' allows more than N too"
    else:
        assert (value.low, value.high, value.qualifier) == expected


@pytest.mark.parametrize(("phrase", "expected"), by_phrase(COUNT_CASES))
def test_count_phrases(phrase: str, expected: object) -> None:
    found = counts(phrase)
    assert len(found) == 1, [(m.text, m.category) for m in find_numbers(phrase)]
    assert_value(found[0].value, expected)


def test_count_table_is_broad() -> None:
    assert len(COUNT_CASES) >= 100


def test_about_twenty_is_the_documented_example() -> None:
    # numbers.py: 'Approximate words allow this relative spread either side of the figure ("about 20" = 17..23)'
    assert APPROX_TOLERANCE == 0.15
    value = parse_number("about 20")
    assert value is not None and (value.low, value.high) == (17, 23)


def test_parse_number_gives_the_first_count() -> None:
    assert parse_number("at least eight") == Range(8, None, "at_least", "at least eight")
    assert parse_number("in 2019") is None
    assert parse_number("no figure here") is None
    assert parse_number("") is None


# --- things that are never counts -----------------------------------------------------------------

NEVER_COUNTS = [
    # years
    "in 2019",
    "the 2020 election",
    "in the 1990s",
    "the 2025/26 season",
    "the 2020-21 season",
    # dates
    "on 21 November",
    "on Nov 21",
    "from Sept. 1",
    "on November 21, 2020",
    "on 3 March 2021",
    "on March 3",
    "the 9/11 attacks",
    # clock times
    "at 09:00",
    "at 04:30 GMT",
    "at 9 pm",
    "at 7am",
    "at 18:00",
    "at 9.30am",
    "at 10 p.m.",
    "at 1400 GMT",
    # ordinals
    "the 21st",
    "the 2nd battalion",
    "the 3rd time",
    # identifiers
    "Section 427",
    "Row 21",
    "in PD12",
    "an F-16",
    "COVID-19",
    "Route 9",
    "Flight 302",
    "Resolution 1701",
    "Article 5",
    "Terminal 2",
    "the G20 summit",
    "flight MH17",
    "Unit 8200",
    "No. 10 Downing Street",
    "charged under section 427 of the penal code",
    "a Boeing 737 crashed",
]


def _never_count_param(case: object) -> object:
    if isinstance(case, str):
        return pytest.param(case, None, id=case)
    return case


@pytest.mark.parametrize(("phrase", "_"), [_never_count_param(c) for c in NEVER_COUNTS])
def test_never_counts(phrase: str, _: None) -> None:
    mentions = find_numbers(phrase)
    assert mentions, "the number is still found, as a non-count"
    assert [m.text for m in mentions if m.category == "count"] == []
    assert {m.category for m in mentions} <= NON_COUNTS
    assert parse_number(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("in 2019", "year"),
        ("on 21 November", "date"),
        ("on Nov 21", "date"),
        ("from Sept. 1", "date"),
        ("at 04:30 GMT", "time"),
        ("at 7am", "time"),
        ("the 21st", "ordinal"),
        ("the 2nd", "ordinal"),
        ("Section 427", "identifier"),
        ("in PD12", "identifier"),
        ("an F-16", "identifier"),
    ],
)
def test_non_count_categories(phrase: str, category: str) -> None:
    assert [m.category for m in find_numbers(phrase)] == [category]


def test_date_with_year_is_date_and_year() -> None:
    assert [(m.text, m.category) for m in find_numbers("November 21, 2020")] == [
        ("21", "date"),
        ("2020", "year"),
    ]


# --- units travel with the figure ---------------------------------------------------------------

UNIT_CASES = [
    ("40%", "percent", "%", 40),
    ("75 per cent", "percent", "%", 75),
    ("12.5 percent", "percent", "%", 12.5),
    ("3 percentage points", "percent", "%", 3),
    ("$3bn", "money", "$", 3_000_000_000),
    ("£10 million", "money", "£", 10_000_000),
    ("€5m", "money", "€", 5_000_000),
    ("US$2.5 billion", "money", "$", 2_500_000_000),
    ("5 million dollars", "money", "dollars", 5_000_000),
    ("200km", "measure", "km", 200),
    ("2,750 tonnes", "measure", "tonnes", 2750),
    ("six years", "measure", "years", 6),
    ("30 miles", "measure", "miles", 30),
    ("24 hours", "measure", "hours", 24),
    ("5kg", "measure", "kg", 5),
    ("40 degrees", "measure", "degrees", 40),
]


@pytest.mark.parametrize(("phrase", "category", "unit", "value"), UNIT_CASES)
def test_units_are_carried(phrase: str, category: str, unit: str, value: float) -> None:
    mentions = find_numbers(phrase)
    assert len(mentions) == 1
    m = mentions[0]
    assert (m.category, m.unit) == (category, unit)
    assert (m.value.low, m.value.high) == (value, value)


def test_qualified_percentage_keeps_unit_and_bound() -> None:
    (m,) = find_numbers("more than 40% of homes")
    assert (m.category, m.unit, m.value.low, m.value.high) == ("percent", "%", 40, None)
    assert m.text.startswith("more than 40")


# --- spans ------------------------------------------------------------------------------------

SPAN_CASES = [
    ("Rockets killed at least eight people in Kabul.", ["at least eight"]),
    ("About 20 mortars were fired.", ["About 20"]),
    ("Police said between 8 and 10 people died.", ["between 8 and 10"]),
    ("Officials said 20 or more were hurt.", ["20 or more"]),
    ("More than 2,000 people fled, and up to 40 were missing.", ["More than 2,000", "up to 40"]),
    ("Nobody was hurt.", ["Nobody"]),
    ("Dozens of people were wounded.", ["Dozens of"]),
    ("a dozen or more troops", ["a dozen or more"]),
    ("some 1.5 million people", ["some 1.5 million"]),
]


@pytest.mark.parametrize(("text", "texts"), SPAN_CASES)
def test_spans_index_the_text_and_include_the_qualifier(text: str, texts: list[str]) -> None:
    found = counts(text)
    assert [m.text for m in found] == texts
    for m in find_numbers(text):
        assert m.text == text[m.start : m.end]
        assert m.span == (m.start, m.end)


# --- several numbers in one sentence -----------------------------------------------------------

MULTI_CASES = [
    (
        "The attack killed at least eight people and wounded 30 others.",
        [("at least eight", 8, None, "at_least"), ("30", 30, 30, "exact")],
    ),
    (
        "The garrison was cut from 4,500 to 2,500 troops.",
        [("4,500", 4500, 4500, "exact"), ("2,500", 2500, 2500, "exact")],
    ),
    (
        "Between 8 and 10 people died and more than 20 were hurt.",
        [("Between 8 and 10", 8, 10, "between"), ("more than 20", 20, None, "more_than")],
    ),
    (
        "Of the 1,500 troops, 300 were wounded and 12 killed.",
        [("1,500", 1500, 1500, "exact"), ("300", 300, 300, "exact"), ("12", 12, 12, "exact")],
    ),
    (
        "On 21 November 2020 at 09:00, 8 rockets hit PD12, killing 3 people.",
        [("8", 8, 8, "exact"), ("3", 3, 3, "exact")],
    ),
    (
        "Nobody died, but dozens were hurt and two were arrested.",
        [("Nobody", 0, 0, "exact"), ("dozens", 24, 99, "vague"), ("two", 2, 2, "exact")],
    ),
    (
        "The death toll rose from 8 to 12 overnight.",
        [("8", 8, 8, "exact"), ("12", 12, 12, "exact")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI_CASES)
def test_several_numbers_in_one_sentence(
    text: str, expected: list[tuple[str, float, float | None, str]]
) -> None:
    found = counts(text)
    assert [(m.text, m.value.low, m.value.high, m.value.qualifier) for m in found] == expected
    for m in found:
        assert m.text == text[m.start : m.end]


# --- properties ---------------------------------------------------------------------------------

TOKENS = [
    *[
        "at least",
        "more than",
        "over",
        "nearly",
        "almost",
        "about",
        "around",
        "some",
        "roughly",
        "up to",
        "fewer than",
        "under",
        "or more",
        "-plus",
        "+",
    ],
    *[
        "between",
        "and",
        "to",
        "from",
        "or",
        "-",
        "–",
        ",",
        ".",
        "%",
        "$",
        "£",
        "per cent",
        "million",
        "bn",
        "m",
        "k",
        "dozen",
        "a",
        "half",
        "dozens of",
        "no one",
        "none",
    ],
    *[
        "eight",
        "thirty-one",
        "one hundred",
        "twenty",
        "2,000",
        "1.5",
        "30",
        "2019",
        "21",
        "09:00",
        "GMT",
        "pm",
        "Nov",
        "Sept.",
        "21st",
        "F-16",
        "PD12",
        "Row",
    ],
    *[
        "people",
        "troops",
        "km",
        "years",
        "\n",
        "\t",
        "\x00",
        "\xa0",
        "\u2028",
        "٣",
        "𝟏",
        "²",
        "½",
        "é",
        "COVID-19",
        "9/11",
        "2025/26",
        "-3",
        "0",
    ],
]
number_soup = st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join) | st.lists(
    st.sampled_from(TOKENS), max_size=30
).map("".join)


def _check_mentions(text: str, mentions: list[NumberMention]) -> None:
    previous: NumberMention | None = None
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end]
        assert m.category in CATEGORIES
        if m.value.low is not None and m.value.high is not None:
            assert m.value.low <= m.value.high
        if previous is not None:
            assert previous.start <= m.start and previous.end <= m.end
        previous = m


@settings(max_examples=300, deadline=None)
@given(st.text() | number_soup)
@example("\x00\x01\x1f\x7f 3\u200b,000 \ufeff")
@example("between  and 10")
@example("9" * 400)
def test_find_numbers_never_raises(text: str) -> None:
    _check_mentions(text, find_numbers(text))
    parse_number(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators(n: int) -> None:
    value = parse_number(f"{n:,}")
    assert value is not None
    assert (value.low, value.high, value.qualifier) == (n, n, "exact")


APPROX_WORDS = sorted(q for q, kind in QUALIFIERS_BEFORE.items() if kind in {"approx", "nearly"})


def test_approx_words_include_the_readme_ones() -> None:
    assert {"about", "around", "nearly", "almost", "some", "roughly", "approximately"} <= set(APPROX_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(APPROX_WORDS), st.booleans())
def test_approximate_bounds_contain_and_stay_narrow(n: int, word: str, separators: bool) -> None:
    # n == 1 is the one exception today: see test_approximately_one below.
    value = parse_number(f"{word} {n:,}" if separators else f"{word} {n}")
    if not separators and 1800 <= n <= 2100:
        # a bare four-digit 1800..2100 reads as a year ("about 1990"), which is fine
        return
    assert value is not None
    assert_value(value, Approx(n, QUALIFIERS_BEFORE[word], below=QUALIFIERS_BEFORE[word] == "nearly"))


@pytest.mark.parametrize("phrase", ["about one", "around 1", "some 1", "roughly one", "approximately 1"])
def test_approximately_one(phrase: str) -> None:
    value = parse_number(phrase)
    assert value is not None
    assert_value(value, Approx(1))


# Qualifiers after a figure written with odd whitespace between their words (issue 11, item 5).
SPACED_AFTER_CASES = [
    ("8 or  more", (8, None, "at_least")),
    ("8 or\tmore", (8, None, "at_least")),
    ("8 or\u00a0more", (8, None, "at_least")),
    ("8 or\u2009more", (8, None, "at_least")),
    ("20 or  so", Approx(20)),
    ("20 or\u00a0so", Approx(20)),
    ("20 OR\tSO", Approx(20)),
]


@pytest.mark.parametrize(("phrase", "expected"), by_phrase(SPACED_AFTER_CASES))
def test_after_qualifiers_with_odd_whitespace(phrase: str, expected: object) -> None:
    value = parse_number(f"killed {phrase} people")
    assert value is not None
    assert_value(value, expected)
    assert value.text == phrase


# Invisible characters and thin or no-break spaces inside a figure (issue 11, item 11): the figure is
# read as an editor reads it, and its span still indexes the text as given.
INVISIBLE_CASES = [
    ("killed 3\u200b0 people", 30, "3\u200b0"),
    ("killed 1\u00ad000 people", 1000, "1\u00ad000"),
    ("killed 1\u2009000 people", 1000, "1\u2009000"),
    ("killed 1\u202f000 people", 1000, "1\u202f000"),
    ("killed 12\u00a0500 people", 12500, "12\u00a0500"),
    ("killed 1\u2009250\u2009000 people", 1_250_000, "1\u2009250\u2009000"),
    ("killed 2\u2060,\u2060000 people", 2000, "2\u2060,\u2060000"),
    ("killed \u200f30 people", 30, "\u200f30"),
    ("killed 30\u200e people", 30, "30\u200e"),
    ("killed \ufeffthirty people", 30, "\ufeffthirty"),
    ("killed thir\u00adty people", 30, "thir\u00adty"),
]


@pytest.mark.parametrize(("text", "value", "words"), INVISIBLE_CASES)
def test_invisible_characters_do_not_change_a_figure(text: str, value: float, words: str) -> None:
    (mention,) = [m for m in find_numbers(text) if m.category == "count"]
    assert (mention.value.low, mention.value.high) == (value, value)
    assert text[mention.start : mention.end] == mention.text == words


def test_a_plain_space_still_parts_two_figures() -> None:
    assert [m.value.low for m in find_numbers("in 2 000 cases")] == [2, 0]


INVISIBLES = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
UNICODE_SPACES = " \t\u00a0\u1680\u2000\u2002\u2005\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _sprinkle(text: str, marks: list[int]) -> str:
    """``text`` with an invisible character before each position in ``marks``."""
    out = []
    for i, ch in enumerate(text):
        out.extend(INVISIBLES[m % len(INVISIBLES)] for m in marks if m % (len(text) + 1) == i)
        out.append(ch)
    return "".join(out)


def _readings(text: str) -> list[tuple[object, ...]]:
    return [(m.value.low, m.value.high, m.value.qualifier, m.category, m.unit) for m in find_numbers(text)]


spaced_soup = st.lists(st.sampled_from([*TOKENS, *UNICODE_SPACES]), max_size=30).map(" ".join) | st.text(
    alphabet=st.sampled_from("0123456789,. abkmx" + UNICODE_SPACES), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(spaced_soup, st.lists(st.integers(min_value=0, max_value=10**6), max_size=8))
@example("killed 1\u2009000 people", [8, 9])
def test_invisible_characters_never_change_a_reading(text: str, marks: list[int]) -> None:
    sprinkled = _sprinkle(text, marks)
    mentions = find_numbers(sprinkled)
    _check_mentions(sprinkled, mentions)
    assert _readings(sprinkled) == _readings(text)


# Figures too large to be a count of anything (issue 11, item 12): never infinity, never a count.
HUGE_CASES = [
    "killed " + "9" * 400 + " people",
    "killed about " + "9" * 400 + " people",
    "killed nearly " + "9" * 30 + " people",
    "killed " + "1,000" * 80 + " people",
    "killed 8 or more " + "9" * 400 + " people",
    "between 8 and " + "9" * 400 + " people",
]


@pytest.mark.parametrize("text", HUGE_CASES, ids=lambda t: t[:30])
def test_figures_too_large_are_not_counts(text: str) -> None:
    for m in find_numbers(text):
        for bound in (m.value.low, m.value.high):
            assert bound is None or bound <= MAX_FIGURE
        if m.category == "count":
            assert "9" * 20 not in m.text and "1,000" * 6 not in m.text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=MAX_FIGURE + 1, max_value=10**500), st.sampled_from(["", "about ", "at least ", "nearly "]))
def test_any_figure_over_the_cap_is_refused(n: int, qualifier: str) -> None:
    assert [m for m in find_numbers(f"killed {qualifier}{n} people") if m.category == "count"] == []
    assert [m for m in find_numbers(f"killed {qualifier}{n:,} people") if m.category == "count"] == []


def test_the_cap_itself_is_a_count() -> None:
    assert parse_number(f"{MAX_FIGURE:,}") == Range(MAX_FIGURE, MAX_FIGURE, "exact", f"{MAX_FIGURE:,}")
