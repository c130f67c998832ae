"""Number phrases -> ranges. (Being written.)"""

from __future__ import annotations

from .types import NumberMention, Range


def find_numbers(text: str) -> list[NumberMention]:
    return []


def parse_number(phrase: str) -> Range | None:
    return None
