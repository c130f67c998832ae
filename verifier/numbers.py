"""Number phrases -> ranges.

A small grammar in three stages, run over the whole text:

1. atoms: digits ("2,000", "1.5 million", "2.5m"), number words ("thirty-one", "two hundred"),
   dozens ("a dozen", "two dozen") and vague quantities ("dozens", "several", "no one");
2. ranges: "between 8 and 10", "8 to 10", "8-10" join two atoms;
3. qualifiers: words before ("at least", "about", "up to") or after ("or more", "-plus") bound them.

Each mention is then classified: counts are what claim frames use; years, dates, clock times,
ordinals and identifiers ("Section 427", "PD12") are kept apart so that they never become a
casualty or troop figure, and percentages, money and measures carry their unit.

Policy for vague words (the original words always travel beside the range, so an editor sees what
was said): see ``VAGUE`` below. Approximate words ("about", "around", "some", "roughly") make a
range of +/- ``APPROX_TOLERANCE`` around the figure; "nearly"/"almost" make the range just below it.
Conflict-data coders (ACLED) code "dozens" as 12 and "hundreds" as 100 for a single best figure; we
keep the whole range the words allow instead, and ``Range.best`` gives the midpoint.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .patterns import trie
from .reading import reading_view
from .types import NumberMention, Range

# Approximate words allow this relative spread either side of the figure ("about 20" = 17..23).
APPROX_TOLERANCE = 0.15
# The largest figure read as a number: a quadrillion. Above it a float no longer holds every whole
# number exactly (2**53 is about 9e15) and nothing a report counts comes near, so a longer digit
# string is a label (a reference or telephone number), never infinity (which reads as an open bound).
MAX_FIGURE = 10**15

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

# Vague quantities: (low, high) the words allow. "no one"/"nobody"/"none" are an exact zero.
VAGUE: dict[str, tuple[float | None, float | None]] = {
    "no one": (0, 0),
    "no-one": (0, 0),
    "nobody": (0, 0),
    "none": (0, 0),
    "a couple of": (2, 3),
    "a few": (2, 5),
    "a handful of": (3, 6),
    "several": (3, 9),
    "dozens of": (24, 99),
    "dozens": (24, 99),
    "scores of": (40, 99),
    "hundreds of": (200, 999),
    "hundreds": (200, 999),
    "thousands of": (2_000, 9_999),
    "thousands": (2_000, 9_999),
    "tens of thousands of": (20_000, 99_999),
    "hundreds of thousands of": (200_000, 999_999),
    "millions of": (2_000_000, 9_999_999),
}

# Qualifiers that stand before a figure: name -> how they bound it.
QUALIFIERS_BEFORE: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "above": "more_than",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "an approximate": "approx",
    "circa": "approx",
    "about some": "approx",
    "up to": "at_most",
    "as many as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "a maximum of": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
}
QUALIFIERS_AFTER: dict[str, str] = {"or more": "at_least", "plus": "at_least", "+": "at_least", "or so": "approx"}

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Words that turn the number after them into a label, not a count.
IDENTIFIER_WORDS = frozenset(
    ["section", "row", "article", "flight", "route", "highway", "room", "no", "number", "resolution", "chapter", "page", "gate", "platform", "line", "bus", "unit", "block", "level", "zone", "ward", "precinct", "paragraph", "clause", "item", "exit", "terminal", "building", "floor", "apartment", "road", "street", "avenue", "district", "sector", "camp", "lot", "box", "code", "ref", "case", "act", "bill", "vol", "volume", "season", "episode", "phase", "stage", "version", "model", "grade", "class", "year", "week", "day", "pd"]
)
# Label words that make a label even in lower case ("charged under section 427").
LOWERCASE_LABEL_WORDS = frozenset(
    """section article paragraph clause chapter page resolution flight route highway row platform gate room
    exit terminal number item vol volume episode season""".split()
)
# Capitalised words that may stand right before a real count.
NOT_LABEL_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec about some
    around nearly almost over more at least up only just another all the and but with killing killed police
    officials between from to or of in on at by for than fewer less under above below roughly approximately
    estimated exactly precisely another these those its their his her our my your another further additional
    another while when after before since until as if that which who where there here then so yet also
    still even both each every no nor not some any many several further said says told reported""".split()
)
CURRENCY_SYMBOLS = "$£€¥₹"
CURRENCY_WORDS = frozenset(["dollars", "dollar", "usd", "euros", "euro", "eur", "pounds", "pound", "gbp", "yen", "rupees", "afghanis", "lira"])
MEASURE_UNITS = frozenset(
    ["km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "metre", "meter", "m", "cm", "mm", "ft", "feet", "tonnes", "tonne", "tons", "ton", "kg", "kilograms", "pounds", "lb", "litres", "liters", "gallons", "barrels", "hectares", "acres", "degrees", "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute", "seconds", "second", "mph", "kph", "kmh", "decades", "decade", "centuries"]
)

_NUMBER_WORD = trie([*UNITS, *TENS, *SCALES])
_WORD_ATOM = rf"(?:(?:a|an)\s+(?:hundred|thousand|million|billion)|(?:{_NUMBER_WORD})(?:(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|(?<=million)\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*)"
# Thousands are grouped by commas, or by the thin, narrow no-break, figure or no-break spaces of
# typeset copy ("1\u2009000"); a plain space parts two figures ("in 2 000" stays ambiguous, so it is not read).
GROUP_SEPARATORS = ",\u00a0\u2007\u2009\u202f"
_DIGIT_ATOM = rf"(?:\d{{1,3}}(?:[{GROUP_SEPARATORS}]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_AFTER = r"(?:\s*(?:million|billion|thousand)\b|(?:k|m|mn|bn|b)(?![a-z]))"
_DOZEN = rf"(?:(?:a|half\s+a|{'|'.join(UNITS)})\s+dozen|(?:{_DIGIT_ATOM})\s+dozen)"
_VAGUE_SCALED = r"(?:several|a few|a couple of)\s+(?:hundred|thousand|million)(?:\s+of)?"
_VAGUE = trie(list(VAGUE))

# Numbers that are never counts, recognised whole so their parts are not read as counts.
_CLOCK = r"\b\d{1,2}:\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?![\d])|\b\d{1,2}\.\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
_SLASH_DATE = r"\b\d{1,4}/\d{1,2}(?:/\d{2,4})?\b|\b(?:1[89]|20)\d{2}[-\u2013/](?:\d{2}|(?:1[89]|20)\d{2})\b"
_ORDINAL = r"\b\d+(?:st|nd|rd|th)\b"

# Every atom but an identifier starts at a word start with a digit or one of these letters; saying so
# up front lets the regex engine skip most positions of a text at once (about 3x faster).
_FIRST_CHARS = "".join(
    sorted({c for w in [*UNITS, *TENS, *SCALES, *VAGUE, "a", "an", "half", "several"] for c in (w[0].lower(), w[0].upper())})
)


def _atom_regex(*, dozens: bool) -> re.Pattern[str]:
    # identifiers are found from their digits ("PD12", "F-16") and widened back to the letters in _atoms
    dozen = rf"|(?P<dozen>\b{_DOZEN}\b)" if dozens else ""
    return re.compile(
        r"(?P<identifier>(?<=[A-Za-z])-?\d[\dA-Za-z]*)"
        rf"|(?<![A-Za-z])(?=[\d{_FIRST_CHARS}])(?:"
        rf"(?P<time>{_CLOCK})"
        rf"|(?P<date>{_SLASH_DATE})"
        rf"|(?P<ordinal>{_ORDINAL})"
        rf"|(?P<vaguescaled>\b{_VAGUE_SCALED}\b)"
        rf"|(?P<vague>\b(?:{_VAGUE})(?![\w-]))"
        rf"{dozen}"
        rf"|(?P<digits>(?<![\w.,]){_DIGIT_ATOM}(?:{_SCALE_AFTER})?(?![\d]))"
        rf"|(?P<words>\b{_WORD_ATOM}\b))",
        re.IGNORECASE,
    )


_ATOM_RE = _atom_regex(dozens=True)
# "dozen" is rare; texts without it are scanned by a regex without that branch (a fifth faster).
_ATOM_RE_NO_DOZEN = _atom_regex(dozens=False)
_QUAL_BEFORE_RE = re.compile(
    r"(?:\b(?P<q>" + "|".join(re.escape(q) for q in sorted(QUALIFIERS_BEFORE, key=len, reverse=True)) + r")\s+)$",
    re.IGNORECASE,
)
_RANGE_JOIN_RE = re.compile(r"^\s*(?:to|and|or|-|–|—)\s*", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
# A verb of change before "from A to B" makes B the new figure, not the top of a range.
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|increases|went up|grew|fell|dropped|declined|"
    r"decreased|cut|reduced|lowered|raised|revised|corrected|changed|slashed|brought down|drawn down)\s+(?:\w+\s+)?from\s+$",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(r"^(?:\s+or\s+more\b|\s+or\s+so\b|-?plus\b|\+)", re.IGNORECASE)


NON_COUNT_ATOMS = frozenset({"time", "date", "ordinal", "identifier"})


# The patterns read around every number, compiled once (they ran through ``re``'s cache on each call).
_WORD_SPLIT = re.compile(r"[\s-]+")
_GROUP_SEPARATOR = re.compile(f"[{GROUP_SEPARATORS}]")
_SCALED_DIGITS = re.compile(r"(\d+(?:\.\d+)?)\s*(million|billion|thousand|k|mn|m|bn|b)?$")
_NOT_DIGIT_OR_DOT = re.compile(r"[^\d.]")
_DIGITS = re.compile(r"\d+")
_WORD_BEFORE = re.compile(r"(?:^|[^\w.])([A-Za-z]+)(\.?)\s*#?\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"'\u201c(]?$")
_COUNT_NOUN_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|troops|soldiers|rockets|dead|wounded|civilians|others)\b")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)")
_CURRENCY_BEFORE = re.compile(rf"[{re.escape(CURRENCY_SYMBOLS)}]\s*$")
_CURRENCY_CODE_BEFORE = re.compile(r"\b(?:us\$|usd|eur|gbp)\s*$")
_UNIT_AFTER = re.compile(r"[\s-]*([a-z]+)\b")
_ZONE_AFTER = re.compile(r"\s*(?:gmt|utc|hrs|local time)\b")
_MONTH_AFTER = re.compile(rf"\s+(?:{MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s+$")
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_IS_A_COUNT = re.compile(r"\s+(?:people|troops|soldiers|rockets|dead|wounded|police|officers)\b")


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    low: float | None
    high: float | None
    kind: str  # digits | words | dozen | vague


def _word_value(text: str) -> float | None:
    """Value of a run of number words: "thirty-one", "two hundred and five", "a thousand"."""
    total = 0.0
    current = 0.0
    seen = False
    for token in _WORD_SPLIT.split(text.lower()):
        if token in {"and", ""}:
            continue
        if token in {"a", "an"}:
            current = max(current, 1)
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _digit_value(text: str) -> float:
    raw = _GROUP_SEPARATOR.sub("", text).strip().lower()
    m = _SCALED_DIGITS.match(raw)
    if not m:
        return float(_NOT_DIGIT_OR_DOT.sub("", raw) or 0)
    value = float(m.group(1))
    scale = m.group(2)
    if scale:
        value *= SCALES.get(scale, SHORT_SCALES.get(scale, 1))
    return value


def _dozen_value(text: str) -> float:
    head = text.lower().split("dozen")[0].strip()
    if head.startswith("half"):
        return 6
    count = _word_value(head) if not head[:1].isdigit() else _digit_value(head)
    return 12 * (count or 1)


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    regex = _ATOM_RE if "ozen" in text or "OZEN" in text else _ATOM_RE_NO_DOZEN
    for m in regex.finditer(text):
        kind = m.lastgroup or "digits"
        raw = m.group(0)
        if kind in NON_COUNT_ATOMS:
            digits = _DIGITS.search(raw)
            value_nc = float(digits.group(0)) if digits else None
            start = m.start()
            if kind == "identifier":
                while start > 0 and text[start - 1].isalpha():
                    start -= 1
            value_nc = value_nc if _within_cap(value_nc) else None
            atoms.append(_Atom(start, m.end(), value_nc, value_nc, kind))
            continue
        if kind == "vaguescaled":
            words = raw.lower().split()
            scale = SCALES[words[-1] if words[-1] != "of" else words[-2]]
            base_low, base_high = VAGUE[" ".join(words[: -2 if words[-1] == "of" else -1]).replace("a couple", "a couple of").replace("of of", "of")]
            atoms.append(_Atom(m.start(), m.end(), (base_low or 0) * scale, (base_high or 0) * scale, "vague"))
            continue
        if kind == "vague":
            low, high = VAGUE[raw.lower()]
            atoms.append(_Atom(m.start(), m.end(), low, high, kind))
            continue
        if kind == "dozen":
            value: float | None = _dozen_value(raw)
        elif kind == "words":
            value = _word_value(raw)
            if value is None:
                continue
        else:
            value = _digit_value(raw)
        if not _within_cap(value):
            atoms.append(_Atom(m.start(), m.end(), None, None, "identifier"))
            continue
        atoms.append(_Atom(m.start(), m.end(), value, value, kind))
    return atoms


def _within_cap(value: float | None) -> bool:
    """Whether ``value`` can be a figure: finite and at most ``MAX_FIGURE``."""
    return value is None or (math.isfinite(value) and value <= MAX_FIGURE)


def _shared_scale(low: float, nxt: _Atom, text: str) -> float:
    """"between 2 and 3 million": the scale written once applies to both ends."""
    scale = re.search(r"(million|billion|thousand|bn|m|k)\s*$", text[nxt.start : nxt.end], re.IGNORECASE)
    if scale and nxt.low is not None and low < 1000 <= nxt.low:
        factor = SCALES.get(scale.group(1).lower(), SHORT_SCALES.get(scale.group(1).lower(), 1))
        if low * factor <= nxt.low:
            return low * factor
    return low


def _apply_qualifier(low: float, high: float, qualifier: str) -> tuple[float | None, float | None]:
    if qualifier in {"at_least", "more_than"}:
        return low, None
    if qualifier in {"at_most", "less_than"}:
        return None, high
    if qualifier in {"approx", "nearly"}:
        spread = min(max(1.0, round(low * APPROX_TOLERANCE)), low / 2)
        return max(0.0, low - spread), (high + spread if qualifier == "approx" else high)
    return low, high


def _label_before(before: str, after_l: str) -> bool:
    """Is the number a label of the word before it ("Section 427", "No. 10", "Boeing 737")?"""
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    lower = word.lower()
    if lower in LOWERCASE_LABEL_WORDS or (lower in IDENTIFIER_WORDS and word[0].isupper()):
        return lower != "no" or bool(m.group(2)) or word == "No"
    # A capitalised name right before a number ("Boeing 737", "Apollo 11"), unless a count noun follows.
    sentence_start = _SENTENCE_START.search(before[: m.start(1)])
    return (
        word[0].isupper()
        and not m.group(2)
        and not sentence_start
        and lower not in NOT_LABEL_WORDS
        and not _COUNT_NOUN_AFTER.match(after_l)
    )


def _context_category(text: str, start: int, end: int, atom: _Atom) -> tuple[str, str]:
    """Classify a number by its neighbours: (category, unit)."""
    before = text[max(0, start - 24) : start]
    after = text[end : end + 24]
    raw = text[start:end]
    after_l = after.lower()
    before_l = before.lower()
    if atom.kind in NON_COUNT_ATOMS:
        return atom.kind, ""
    if atom.kind == "vague":
        return "count", ""
    if _PERCENT_AFTER.match(after_l):
        return "percent", "%"
    if _CURRENCY_BEFORE.search(before) or _CURRENCY_CODE_BEFORE.search(before_l):
        return "money", before.strip()[-1:] if before.strip()[-1:] in CURRENCY_SYMBOLS else "USD"
    unit_m = _UNIT_AFTER.match(after_l)
    if unit_m and unit_m.group(1) in CURRENCY_WORDS:
        return "money", unit_m.group(1)
    if atom.kind == "digits":
        if _ZONE_AFTER.match(after_l):
            return "time", ""
        if _MONTH_AFTER.match(after_l) and atom.low is not None and atom.low <= 31:
            return "date", ""
        if _MONTH_BEFORE.search(before_l) and atom.low is not None and atom.low <= 31:
            return "date", ""
        if (
            _FOUR_DIGITS.fullmatch(raw)
            and 1800 <= int(raw) <= 2100
            and not _YEAR_IS_A_COUNT.match(after_l)
        ):
            return "year", ""
        if _label_before(before, after_l):
            return "identifier", ""
    if unit_m and unit_m.group(1) in MEASURE_UNITS and not (unit_m.group(1) == "m" and atom.kind != "digits"):
        return "measure", unit_m.group(1)
    return "count", ""


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase in ``text`` with its range, qualifier, category and span.

    The grammar reads the text without its invisible characters (``reading.reading_view``), so a
    zero-width space or a soft hyphen inside "3\u200b0" changes nothing; spans index ``text`` itself.

    >>> [m.value.low for m in find_numbers("killed at least eight people")]
    [8.0]
    """
    reading = reading_view(text)
    original, text = text, reading.text
    atoms = _atoms(text)
    mentions: list[NumberMention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        start, end = atom.start, atom.end
        low, high = atom.low, atom.high
        qualifier = "vague" if atom.kind == "vague" and low != high else "exact"
        # 2. ranges: "between 8 and 10", "8 to 10", "8-10"
        if i + 1 < len(atoms) and atom.kind in {"digits", "words", "dozen"}:
            nxt = atoms[i + 1]
            gap = text[end : nxt.start]
            between = _BETWEEN_RE.search(text[max(0, start - 10) : start]) is not None
            if between and _CHANGE_BEFORE_RE.search(text[max(0, start - 40) : start]):
                between = False
                gap = " change "
            if (
                _RANGE_JOIN_RE.fullmatch(gap)
                and nxt.kind in {"digits", "words", "dozen"}
                and (between or gap.strip().lower() in {"to", "-", "–", "—", "or"})
                and nxt.low is not None
                and low is not None
                and nxt.low > low
                and not (gap.strip().lower() == "and" and not between)
            ):
                if between:
                    start = _BETWEEN_RE.search(text[max(0, start - 10) : start]).start() + max(0, start - 10)  # type: ignore[union-attr]
                low = _shared_scale(low, nxt, text)
                high = nxt.high
                end = nxt.end
                qualifier = "between"
                i += 1
        # 3. qualifiers
        if qualifier == "exact" and low is not None and high is not None and atom.kind not in NON_COUNT_ATOMS:
            q = _QUAL_BEFORE_RE.search(text[max(0, start - 24) : start])
            after = _AFTER_RE.match(text[end : end + 10])
            if q:
                qualifier = QUALIFIERS_BEFORE[q.group("q").lower()]
                start = start - (len(q.group(0)))
                low, high = _apply_qualifier(low, high, qualifier)
            elif after:
                qualifier = QUALIFIERS_AFTER[" ".join(after.group(0).lower().split()).lstrip("-")]
                end = end + after.end()
                low, high = _apply_qualifier(low, high, qualifier)
        category, unit = _context_category(text, atom.start, atom.end, atom)
        start, end = reading.span(start, end)
        mentions.append(
            NumberMention(start=start, end=end, value=Range(low, high, qualifier, original[start:end]), category=category, unit=unit)
        )
        i += 1
    return mentions


def parse_number(phrase: str) -> Range | None:
    """The range of the first count in ``phrase`` ("at least eight" -> 8..None), or None."""
    for mention in find_numbers(phrase):
        if mention.category in {"count", "percent", "money", "measure"}:
            return mention.value
    return None
