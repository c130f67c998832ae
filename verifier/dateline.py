"""A pasted story's dateline: the day it says it appeared, when no ``Published:`` header dates it.

Editors paste a page's text with its byline block: "Posted Dec 30, 2023", "By AFP | Published June
1, 2025", "Tuesday 13 June 2023 15:02 BST", "PUBLISHED: 01:12 EDT, 4 July 2023 | UPDATED: ...". That
day places the story among its sources: the library's time window is drawn around it. Without it an
undated story is placed at its best-matching report, and a follow-up weeks later can pull the window
away from the incident's own reports. (It does not date the story's figures: see ``Document.placed``.)

A line counts as a dateline only when it stands near the top (``TOP_LINES``), the date is the whole
point of it (few other words: labels such as "Posted", "Updated", "By", an outlet or section name),
and it carries a day, a month and a year. A photo caption ("Smoke rises over the city on Tuesday, 17
September 2024") or a sentence of the story that names a date is not a dateline, and neither is a
numeric date that reads two ways ("7/8/2024"). A date without a time is read as 12:00 UTC, the
middle of the day, and the editor is told so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from .dates import DEFAULT_DATE_ORDER, DateOrder, parse_published
from .errors import InputError

# Datelines stand in the byline block, above the story's first paragraphs.
TOP_LINES = 12
# A dateline holds few words besides its date: labels, a byline, an outlet or section name.
MAX_OTHER_WORDS = 7

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)"
# "Dec 30, 2023", "13 June 2023", "2023-12-30", "30/10/2022", "8/31/2023", each with an optional time
# before or after it ("01:12 EDT, 4 July 2023", "Nov 9, 2024 6:05 AM CST").
_DATE = re.compile(
    rf"(?:(?P<t1>{_TIME}),?\s+)?"
    rf"(?P<date>\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b)"
    rf"(?:(?:,|\s+-|\s+at)?\s+(?P<t2>{_TIME}))?",
    re.IGNORECASE,
)
# Words a dateline may hold beside its date; what is left must be short.
_LABELS = re.compile(
    r"\b(?:posted|published|updated|last\s+updated|first\s+published|modified|on|at|by|date|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?",
    re.IGNORECASE,
)
# A caption or credit names a date too, but it dates the picture, not the story.
_NOT_A_DATELINE = re.compile(r"\b(?:photo|picture|image|caption|video|file|credit|getty|reuters/|ap photo)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """When a story says it was published, and the line that says it."""

    published: datetime
    line: str


def find_dateline(text: str, *, order: DateOrder = DEFAULT_DATE_ORDER) -> Dateline | None:
    """The first dateline among the text's top lines, or None."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:TOP_LINES]
    for line in lines:
        if len(line) > 160 or _NOT_A_DATELINE.search(line):
            continue
        m = _DATE.search(line)
        if m is None:
            continue
        rest = _LABELS.sub(" ", line[: m.start()] + " " + line[m.end() :])
        # the rest of a "PUBLISHED: ... | UPDATED: ..." line is another date: its words are no prose
        rest = _DATE.sub(" ", rest)
        if len(re.findall(r"[A-Za-z][\w'’-]*", rest)) > MAX_OTHER_WORDS:
            continue
        dated = _read(m, order)
        if dated is not None:
            return Dateline(dated, line)
    return None


def _read(m: re.Match[str], order: DateOrder) -> datetime | None:
    """The date of a dateline match with its time when one can be read, else at noon UTC.

    "7/8/2024" is the 7th of August or the 8th of July depending on where the page was made; a
    dateline is read only when it can be read one way ("30/10/2022", "Dec 30, 2023"), since a wrong
    month would put the story a month away from its own sources.
    """
    date = m.group("date")
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/\d{4}", date)
    if numeric and max(int(numeric.group(1)), int(numeric.group(2))) <= 12 and numeric.group(1) != numeric.group(2):
        return None
    time = m.group("t1") or m.group("t2")
    if time:
        try:
            return parse_published(f"{date} {time}", order=order)
        except InputError:
            pass  # a zone dateparser does not know: the day alone still dates the story
    try:
        day = parse_published(date, order=order)
    except InputError:
        return None
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


__all__ = ["Dateline", "find_dateline"]
