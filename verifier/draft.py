"""The claim a frame has found, before it is placed in its text and numbered.

Figure frames (``figures``) and attribution frames (``attribution``) both produce drafts with spans
relative to one sentence; ``claims.analyse`` turns them into ``Claim`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Range


@dataclass(frozen=True)
class Draft:
    """A claim found in one sentence; ``start``/``end`` index that sentence."""

    kind: str
    value: Range | None
    start: int
    end: int
    noun: str = ""
    actor: str = ""
    stance: str = ""
