"""Cleaning pasted text and cutting it into sentences.

Editors paste whole pages: a player caption, an embedded tweet, a "Latest Stories" list of other
headlines, share buttons. None of that may yield a claim. The cleaner works on lines, in stages:

1. line classes: each line is prose, a headline-like line, a section marker, a timestamp, an embed
   signature or a known page furniture phrase;
2. sections: after a section marker ("Latest Stories", "Related", "Most read", "Read more") every
   following headline-like or timestamp line is furniture, until prose starts again;
3. runs: three or more headline-like lines in a row are a list of links, wherever they stand, except
   the story's own headline block at the top and the items of a list it introduces ("Key points:");
4. what is left is joined back with the original line breaks, so offsets stay readable.

Sentences are then found inside each kept paragraph with a boundary rule that knows abbreviations
("Mr Pompeo", "U.S.", "Sept."), clock times and quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .reading import INVISIBLE

# Lines and paragraphs whose reading is kept: wire copy is republished word for word, so a library's
# ingest meets the same lines again and again. Each function kept is a pure function of one string.
LINE_CACHE_SIZE = 16384

SECTION_MARKERS = re.compile(
    r"^\s*(?:latest(?:\s+(?:stories|news|headlines|videos))?|related(?:\s+(?:stories|coverage|articles|content|news|topics|links))?"
    r"|read\s+(?:more|next|also)|more\s+(?:stories|from\s+.{1,40}|on\s+this\s+story|news)|most\s+(?:read|popular|viewed|shared)"
    r"|top\s+stories|trending(?:\s+now)?|recommended(?:\s+for\s+you)?|you\s+may\s+(?:also\s+)?like|also\s+read|see\s+also"
    r"|editor'?s\s+picks?|popular(?:\s+now)?|in\s+other\s+news|what\s+to\s+read\s+next|more\s+like\s+this|around\s+the\s+web"
    r"|sponsored(?:\s+content)?|advertisement|topics|tags|keep\s+reading)\s*:?\s*$",
    re.IGNORECASE,
)
TIMESTAMP_LINE = re.compile(
    r"^\s*[-–—•|]?\s*(?:\d{1,3}\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)(?:\s+ago)?"
    r"|just\s+now|yesterday|today)\s*[-–—•|]?\s*$",
    re.IGNORECASE,
)
DATELINE_ONLY = re.compile(
    r"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*[ap]m)?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"^\s*(?:(?:also\s+read|read(?:\s+(?:more|also|next))?|see\s+also|related|recommended|watch(?:\s+video)?|listen|more\s+on\s+this"
    r"|trending(?:\s+now)?|most\s+(?:read|popular|viewed|shared)|popular(?:\s+now)?|top\s+stories|editor'?s\s+picks?"
    r"|you\s+may\s+(?:also\s+)?like|more\s+(?:stories|news|headlines)|more\s+from\s+[\w .'&-]{1,40}?)\s*[:|].*|audio\s+by\b.*|listen\s+to\s+(?:this\s+)?article.*|share\s+(?:this\s+)?(?:article|story|page|on\b.*)|share|tweet|email|print"
    r"|image\s+(?:caption|source|copyright).*|media\s+caption.*|photo\s*:.*|video\s*:.*|watch\s*:.*|getty\s+images.*"
    r"|copyright\b.*|©.*|all\s+rights\s+reserved.*|.*\ball\s+rights\s+reserved\.?|subscribe\b.*|sign\s+up\b.*|follow\s+us\b.*"
    r"|click\s+here\b.*|skip\s+to\s+(?:content|main).*|advertisement|continue\s+reading.*|join\s+[\d,]+\s+readers.*"
    r"|list\s+of\s+\d+\s+items?|end\s+of\s+list|more\s+to\s+follow\.?|developing\s+story\.?|embedded\s+content\b.*|posted\s+at\s+\d{1,2}[:.]\d{2}.*"
    r"|\d{1,2}[:.]\d{2}\s*(?:gmt|utc|bst|cet|est|edt|local\s+time)?|view\s+(?:this\s+)?post\s+on\s+\w+.*"
    # a photo credit closing the line: "Shoes left on the beach after the attack [EPA]"
    r"|.*\[(?:epa|epa-efe|afp|reuters|ap|getty(?:\s+images)?|anadolu|xinhua|shutterstock)\])\s*$",
    re.IGNORECASE,
)
# An agency photo caption: its first sentence ends with the place and the day the picture was taken
# ("People look at the site of a suicide bombing in Mogadishu, Somalia, 03 August 2024."), whatever follows.
AGENCY_CAPTION = re.compile(
    r"^[^.]{10,300}?,\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,\s+(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},?)\s+\d{4}\.(?:\s|$)"
)
EMBED_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*.{1,80}\(@\w{1,30}\)\s*.*$")
# "Anton Brevik (@brevik) - Telegram": a post's header; the line under it is the post itself.
EMBED_HEADER = re.compile(r"^\s*[^—–\-\s].{0,80}\(@\w{1,30}\)\s*(?:[-–—·|:]\s*\w+(?:\s+\w+)?)?\s*$")
# A post is short: a longer line under a header is the story again.
EMBED_MAX_WORDS = 60
# Short links of social embeds: a line carrying one is an embedded post, whatever else it says.
EMBED_LINK = re.compile(r"(?:https?://)?(?:t\.co/|pic\.twitter\.com/|x\.com/\w+/status/|twitter\.com/\w+/status/|instagram\.com/p/|youtu\.be/|fb\.watch/)\S*")
BARE_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")
LIST_BULLET = re.compile(r"^\s*[-–—•*|]\s*$")

# A line shorter than this many words with no sentence-final punctuation reads as a headline.
HEADLINE_MAX_WORDS = 22
# This many headline-like lines in a row are a list of links, even without a section marker.
HEADLINE_RUN = 3

_TERMINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")


@dataclass(frozen=True)
class Cleaned:
    """Text after boilerplate removal, with the map back to the input's offsets."""

    text: str
    dropped: tuple[str, ...]


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _classify(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if LIST_BULLET.match(stripped) or TIMESTAMP_LINE.match(stripped):
        return "timestamp"
    if SECTION_MARKERS.match(stripped):
        return "marker"
    if EMBED_HEADER.match(stripped):
        return "embed"
    if FURNITURE.match(stripped) or EMBED_SIGNATURE.match(stripped) or DATELINE_ONLY.match(stripped) or AGENCY_CAPTION.match(stripped):
        return "furniture"
    # both patterns are case-sensitive and every match holds a "/" or "www." (a quick test first)
    if "/" in stripped and EMBED_LINK.search(stripped):
        return "furniture"
    if ("/" in stripped or "www." in stripped) and BARE_URL.search(stripped):
        without = BARE_URL.sub("", stripped).strip()
        if len(without.split()) <= HEADLINE_MAX_WORDS and not re.search(r"[.!?][\"'\u201d]?\s*$", without):
            return "furniture"
    words = stripped.split()
    if len(words) <= HEADLINE_MAX_WORDS and not _TERMINAL.search(stripped):
        return "headline"
    return "prose"


_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# "...after the clashes. Also read: 3 dead, 12 injured in Meerut violence": a promo glued to a sentence.
INLINE_PROMO = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?:also\s+read|read\s+(?:more|also|next)|read|watch(?:\s+video)?|see\s+also)\s*[:|]\s.*$",
    re.IGNORECASE,
)
# Markdown emphasis around words ("killed **twenty** people", "__43__", "_including two children_").
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*|(?<![\w_])_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def tidy_line(line: str) -> str:
    """A kept line as the cleaner keeps it: a promo glued after its last sentence cut off, no Markdown
    emphasis markers (editors paste from notes and chat tools), and no invisible characters, so a bidi
    mark between words ("killed\u200f 30") hides nothing from the frames or the reader."""
    return _tidy(line)[0]


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _tidy(line: str) -> tuple[str, str]:
    """``tidy_line`` and the promo it cut off ("" when none), found once."""
    line = _INVISIBLE.sub("", line)
    promo = INLINE_PROMO.search(line)
    tail = line[promo.start() :].strip() if promo else ""
    if promo:
        line = line[: promo.start()]
    return (_EMPHASIS.sub(r"\2", line) if ("*" in line or "_" in line) else line), tail


