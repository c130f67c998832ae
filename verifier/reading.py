"""Reading text as an editor sees it: invisible characters left out, offsets kept.

Web pages and pasted copy carry characters nobody sees: zero-width spaces a CMS puts inside long
numbers, soft hyphens, word joiners, byte-order marks and the bidirectional marks of right-to-left
layouts. Read literally they split a figure ("3\\u200b0" would be 3 and 0) or hide it from the words
around it. ``reading_view`` drops them and remembers where every remaining character came from, so
the number grammar reads "30" while the spans it reports still index the text it was given (the
cleaned text every claim's span points into).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Format characters that change no reading of a figure: soft hyphen, Arabic letter mark, Mongolian
# vowel separator, zero-width space/non-joiner/joiner, left-to-right and right-to-left marks,
# bidirectional embeddings, overrides and isolates, word joiner and invisible operators, and the
# byte-order mark (a zero-width no-break space in mid-text).
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


@dataclass(frozen=True)
class Reading:
    """``text`` without its invisible characters, and where each of its characters came from.

    ``positions[i]`` is the index in ``original`` of ``text[i]``; None means the two texts are the
    same (the common case, which costs nothing).
    """

    original: str
    text: str
    positions: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that reads as ``text[start:end]``.

        Invisible characters right before or after it are taken in, so that the words around a
        figure meet it as they would without them ("killed \\u200f30" still has "killed " before it).
        """
        if self.positions is None:
            return start, end
        first = self.positions[start] if start < len(self.positions) else len(self.original)
        last = self.positions[end - 1] + 1 if end > 0 else 0
        while first > 0 and _INVISIBLE_RE.match(self.original, first - 1):
            first -= 1
        while last < len(self.original) and _INVISIBLE_RE.match(self.original, last):
            last += 1
        return first, max(first, last)


def reading_view(text: str) -> Reading:
    """``text`` as it reads, with the map back to ``text`` (see ``Reading``)."""
    if _INVISIBLE_RE.search(text) is None:
        return Reading(text, text)
    positions = tuple(i for i, ch in enumerate(text) if not _INVISIBLE_RE.match(ch))
    return Reading(text, "".join(text[i] for i in positions), positions)
