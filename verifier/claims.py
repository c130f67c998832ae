"""Claims from text, in stages (the same for stories and reference reports):

1. clean: drop page furniture (``clean.clean_text``);
2. sentences (``clean.split_sentences``);
3. figures: counts offered to the figure frames (``figures.find_figures``), then every count and
   singular person the frames left to the role reader (``roles``), which decides from cue words;
4. attribution: claimed / denied / blamed with their actors (``attribution.find_attributions``);
5. who is cited ("officials say", "according to police") for every claim of the sentence.

Stages 3-5 depend on nothing but the sentence (and the kind read last, for "the figure"), so what they
make of a sentence is kept (``SENTENCE_CACHE_SIZE``): wire copy is republished word for word by many
outlets, and a library ingests the same sentences again and again. Only the anaphors ("the group",
"she") depend on the sentences before, and they are resolved afresh for every text.

No I/O: the frames are data compiled once (``frames.default_frames``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from .attribution import Antecedents, cited_source, find_attributions, leading_subject, resolve_anaphors
from .clean import clean_text, split_sentences
from .clean import clear_caches as clear_line_caches
from .draft import Draft
from .figures import find_figures
from .frames import CASUALTY_KINDS, Frames, default_frames
from .intake import check_input_size
from .numbers import find_numbers
from .roles import Lexicon, default_lexicon, merge, read
from .roles.lexicon import words_of
from .settings import Settings
from .types import Claim


@dataclass(frozen=True)
class Analysis:
    """The cleaned text, its sentences and the claims found in it (spans index ``text``)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    claims: tuple[Claim, ...]
    dropped: tuple[str, ...] = ()



def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per fact and figure in a sentence ("rose to 45, bringing the total to 45"); two people
    are two claims of one ("A man died ... a 9-year-old was killed"), so a person keeps its words."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in drafts:
        person = d.value.text.lower() if d.value and d.value.low == d.value.high == 1 and len(d.value.text.split()) > 1 else ""
        key = (d.kind, d.stance, d.actor.lower(), d.value.low if d.value else None, d.value.high if d.value else None, person)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out



# The kinds "the figure" and "the number" may stand for in a later sentence.
TALLIED_KINDS = (*CASUALTY_KINDS, "troops")


def kind_read_last(kinds: list[str], before: str) -> str:
    """The last tallied kind among a sentence's claims, else the one read before it."""
    return next((k for k in reversed(kinds) if k in TALLIED_KINDS), before)


# Sentences whose reading is kept, per frames and lexicon (a few MB; about 250 wire reports).
SENTENCE_CACHE_SIZE = 8192


@dataclass(frozen=True)
class _SentenceReading:
    """What stages 3-5 make of one sentence: its claim drafts, the kinds of its figures, who it cites."""

    drafts: tuple[Draft, ...]
    figure_kinds: tuple[str, ...]
    cited: str


def _read_sentence(frames: Frames, lexicon: Lexicon, sentence: str, last_kind: str) -> _SentenceReading:
    numbers = find_numbers(sentence)
    figures = merge(sentence, find_figures(frames, sentence, numbers), read(lexicon, sentence, last_kind=last_kind, numbers=numbers))
    found = _dedupe(figures + find_attributions(frames, sentence))
    return _SentenceReading(tuple(found), tuple(d.kind for d in figures), cited_source(sentence))


_readers: dict[tuple[int, int], tuple[Frames, Lexicon, Callable[[str, str], _SentenceReading]]] = {}


def _reader(frames: Frames, lexicon: Lexicon) -> Callable[[str, str], _SentenceReading]:
    """``_read_sentence`` for these frames and lexicon, with its own cache (kept while they are used)."""
    key = (id(frames), id(lexicon))
    entry = _readers.get(key)
    if entry is None or entry[0] is not frames or entry[1] is not lexicon:
        if len(_readers) >= 4:
            _readers.clear()
        entry = (frames, lexicon, lru_cache(maxsize=SENTENCE_CACHE_SIZE)(partial(_read_sentence, frames, lexicon)))
        _readers[key] = entry
    return entry[2]


def clear_caches() -> None:
    """Forget every kept reading of a sentence, paragraph or line (the benchmark measures without them)."""
    _readers.clear()
    clear_line_caches()
    words_of.cache_clear()


def analyse(text: str, *, frames: Frames | None = None, max_chars: int | None = None) -> Analysis:
    """Clean ``text`` and extract its claims; spans index ``Analysis.text``.

    The one input limit holds here too, so the Python API refuses what the command line and the app
    refuse (``max_chars``, by default ``VERIFIER_MAX_INPUT_CHARS``): raises ``InputError``.
    """
    limit = Settings.from_env().max_input_chars if max_chars is None else max_chars
    check_input_size(text, name="the text", max_chars=limit)
    frames = frames or default_frames()
    cleaned = clean_text(text)
    body = cleaned.text
    sentences = split_sentences(body)
    claims: list[Claim] = []
    seen = Antecedents()
    read_sentence = _reader(frames, default_lexicon())
    last_kind = ""
    for s_start, s_end in sentences:
        sentence = body[s_start:s_end]
        reading = read_sentence(sentence, last_kind)
        found = reading.drafts
        last_kind = kind_read_last(list(reading.figure_kinds), last_kind)
        if any(d.actor.lower() in {"he", "she"} for d in found):
            # "X condemned the attack, which she blamed on...": she is the sentence's subject
            seen.note(leading_subject(sentence), frames)
        drafts = resolve_anaphors(frames, list(found), seen)
        cited = reading.cited
        seen.note(cited, frames)
        if not drafts:
            continue
        for d in sorted(drafts, key=lambda d: (d.start, d.kind)):
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    kind=d.kind,
                    value=d.value,
                    sentence=sentence,
                    span=(s_start + d.start, s_start + d.end),
                    sentence_span=(s_start, s_end),
                    noun=d.noun,
                    actor=d.actor,
                    stance=d.stance,
                    attributed_to=cited,
                )
            )
    return Analysis(body, tuple(sentences), tuple(claims), cleaned.dropped)


def extract_claims(text: str) -> list[Claim]:
    """The checkable claims of a story or report (pasted text; boilerplate removal included)."""
    return list(analyse(text).claims)