# A line of the story's own headline block (its headline and standfirst) has at least this many words;
# the bylines, datelines and menu items around it have fewer.
STANDFIRST_MIN_WORDS = 6
_LABELLED = re.compile(r"^\s*[A-Z][A-Za-z ]{0,20}:")


def _story_own(lines: list[str], classes: list[str], heads: list[int], k: int) -> bool:
    """Is headline-like line ``k`` of a run the story's own: its headline block at the top of the text
    (no prose above it), or the items of a list the story introduces ("Key points:")?"""
    def own(j: int) -> bool:
        return len(lines[j].strip().lstrip("-–—•* ").split()) >= STANDFIRST_MIN_WORDS and not _LABELLED.match(lines[j])

    before = next((lines[j] for j in range(heads[0] - 1, -1, -1) if classes[j] != "blank"), "")
    if before.rstrip().endswith(":"):
        return own(k)
    # the top block, above any prose or section marker: its long lines are the headline and standfirst,
    # its short ones a kicker, byline, dateline or menu item
    if any(c not in ("blank", "headline", "furniture", "timestamp") for c in classes[: heads[0]]):
        return False
    return own(k)


def clean_text(text: str) -> Cleaned:
    """Drop page furniture from pasted text; keep every line of the story itself."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    classes = [_classify(line) for line in lines]
    drop = [c in {"timestamp", "marker", "furniture", "embed"} for c in classes]
    for i, cls in enumerate(classes):
        if cls == "embed":
            body = next((j for j in range(i + 1, len(lines)) if classes[j] != "blank"), None)
            if body is not None and len(lines[body].split()) <= EMBED_MAX_WORDS:
                drop[body] = True
    # 2. sections: after a marker, headline-like lines and timestamps are links until prose returns.
    in_section = False
    for i, cls in enumerate(classes):
        if cls == "marker":
            in_section = True
        elif cls == "prose":
            in_section = False
        elif in_section and cls == "headline":
            drop[i] = True
    # 3. runs of headline-like lines (timestamps and bullets between them don't break a run).
    i = 0
    while i < len(lines):
        if classes[i] != "headline":
            i += 1
            continue
        j = i
        heads = []
        while j < len(lines) and classes[j] in {"headline", "timestamp", "blank"}:
            if classes[j] == "headline":
                heads.append(j)
            j += 1
        if len(heads) >= HEADLINE_RUN:
            for k in heads:
                drop[k] = not _story_own(lines, classes, heads, k)
        i = j
    kept: list[str] = []
    tails: list[str] = []
    for line, d in zip(lines, drop, strict=True):
        if d:
            continue
        tidy, tail = _tidy(line)
        if tail:
            tails.append(tail)
        kept.append(tidy)
    dropped = tuple(line for line, d in zip(lines, drop, strict=True) if d and line.strip()) + tuple(tails)
    cleaned = "\n".join(kept)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip("\n")
    return Cleaned(cleaned, dropped)


ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "adm", "gov", "sen", "rep", "st", "mt", "ft", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "al", "approx", "dept", "est", "fig", "inc", "ltd", "co", "corp", "bros", "assn", "univ", "ave", "blvd", "rd"]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


# The word right before a full stop; searched in a short window, not the whole paragraph.
_LAST_WORD = re.compile(r"(\b[\w.]+)$")


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    if paragraph[dot] != ".":
        return False
    m = _LAST_WORD.search(paragraph, max(0, dot - 40), dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in ABBREVIATIONS:
        return True
    # initials and dotted acronyms: "J.", "U.S.", "U.N."
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word))


# A line that ends like this runs on into the next one: a hard wrap from a PDF, a print replica or
# an e-mail ("...an apartment\nblock in the city of Dnipro has climbed to 35").
_RUNS_ON = re.compile(r"(?:[,;\u2013\u2014-]|\b(?:the|a|an|of|and|or|in|to|on|at|for|by|with|from|that|who|which|as|is|was|were|are|has|have|had))\s*$")
_CONTINUES = re.compile(r"^\s*[a-z]")
_ENDS_SENTENCE = re.compile(r"[.!?:][\"'\u201d\u2019)\]]*\s*$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the text's paragraphs: its lines, with hard-wrapped lines joined to the line they continue."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    out: list[tuple[int, int]] = []
    for start, end in lines:
        if out:
            prev_start, prev_end = out[-1]
            prev = text[prev_start:prev_end]
            adjacent = text[prev_end:start] == "\n"
            if adjacent and not _ENDS_SENTENCE.search(prev) and (
                _RUNS_ON.search(prev) or _CONTINUES.match(text[start:end])
            ):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``; a line break ends a sentence unless the line runs on."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        spans.extend((p_start + a, p_start + b) for a, b in _paragraph_sentences(text[p_start:p_end]))
    return spans


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _paragraph_sentences(chunk: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of one paragraph, relative to it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(chunk):
        if _is_abbreviation(chunk, m.start()):
            continue
        end = m.end()
        if chunk[start:end].strip():
            spans.append(_trim(chunk, start, end, 0))
        start = end
    if chunk[start:].strip():
        spans.append(_trim(chunk, start, len(chunk), 0))
    return tuple(spans)


def clear_caches() -> None:
    """Forget the kept readings of lines and paragraphs."""
    for kept in (_classify, _tidy, _paragraph_sentences):
        kept.cache_clear()


def _trim(chunk: str, start: int, end: int, base: int) -> tuple[int, int]:
    while start < end and chunk[start].isspace():
        start += 1
    while end > start and chunk[end - 1].isspace():
        end -= 1
    return base + start, base + end
