"""The cue lexicon: casualty and arrest words, every inflection of them, from lemmas in the frames file.

``data/frames.toml`` lists lemmas (``kill``, ``die``, ``injury``) in ``[cues.<kind>]``; the
lemminflect lexicon (a package installed from the registry, its data inside it: nothing is fetched at
run time) expands each to its forms, so a newsroom writes "succumb" once and the reader also knows
"succumbed", "succumbing" and "succumbs". Irregular forms come from the lexicon too ("slay" -> "slew",
"slain"; "body" -> "bodies").

Loading lemminflect's tables takes about 0.3 s, too long for every command-line call, so the forms of
the packaged lemmas are kept in ``data/cue_forms.json`` (written by ``python -m verifier.roles.lexicon``;
a test fails when it is out of date). Lemmas of a newsroom's own frames file are expanded on load.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError
from ..frames import packaged_data
from ..patterns import trie

FORMS_FILE = "data/cue_forms.json"

CUE_KINDS = ("killed", "injured", "arrested")
CUE_ROLES = ("verbs", "intransitive", "states", "nouns", "phrases")
# A "*" in a phrase: this many words at most may stand there ("sustained serious head injuries",
# "trampled a 58-year-old tea estate worker to death").
PHRASE_GAP_WORDS = 6


@dataclass(frozen=True)
class Cue:
    """A word or phrase that says what happened to those a figure counts."""

    kind: str
    role: str
    lemma: str


@dataclass(frozen=True)
class CueHit:
    """A cue found in a sentence (character offsets into that sentence)."""

    start: int
    end: int
    cue: Cue

    @property
    def kind(self) -> str:
        return self.cue.kind

    @property
    def role(self) -> str:
        return self.cue.role


def inflect(word: str) -> list[str]:
    """The word and every verb and noun inflection lemminflect knows for it."""
    from lemminflect import getAllInflections  # slow to load: only when a lemma is not in the kept table

    out = {word.lower()}
    for upos in ("VERB", "NOUN"):
        for variants in getAllInflections(word.lower(), upos=upos).values():
            out.update(v.lower() for v in variants)
    return sorted(out)


def _lemma_words(data: dict[str, Any]) -> list[str]:
    """Every word of ``[cues]`` that is inflected: single verbs and nouns, and each word of a phrase."""
    words: set[str] = set()
    for spec in data.get("cues", {}).values():
        for role in ("verbs", "intransitive", "nouns", "phrases"):
            for lemma in spec.get(role, []):
                parts = lemma.lower().split()
                if len(parts) > 1 or role != "states":
                    words.update(p for p in parts if p != "*")
    return sorted(words)


def expand_forms(data: dict[str, Any]) -> dict[str, list[str]]:
    """The table kept in ``data/cue_forms.json``: lemma -> forms."""
    return {w: inflect(w) for w in _lemma_words(data)}


def _phrase_regex(phrase: str, table: dict[str, list[str]]) -> str:
    parts = []
    for word in phrase.lower().split():
        if word == "*":
            parts.append(rf"(?:[\w.'’-]+\s+){{0,{PHRASE_GAP_WORDS}}}?")
        else:
            alts = sorted(table.get(word) or inflect(word), key=len, reverse=True)
            parts.append("(?:" + "|".join(re.escape(a) for a in alts) + r")\s+")
    return r"\b" + "".join(parts)[: -len(r"\s+")] + r"\b"


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@lru_cache(maxsize=256)
def words_of(sentence: str) -> tuple[str, ...]:
    """The sentence's words, found once for the cue lexicon and the people reader (``people``)."""
    return tuple(_WORD.findall(sentence))


