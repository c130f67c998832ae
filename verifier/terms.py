"""Salient terms of a text: the names that tell one event from another.

The store indexes these per report so that candidate claims for a story come from reports that
share its places, groups and people (an inverted index), never from a scan of the whole library.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\b[A-Z][a-zA-Z'\u2019-]{2,}\b")
# Capitalised words that name no event: sentence openers, days, months, titles, outlets' filler.
_STOP = frozenset(
    ["the", "a", "an", "and", "but", "for", "nor", "or", "so", "yet", "in", "on", "at", "by", "of", "to", "from", "with", "as", "after", "before", "during", "while", "when", "this", "that", "these", "those", "there", "their", "they", "them", "then", "than", "he", "she", "his", "her", "its", "it", "we", "our", "you", "your", "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "president", "prime", "minister", "secretary", "spokesman", "spokeswoman", "officials", "official", "police", "government", "ministry", "interior", "health", "state", "news", "reuters", "associated", "press", "agency", "wire", "update", "earlier", "later", "more", "some", "many", "several", "about", "around", "at", "least", "nearly", "almost", "over", "under", "according", "said", "says", "told", "also", "however", "meanwhile", "photo", "video", "read", "latest", "stories", "related", "share"]
)
MAX_TERMS = 24


def salient_terms(text: str, *, limit: int = MAX_TERMS) -> list[str]:
    """The most frequent capitalised names in ``text``, lower-cased, most frequent first.

    Capitalised words right after a sentence end are skipped unless they also occur mid-sentence,
    which keeps "Rockets hit..." out while "Kabul" stays in.
    """
    counts: Counter[str] = Counter()
    mid_sentence: set[str] = set()
    for m in _WORD.finditer(text):
        word = re.sub(r"['\u2019]s$", "", m.group(0)).strip("'\u2019-").lower()
        if len(word) < 3 or word in _STOP:
            continue
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"'\u201c(")
        if before and before[-1] not in ".!?\n":
            mid_sentence.add(word)
        counts[word] += 1
    ranked = [w for w, _ in counts.most_common() if w in mid_sentence]
    return ranked[:limit]
