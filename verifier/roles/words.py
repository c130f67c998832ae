"""The words the role reader knows: auxiliaries, tally verbs, people (data: ``[reader]`` in
``data/frames.toml``, compiled here once), and the two objects it passes around (``Tokens`` of a
sentence, a ``Decision`` about one figure or person)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..frames import packaged_data
from ..types import Range

# The word lists are data: ``[reader]`` in ``data/frames.toml`` (a newsroom extends them there), read
# once when the reader loads and checked like the rest of the file.
READER_LISTS = (
    "auxiliaries", "irregular_past", "be_forms", "raising", "clause_aux", "modifier_verbs", "object_start",
    "object_bridge", "family", "single_person", "person_nouns", "tally_verbs", "weak_tally", "beyond", "tally_nouns",
)  # fmt: skip
# Lists whose entries are regular-expression fragments; the others are plain words.
READER_PATTERNS = ("family", "single_person", "person_nouns", "tally_verbs", "weak_tally", "beyond", "tally_nouns")


def check_reader(data: dict[str, Any]) -> list[str]:
    """Every problem of the ``[reader]`` table, reported at once."""
    spec = data.get("reader")
    if not isinstance(spec, dict):
        return ["reader: expected a table [reader] with the role reader's word lists"]
    problems: list[str] = []
    for key in READER_LISTS:
        value = spec.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            problems.append(f"reader.{key}: expected a non-empty list of words")
            continue
        for w in value if key in READER_PATTERNS else ():
            try:
                re.compile(w)
            except re.error as exc:
                problems.append(f"reader.{key}: {w!r} is not a valid pattern ({exc})")
    return problems


def _reader_words(data: dict[str, Any]) -> dict[str, list[str]]:
    problems = check_reader(data)
    if problems:
        raise ConfigError("the claim frames have problems:\n  " + "\n  ".join(problems))
    # plain words are compared with lower-cased tokens
    return {key: [w if key in READER_PATTERNS else w.strip().lower() for w in data["reader"][key]] for key in READER_LISTS}


_WORDS = _reader_words(packaged_data())


def _alt(key: str) -> str:
    return "|".join(_WORDS[key])


# Words that may stand between a counted noun phrase and its verb ("were later confirmed killed").
AUXILIARIES = frozenset(_WORDS["auxiliaries"])


# Verbs in the past without "-ed": a subject's noun phrase ends before them ("an officer told the BBC that").
IRREGULAR_PAST = frozenset(_WORDS["irregular_past"])


# Words a counted noun phrase may hold before its verb ("Two crew members of the Silver Dawn were killed").
SUBJECT_MAX_WORDS = 7


BE_FORMS = frozenset(_WORDS["be_forms"])


FAMILY = re.compile(rf"^(?:{_alt('family')})$", re.IGNORECASE)


RAISING = frozenset(_WORDS["raising"])


CLAUSE_AUX = frozenset(_WORDS["clause_aux"])


MODIFIER_VERBS = frozenset(_WORDS["modifier_verbs"])


# Determiners and pronouns that start an object: after a verb they make the figure before it an agent.
OBJECT_START = frozenset(_WORDS["object_start"])


# Words standing between an active verb and its figure ("killing another three", "a total of").
OBJECT_BRIDGE = frozenset(_WORDS["object_bridge"])


TALLY_VERBS = re.compile(rf"\b(?:{_alt('tally_verbs')})\s+(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)


# Words that make a tally only after a cue noun ("the toll of 27", "the dead now at 31", "from 38 to 52"),
# never after a verb ("killed about 600 people and left tens of thousands homeless").
# A weak tally word counts only this close to its cue noun ("the toll of 27", "toll rose from 38").
WEAK_TALLY_WORDS = 3


WEAK_TALLY = re.compile(rf"\b(?:{_alt('weak_tally')})\s+$", re.IGNORECASE)


# Tally verbs that put the count past the figure ("the injured now top 100").
BEYOND = re.compile(rf"\b(?:{_alt('beyond')})\s+$", re.IGNORECASE)


ANAPHORIC_TALLY = re.compile(rf"\b(?:the|that|this)\s+(?:{_alt('tally_nouns')})\b[^.;,]{{0,60}}$", re.IGNORECASE)


CLAUSE_STOP = re.compile(r"[;:.!?]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|after|before|when|because|although)\b")


# Singular people a sentence may count without a numeral ("a teenager died", "the suspect was held").
SINGLE_PERSON = _alt("single_person")


PERSON_NOUNS = re.compile(rf"^(?:{_alt('person_nouns')})$", re.IGNORECASE)


_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]|\d[\d,.]*\d|\d|[^\w\s]")


TALLY_WORD = re.compile(rf"\b(?:{_alt('tally_nouns')})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    """What the reader made of one figure or person: a kind (or none) and why."""

    start: int
    end: int
    text: str
    kind: str
    value: Range | None
    noun: str = ""
    reasons: tuple[str, ...] = ()
    covers: tuple[tuple[int, int], ...] = ()
    refused: str = ""  # why the number is never a figure (``counts``: an age, money...), or ""
    part: bool = False  # a part of a toll in the same sentence ("including two children")


@dataclass
class Tokens:
    """The sentence's word and punctuation tokens with their offsets."""

    sentence: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.spans = [m.span() for m in _TOKEN.finditer(self.sentence)]
        self.starts = [a for a, _ in self.spans]

    def text(self, i: int) -> str:
        a, b = self.spans[i]
        return self.sentence[a:b]

    def index_at(self, offset: int) -> int:
        """The first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)
