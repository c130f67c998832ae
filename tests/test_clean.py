"""Cleaning pasted pages and cutting sentences, as an editor relies on them.

Nothing of the page around a story may survive cleaning (a headline list there would give claims
such as "53 arrested" that the story never made), and nothing of the story itself may be lost.
Sentences must not be cut at "Mr", "Dr.", "U.S." or "Sept. 1", since a claim is one sentence.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier.clean import Cleaned, clean_text, split_sentences, tidy_line
from verifier.reading import INVISIBLE

LEAD = "Gunmen attacked a police post in the hill town of Varna on Monday, killing at least six officers, the provincial governor said."
CLOSE = "The governor said an investigation had been opened and that the town was calm by nightfall."

# A pasted page: every line is either STORY (must be kept) or PAGE (must be dropped).
PAGE_LINES = [
    ("story", "Gunmen kill six officers in attack on hill-town police post"),
    ("page", "Audio By Vocalis Media"),
    ("page", "Tuesday 14 March 2023"),
    ("page", "14 March 2023"),
    ("story", ""),
    ("story", LEAD),
    ("story", ""),
    ("page", "Share this article"),
    (
        "story",
        "Police said the attackers, who arrived on motorbikes, fired on the post for about 20 minutes before fleeing.",
    ),
    ("story", '"They came out of nowhere."'),
    ("story", '"We had no warning," one officer said.'),
    (
        "story",
        "Two suspects were later detained at a checkpoint outside the town, according to a police spokesman.",
    ),
    ("story", ""),
    ("page", "Protesters marched through the capital on Sunday demanding answers. https://t.co/Qm3Lx9Zp2a"),
    ("page", "\u2014 Dana Kovac (@danakovac) March 13, 2023"),
    ("story", ""),
    ("story", CLOSE),
    ("story", ""),
    ("page", "Join 45,000 readers who get our morning briefing"),
    ("page", "Latest Stories"),
    ("page", "53 arrested in port city after night of unrest"),
    ("page", "2 hours -"),
    ("page", "Floods cut off 40 mountain villages"),
    ("page", "7 minutes ago"),
    ("page", "Finance minister resigns over procurement row"),
    ("story", ""),
    ("page", "\u00a9 2023 Northern Daily Media. All rights reserved."),
]


def _page() -> str:
    return "\n".join(line for _, line in PAGE_LINES)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        pytest.param(kind, line, id=line[:40] or "blank")
        for kind, line in PAGE_LINES
        if line
    ],
)
def test_page_line_kept_or_dropped(kind: str, line: str) -> None:
    cleaned = clean_text(_page())
    kept = cleaned.text.split("\n")
    if kind == "story":
        assert line in kept
        assert line not in cleaned.dropped
    else:
        assert line not in kept
        assert line in cleaned.dropped


def test_story_keeps_its_order_and_paragraphs() -> None:
    cleaned = clean_text(_page())
    story = [line for kind, line in PAGE_LINES if kind == "story" and line]
    kept = [line for line in cleaned.text.split("\n") if line and line in story]
    assert kept == story
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text == cleaned.text.strip("\n")


def _around(*lines: str) -> str:
    return "\n".join([LEAD, "", *lines, "", CLOSE])


BOILERPLATE = [
    # section markers followed by headline lines (with figures that must not become claims)
    (
        "Latest Stories",
        "53 arrested in port city after night of unrest",
        "Floods cut off 40 mountain villages",
    ),
    ("Related coverage", "Three soldiers killed in border clash", "Aid convoy reaches besieged town"),
    ("Most read", "12 dead as bus plunges into ravine", "Court frees opposition leader"),
    ("Read more", "Army says 200 militants killed in offensive"),
    ("Read more:", "Army says 200 militants killed in offensive"),
    ("Related:", "Hundreds rally for detained journalists"),
    ("More on this story", "What we know about the Varna attack"),
    # a label with its link on one line, as local TV pages put related stories between paragraphs
    ("TRENDING: 2 dead, 1 hurt in overnight shooting, police say",),
    ("Most read: Woman, 19, charged after 3 injured in crash",),
    ("Top stories | Army says 40 rebels killed",),
    ("LATEST STORIES", "Heatwave grips southern provinces"),
    # timestamp lines
    ("2 hours -",),
    ("7 minutes ago",),
    ("3 days ago",),
    ("Yesterday",),
    # an embedded tweet: its link line and its signature
    ("Huge crowds at the funeral of the officers this afternoon https://t.co/Ab12Cd34Ef",),
    ("\u2014 Dana Kovac (@danakovac) November 21, 2020",),
    ("pic.twitter.com/Xy7Zq2LmNo",),
    # page furniture
    ("Share this article",),
    ("Share",),
    ("Audio By Vocalis Media",),
    ("14 March 2023",),
    ("November 21, 2020",),
    ("21 Nov 2020, 08:15",),
    ("All rights reserved",),
    ("\u00a9 2023 Northern Daily Media. All rights reserved.",),
    ("Copyright 2023 Northern Daily Media",),
    ("Join 45,000 readers who get our morning briefing",),
    ("Sign up for our newsletter",),
    ("Advertisement",),
    ("Image caption, Police at the scene on Monday",),
    ("Continue reading",),
    # a run of three or more headline-like lines, with no marker
    (
        "Floods cut off 40 mountain villages",
        "Finance minister resigns over procurement row",
        "Five things to know about the budget",
    ),
    (
        "27 injured in stadium crush",
        "2 hours -",
        "Rebels seize second border crossing",
        "",
        "Opposition calls for early elections",
        "Police arrest 14 after market fire",
    ),
]


@pytest.mark.parametrize("lines", BOILERPLATE, ids=lambda lines: lines[0][:40])
def test_boilerplate_is_dropped(lines: tuple[str, ...]) -> None:
    cleaned = clean_text(_around(*lines))
    assert cleaned.text == f"{LEAD}\n\n{CLOSE}"
    assert set(cleaned.dropped) == {line for line in lines if line.strip()}


@pytest.mark.parametrize(
    "line",
    [
        "Tuesday 14 March 2023",
        "Saturday, November 21, 2020",
        "Crowds gathered outside the ministry this morning. https://t.co/Ab12Cd34Ef",
        "Crowds gathered outside the ministry this morning. pic.twitter.com/Xy7Zq2LmNo",
    ],
)
def test_weekday_datestamps_and_embedded_posts_are_dropped(line: str) -> None:
    cleaned = clean_text(_around(line))
    assert cleaned.text == f"{LEAD}\n\n{CLOSE}"
    assert cleaned.dropped == (line,)


KEPT = [
    # a one-line headline on top of the story
    "Gunmen kill six officers in attack on hill-town police post\n\n" + LEAD,
    "Gunmen kill six officers in attack on hill-town police post\n" + LEAD,
    # short quoted paragraphs ending in punctuation
    LEAD + '\n"It was chaos."\n"We heard three blasts," a shopkeeper said.\n"Why now?"\n' + CLOSE,
    LEAD + "\n\u201cWe will rebuild,\u201d the mayor said.\n\u201cNever again!\u201d\n" + CLOSE,
    # short paragraphs of prose
    LEAD + "\nNo group has claimed the attack.\nSix officers died.\n" + CLOSE,
    # a lone sub-heading inside the story
    LEAD + "\n\nWhat happened next\n\n" + CLOSE,
    # a sentence that mentions "read more" or "latest" but is prose
    LEAD + "\nRead more about the attack in the governor's statement, officials said.\n" + CLOSE,
    # a long story line that names a date and a time
    LEAD + "\nOn 14 March 2023 at 09:00 (04:30 GMT), police closed the road.\n" + CLOSE,
]


@pytest.mark.parametrize("text", KEPT, ids=range(len(KEPT)))
def test_story_text_is_kept(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.dropped == ()


def test_prose_after_a_section_list_is_kept() -> None:
    text = "\n".join(
        [
            LEAD,
            "Latest Stories",
            "53 arrested in port city after night of unrest",
            "Floods cut off 40 mountain villages",
            "Police later said that 14 people had been taken to hospital, four of them in a critical condition.",
            "Short headline-like line after prose",
            CLOSE,
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.text.split("\n") == [
        LEAD,
        "Police later said that 14 people had been taken to hospital, four of them in a critical condition.",
        "Short headline-like line after prose",
        CLOSE,
    ]
    assert cleaned.dropped == (
        "Latest Stories",
        "53 arrested in port city after night of unrest",
        "Floods cut off 40 mountain villages",
    )


def test_windows_line_endings() -> None:
    text = f"{LEAD}\r\nShare this article\r\n{CLOSE}\r\n"
    assert clean_text(text) == Cleaned(f"{LEAD}\n{CLOSE}", ("Share this article",))


def test_empty_and_blank_input() -> None:
    assert clean_text("").text == ""
    assert clean_text("\n\n\n").text == ""
    assert clean_text(LEAD).text == LEAD


# --- sentences -----------------------------------------------------------------------------------

SENTENCE_CASES = [
    (
        "Mr Pompeo met Afghan officials in Doha. He left on Sunday.",
        ["Mr Pompeo met Afghan officials in Doha.", "He left on Sunday."],
    ),
    (
        "Mr. Pompeo met Afghan officials. Mrs. Khan was not present.",
        ["Mr. Pompeo met Afghan officials.", "Mrs. Khan was not present."],
    ),
    (
        "Dr. Smith said 12 people were treated. Police arrived later.",
        ["Dr. Smith said 12 people were treated.", "Police arrived later."],
    ),
    (
        "U.S. officials said eight people died. The embassy was closed.",
        ["U.S. officials said eight people died.", "The embassy was closed."],
    ),
    (
        "Rockets hit the city, the U.N. said on Sunday. Nobody claimed the attack.",
        ["Rockets hit the city, the U.N. said on Sunday.", "Nobody claimed the attack."],
    ),
    (
        "The curfew will end on Sept. 1. Shops may then reopen.",
        ["The curfew will end on Sept. 1.", "Shops may then reopen."],
    ),
    (
        "The first rocket landed at 09:00 (04:30 GMT). More followed within minutes.",
        ["The first rocket landed at 09:00 (04:30 GMT).", "More followed within minutes."],
    ),
    (
        'The governor said rockets hit "residential places". Eight people died.',
        ['The governor said rockets hit "residential places".', "Eight people died."],
    ),
    (
        '"We heard three blasts." Police sealed off the area.',
        ['"We heard three blasts."', "Police sealed off the area."],
    ),
    (
        "\u201cIt was chaos,\u201d he said. \u201cNobody knew where to run.\u201d Police arrived.",
        ["\u201cIt was chaos,\u201d he said.", "\u201cNobody knew where to run.\u201d", "Police arrived."],
    ),
    (
        "Who fired the rockets? Nobody has said. It was terrifying! Residents fled.",
        ["Who fired the rockets?", "Nobody has said.", "It was terrifying!", "Residents fled."],
    ),
    (
        '"Why now?" she asked. The answer came later.',
        ['"Why now?" she asked.', "The answer came later."],
    ),
    (
        "The blast struck at dawn. 30 people were wounded.",
        ["The blast struck at dawn.", "30 people were wounded."],
    ),
    (
        "Gen. Miller and Lt. Col. Reyes visited the base. Both left by noon.",
        ["Gen. Miller and Lt. Col. Reyes visited the base.", "Both left by noon."],
    ),
    (
        "J. K. Rowling spoke first. No. 10 declined to comment.",
        ["J. K. Rowling spoke first.", "No. 10 declined to comment."],
    ),
    (
        "The attack began at 9 a.m. on Sunday. It lasted an hour.",
        ["The attack began at 9 a.m. on Sunday.", "It lasted an hour."],
    ),
    (
        "Rockets hit Kabul\nEight people died\nThe Taliban denied involvement.",
        ["Rockets hit Kabul", "Eight people died", "The Taliban denied involvement."],
    ),
    (
        "  Eight people died.   Thirty were hurt.  \n\n   \n  Police said so.  ",
        ["Eight people died.", "Thirty were hurt.", "Police said so."],
    ),
    (
        "The toll rose to 3.5 per cent... Officials were cautious.",
        ["The toll rose to 3.5 per cent...", "Officials were cautious."],
    ),
    ("", []),
    ("   \n\t\n", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), SENTENCE_CASES, ids=lambda v: v[:30] if isinstance(v, str) else None
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_spans_index_the_original_text() -> None:
    text = "First line.\n\n  Mr Pompeo said 30 were hurt.  Dr. Smith agreed.\n"
    spans = split_sentences(text)
    assert spans == [(0, 11), (15, 43), (45, 62)]
    assert [text[s:e] for s, e in spans] == [
        "First line.",
        "Mr Pompeo said 30 were hurt.",
        "Dr. Smith agreed.",
    ]


def test_cleaned_page_splits_into_story_sentences() -> None:
    cleaned = clean_text(_page())
    sentences = [cleaned.text[s:e] for s, e in split_sentences(cleaned.text)]
    assert LEAD in sentences and CLOSE in sentences
    assert not any("arrested in port city" in s or "45,000" in s for s in sentences)


# --- properties -----------------------------------------------------------------------------------

LINES = [
    LEAD,
    CLOSE,
    "",
    "  ",
    "Latest Stories",
    "Related coverage",
    "53 arrested in port city after night of unrest",
    "2 hours -",
    "7 minutes ago",
    "Share this article",
    "Audio By Vocalis Media",
    "14 March 2023",
    "All rights reserved",
    "Join 45,000 readers who get our morning briefing",
    "Floods cut off 40 mountain villages",
    '"It was chaos."',
    "https://t.co/Ab12Cd34Ef",
    "\u2014 Dana Kovac (@danakovac) November 21, 2020",
    "Mr. Pompeo said. U.S. officials agreed? Yes!",
    "\r",
    "\x00\x0b\x0c\u2028",
    "-",
    "\u2022",
]
page_soup = st.lists(st.sampled_from(LINES) | st.text(max_size=40), max_size=25).map("\n".join)
sentence_soup = st.lists(
    st.sampled_from(
        [
            "Mr",
            "Dr.",
            "U.S.",
            "Sept.",
            "1.",
            "09:00",
            "(04:30 GMT).",
            '"',
            "\u201d",
            "?",
            "!",
            ".",
            "A",
            "a",
            "3",
        ]
    )
    | st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2028", "\x85"]),
    max_size=40,
).map("".join)


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(any(p == w for w in it) for p in part)


@settings(max_examples=300, deadline=None)
@given(st.text() | page_soup)
@example("\r\n\r\n\n\n\nLatest Stories\r\n")
@example("\x00\x85\u2028\u2029\x1c")
def test_clean_text_never_raises_and_keeps_only_input_lines(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned.text, str)
    raw = _lines(text)
    inputs = [tidy_line(line) for line in raw]
    assert _is_subsequence(cleaned.text.split("\n") if cleaned.text else [], inputs)
    seen = raw + [re.sub(f"[{INVISIBLE}]", "", r) for r in raw]  # a promo is cut after invisible marks are gone
    assert all(any(line in r for r in seen) for line in cleaned.dropped)  # whole lines, or a promo cut from one


@settings(max_examples=300, deadline=None)
@given(st.text() | sentence_soup)
@example("Mr. . . U.S.\n\n?!")
def test_split_sentences_spans_are_ordered_and_non_empty(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece.strip()
        assert piece == piece.strip()
        assert "\n\n" not in piece  # a hard-wrapped line joins its sentence; a blank line never does
        previous_end = end


HARD_WRAPS = [
    # (text, sentences)
    ("The number of people killed in the strike on an apartment\nblock in Dnipro has climbed to 35.",
     ["The number of people killed in the strike on an apartment\nblock in Dnipro has climbed to 35."]),
    ("The death toll from the shooting at the tavern\nhas risen to 15.", ["The death toll from the shooting at the tavern\nhas risen to 15."]),
    ("Police said the gunman fired at the crowd,\nkilling four people.", ["Police said the gunman fired at the crowd,\nkilling four people."]),
    ("Floods kill 12 in the north\nRescuers searched through the night.", ["Floods kill 12 in the north", "Rescuers searched through the night."]),
    ("Three people died.\nfive more were hurt.", ["Three people died.", "five more were hurt."]),
    ("Two people were shot\ndead outside a bar.", ["Two people were shot\ndead outside a bar."]),
    ("Floods kill 12 in the north\n\"We lost everything,\" a farmer said.", ["Floods kill 12 in the north", "\"We lost everything,\" a farmer said."]),
    ("Headline without a stop\n\nbody text starts here.", ["Headline without a stop", "body text starts here."]),
]


@pytest.mark.parametrize(("text", "sentences"), HARD_WRAPS)
def test_hard_wrapped_lines_join_their_sentence(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_a_post_under_its_header_is_dropped_but_the_story_under_a_signature_is_not() -> None:
    text = (
        "Drones hit the city overnight, officials said.\n"
        "08:55 GMT\n"
        "Anton Brevik (@brevik_city) - Telegram\n"
        "Massive attack by 40+ drones from the north.\n"
        "Embedded content may contain adverts and third-party cookies.\n"
        "Crowds gathered at the port https://t.co/abc123\n"
        "— City News (@citynews) May 1, 2024\n"
        "Later, the mayor said 12 people had been hurt.\n"
    )
    cleaned = clean_text(text)
    assert cleaned.text.split("\n") == [
        "Drones hit the city overnight, officials said.",
        "Later, the mayor said 12 people had been hurt.",
    ]


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("The explosion killed **twenty** people.", "The explosion killed twenty people.", ()),
        ("The toll has risen to __43__, officials said.", "The toll has risen to 43, officials said.", ()),
        ("Six were killed _including two children_ when the roof fell.", "Six were killed including two children when the roof fell.", ()),
        ("* a bullet item stays\n2 * 3 is not emphasis", "* a bullet item stays\n2 * 3 is not emphasis", ()),
        ("Police arrested 11 people. Also read: 3 dead, 12 injured in Meerut violence",
         "Police arrested 11 people.", ("Also read: 3 dead, 12 injured in Meerut violence",)),
        ("READ: Five killed as truck hits tempo\nThree labourers died on Sunday.", "Three labourers died on Sunday.",
         ("READ: Five killed as truck hits tempo",)),
    ],
)
def test_emphasis_and_glued_promos(text: str, kept: str, dropped: tuple[str, ...]) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == kept
    assert cleaned.dropped == dropped


def test_the_headline_under_a_kicker_and_byline_is_kept() -> None:
    text = "Florida\nPublished June 7, 2023\n\nFlorida woman arrested after fatally shooting mother of 4 in feud\n\nA woman was arrested on Tuesday, the sheriff said."
    assert "Florida woman arrested after fatally shooting mother of 4 in feud" in clean_text(text).text


@pytest.mark.parametrize(
    "line",
    [
        "More from BBC News: Somalia's 2022 twin car bombings: 121 dead, 350 hurt - what we know",
        "People look at the site of a suicide bombing in Mogadishu, Somalia, 03 August 2024. At least 32 people were killed in the attack.",
        "Shoes and other belongings left on the beach after the deadly attack [EPA]",
    ],
)
def test_related_story_labels_and_agency_captions_are_furniture(line: str) -> None:
    text = f"A police spokesman said at least 32 people were killed.\n\n{line}\n\nThe group claimed the attack."
    assert line not in clean_text(text).text
