"""Claim frames: cleaned text -> claims. (Being written.)"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Claim


@dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[tuple[int, int], ...]
    claims: tuple[Claim, ...]


def analyse(text: str) -> Analysis:
    return Analysis(text, (), ())


def extract_claims(text: str) -> list[Claim]:
    return list(analyse(text).claims)