@dataclass(frozen=True)
class Lexicon:
    """Surface word -> cues, and the multi-word cues indexed by every form of their first word, so a
    sentence is read word by word and a phrase pattern is tried only where its first word stands."""

    words: dict[str, tuple[Cue, ...]]
    phrases: dict[str, tuple[tuple[re.Pattern[str], Cue], ...]]
    prefilter: re.Pattern[str]
    # Every lower-cased word that starts a cue (a single-word cue or a phrase's first word).
    keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(self.words) | frozenset(self.phrases))

    def find(self, sentence: str) -> list[CueHit]:
        """Every cue in ``sentence``; a phrase wins over the single words inside it."""
        keys = self.keys
        words = words_of(sentence)
        lowered = [w.lower() for w in words]
        if keys.isdisjoint(lowered):
            return []  # most sentences: no word of theirs starts a cue (one C-speed pass, no match objects)
        hits: list[CueHit] = []
        covered_to = -1
        at = 0
        locate = sentence.find
        for word, lower in zip(words, lowered, strict=True):
            # where _WORD.finditer would have found it: what it skips holds no ASCII letter, and a
            # word starts with one, so the word's first occurrence from the last word's end is the word
            start = locate(word, at)
            at = start + len(word)
            if lower not in keys or start < covered_to:
                continue
            best: CueHit | None = None
            for pattern, cue in self.phrases.get(lower, ()):
                found = pattern.match(sentence, start)
                if found and (best is None or found.end() > best.end):
                    best = CueHit(start, found.end(), cue)
            if best is not None:
                hits.append(best)
                covered_to = best.end
                continue
            hits.extend(CueHit(start, at, c) for c in self.words.get(lower, ()))
        return hits


def check_cues(data: dict[str, Any]) -> list[str]:
    """Every problem of the ``[cues]`` table, for the frames loader to report at once."""
    problems: list[str] = []
    cues = data.get("cues")
    if not isinstance(cues, dict):
        return ["cues: expected a table [cues.killed], [cues.injured], [cues.arrested]"]
    for kind in CUE_KINDS:
        spec = cues.get(kind)
        if not isinstance(spec, dict):
            problems.append(f"cues.{kind}: missing")
            continue
        for role in CUE_ROLES:
            value = spec.get(role, [])
            if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                problems.append(f"cues.{kind}.{role}: expected a list of words")
    return problems


def compile_lexicon(data: dict[str, Any], forms: dict[str, list[str]] | None = None) -> Lexicon:
    """Expand the lemmas of ``[cues]`` into a lexicon; raises ConfigError on a malformed table.

    ``forms`` is a kept lemma -> forms table; lemmas missing from it are inflected with lemminflect.
    """
    table = forms or {}
    problems = check_cues(data)
    if problems:
        raise ConfigError("the claim frames have problems:\n  " + "\n  ".join(problems))
    words: dict[str, list[Cue]] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], Cue]]] = {}
    phrase_cues: list[Cue] = []
    for kind in CUE_KINDS:
        spec = data["cues"][kind]
        for role in CUE_ROLES:
            for lemma in spec.get(role, []):
                cue = Cue(kind, "phrase" if role == "phrases" else role, lemma)
                if " " in lemma.strip():
                    pattern = re.compile(_phrase_regex(lemma, table), re.IGNORECASE)
                    first = lemma.lower().split()[0]
                    for form in table.get(first) or inflect(first):
                        phrases.setdefault(form, []).append((pattern, cue))
                    phrase_cues.append(cue)
                    continue
                key = lemma.lower()
                variants = (table.get(key) or inflect(key)) if role in ("verbs", "intransitive", "nouns") else [key]
                for form in variants:
                    if cue not in words.setdefault(form, []):
                        words[form].append(cue)
    # A sentence holds at least one of these word starts or it has no cue: the reader skips it.
    stems = sorted({w[:4] for w in words} | {max(c.lemma.split(), key=len)[:4].lower() for c in phrase_cues})
    # factored by common prefixes (``patterns.trie``): one branch per letter, not one per stem
    prefilter = re.compile(r"\b(?:" + trie(stems) + ")", re.IGNORECASE)
    return Lexicon({k: tuple(v) for k, v in words.items()}, {k: tuple(v) for k, v in phrases.items()}, prefilter)


def _packaged_frames() -> dict[str, Any]:
    return packaged_data()


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged cue lexicon, from the kept forms table (no lemminflect load on a normal run)."""
    table = json.loads(resources.files("verifier").joinpath(FORMS_FILE).read_text(encoding="utf-8"))
    return compile_lexicon(_packaged_frames(), table)


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).resolve().parents[1] / FORMS_FILE
    rows = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(expand_forms(_packaged_frames()).items())]
    target.write_text("{\n" + ",\n".join(rows) + "\n}\n", encoding="utf-8")
    print(f"wrote {target}")
