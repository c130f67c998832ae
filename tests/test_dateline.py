"""Datelines: the day a pasted story says it appeared, read only where the line is a dateline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.dateline import find_dateline
from verifier.intake import document_from_text


@pytest.mark.parametrize(
    ("top", "when"),
    [
        ("Posted Dec 30, 2023", datetime(2023, 12, 30, 12, tzinfo=UTC)),
        ("By AFP | Published June 1, 2025", datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ("Sun, 31 March 2024", datetime(2024, 3, 31, 12, tzinfo=UTC)),
        ("PTI | Updated: 31 Jul 2023", datetime(2023, 7, 31, 12, tzinfo=UTC)),
        ("PUBLISHED: 01:12 EDT, 4 July 2023 | UPDATED: 02:03 EDT, 4 July 2023", datetime(2023, 7, 4, 5, 12, tzinfo=UTC)),
        ("Published on 30/10/2022 - 14:12 | Share on Facebook | Share on Twitter", datetime(2022, 10, 30, 14, 12, tzinfo=UTC)),
        ("Aleteia | World | June 10, 2022", datetime(2022, 6, 10, 12, tzinfo=UTC)),
        ("2024-03-02", datetime(2024, 3, 2, 12, tzinfo=UTC)),
    ],
)
def test_a_dateline_near_the_top_gives_the_day(top: str, when: datetime) -> None:
    found = find_dateline(f"Rockets hit the capital\n\n{top}\n\nAt least eight people were killed on Saturday.")
    assert found is not None and found.published == when and found.line == top


@pytest.mark.parametrize(
    "top",
    [
        # a caption dates its picture, a sentence of the story names a day it speaks of
        "Photo: Smoke rises over the city on Tuesday, 17 September 2024.",
        "Rescuers said on December 30, 2023 that the toll had risen to 14 after more bodies were found in the rubble",
        # a numeric date that reads two ways would put the story a month away from its sources
        "Updated: 7/8/2024",
        # no year: not enough to place a story
        "Posted Dec 30",
    ],
)
def test_lines_that_are_not_datelines(top: str) -> None:
    assert find_dateline(f"Rockets hit the capital\n\n{top}\n\nAt least eight people were killed.") is None


def test_a_date_far_down_the_text_is_not_the_dateline() -> None:
    body = "\n".join(f"Paragraph {i} of the story tells more about what happened." for i in range(20))
    assert find_dateline(body + "\nDecember 30, 2023") is None


def test_intake_places_an_undated_story_by_its_dateline_and_leaves_its_time_unknown() -> None:
    doc = document_from_text("Four killed in shooting\n\nSeptember 24, 2024\n\nFour people were killed.", name="story.txt")
    assert doc.published is None  # the figures are still read as of the check
    assert doc.placed == datetime(2024, 9, 24, 12, tzinfo=UTC)
    assert doc.dateline == "September 24, 2024"


def test_a_published_header_wins_over_the_dateline() -> None:
    doc = document_from_text(
        "Published: 2024-09-22T08:00:00Z\n\nFour killed\n\nSeptember 24, 2024\n\nFour people were killed.", name="s.txt"
    )
    assert doc.published == datetime(2024, 9, 22, 8, tzinfo=UTC)
    assert doc.placed is None and doc.dateline == ""


@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    found = find_dateline(text)
    assert found is None or found.line in text
