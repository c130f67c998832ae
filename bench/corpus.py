"""Seeded generators of news-like text for the benchmarks: wire articles and library reports.

Benchmarks need inputs that look like what newsrooms paste (datelines, clock times, years,
percentages, money, figures in words and digits with qualifiers, attribution sentences) in
quantities no fixture gives, and they must be the same on every run so that figures compare
across commits. Every generator here takes a seed and uses its own ``random.Random``; nothing
iterates over a set, so the same seed gives the same text in every process.

Each article and report carries its ground truth (``Fact``): the phrase the generator wrote for a
figure and what it means, so tests can check the text says what the generator claims it says.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from db.convert import claim_columns
from verifier import parse_number
from verifier.types import Claim, Range

# Bump when the generated text changes, so cached benchmark databases are rebuilt.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20201121

SEED_EVENT_KEY = "kabul-2020-11-21"

# Real places keep the text plausible; synthetic towns make events distinct at scale.
_PLACES: tuple[tuple[str, str, str], ...] = (
    ("Kabul", "Afghanistan", "Afghan"), ("Kandahar", "Afghanistan", "Afghan"), ("Jalalabad", "Afghanistan", "Afghan"),
    ("Baghdad", "Iraq", "Iraqi"), ("Mosul", "Iraq", "Iraqi"), ("Beirut", "Lebanon", "Lebanese"),
    ("Damascus", "Syria", "Syrian"), ("Aleppo", "Syria", "Syrian"), ("Sanaa", "Yemen", "Yemeni"),
    ("Aden", "Yemen", "Yemeni"), ("Mogadishu", "Somalia", "Somali"), ("Maiduguri", "Nigeria", "Nigerian"),
    ("Lagos", "Nigeria", "Nigerian"), ("Bamako", "Mali", "Malian"), ("Niamey", "Niger", "Nigerien"),
    ("Khartoum", "Sudan", "Sudanese"), ("Tripoli", "Libya", "Libyan"), ("Peshawar", "Pakistan", "Pakistani"),
    ("Quetta", "Pakistan", "Pakistani"), ("Karachi", "Pakistan", "Pakistani"), ("Dhaka", "Bangladesh", "Bangladeshi"),
    ("Manila", "Philippines", "Philippine"), ("Marawi", "Philippines", "Philippine"), ("Yangon", "Myanmar", "Myanmar"),
    ("Bogota", "Colombia", "Colombian"), ("Caracas", "Venezuela", "Venezuelan"), ("Lima", "Peru", "Peruvian"),
    ("Santiago", "Chile", "Chilean"), ("Nairobi", "Kenya", "Kenyan"), ("Addis Ababa", "Ethiopia", "Ethiopian"),
    ("Kinshasa", "Congo", "Congolese"), ("Goma", "Congo", "Congolese"), ("Kyiv", "Ukraine", "Ukrainian"),
    ("Kharkiv", "Ukraine", "Ukrainian"), ("Tbilisi", "Georgia", "Georgian"), ("Istanbul", "Turkey", "Turkish"),
    ("Tehran", "Iran", "Iranian"), ("Cairo", "Egypt", "Egyptian"), ("Tunis", "Tunisia", "Tunisian"),
    ("Accra", "Ghana", "Ghanaian"), ("Ouagadougou", "Burkina Faso", "Burkinabe"), ("Juba", "South Sudan", "South Sudanese"),
)  # fmt: skip
_SYLLABLES = ("dar", "kel", "mo", "ra", "zan", "tu", "bek", "sha", "lin", "or", "vas", "qa", "ne", "hal", "ib", "sur", "ta", "gol")
_GROUPS: tuple[str, ...] = (
    "the Northern Liberation Front", "the Islamic State group", "al-Shabab", "Boko Haram", "the Houthis",
    "the National Resistance Army", "the Revolutionary Brigades", "the Popular Defence Forces", "the Haqqani network",
    "the Eastern Alliance", "the Patriotic Militia", "the Free Coast Movement", "the Mountain Battalion",
    "the Democratic Forces", "the Southern Separatists", "the Red Hand Brigade",
)  # fmt: skip
_OUTLETS: tuple[str, ...] = (
    "Wire One", "Global Desk", "Daily Ledger", "Morning Courier", "Eastern Times", "Frontline News", "The Observer Post",
    "Capital Radio", "Harbour Herald", "Continental Tribune", "Valley Gazette", "Metro Bulletin", "Sunrise Press",
    "Atlas Report", "Meridian News", "Coastal Chronicle", "Northern Star", "Pacific Wire", "Summit Daily", "Union Times",
)  # fmt: skip
_SOURCES = ("officials said", "police said", "the interior ministry said", "a hospital official said", "local officials said", "the health ministry said")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBR = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
_SMALL_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS_WORDS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
KINDS = ("attack", "protest", "disaster", "troops")
# Filler without figures, so word counts and sentence mixes look like wire copy.
_FILLER = (
    "Witnesses described scenes of panic as people ran for cover.",
    "Security forces sealed off the area and ambulances rushed to the scene.",
    "The government has faced growing criticism over its handling of security.",
    "Analysts say the violence threatens fragile talks between the two sides.",
    "Residents said they had heard several loud explosions before dawn.",
    "Hospitals in the city appealed for blood donations.",
    "The United Nations called for restraint and an independent investigation.",
    "Shops stayed closed and streets were largely empty on the following day.",
    "Footage shared on social media showed smoke rising over the district.",
    "Aid agencies warned that access to the worst-hit areas remained difficult.",
    "Opposition leaders accused the authorities of failing to protect civilians.",
    "The region has seen a sharp rise in unrest in recent months.",
    "Officials did not say who was behind the violence, and no arrests were announced.",
    "A curfew was imposed across the city until further notice.",
    "Schools and government offices were ordered to remain shut for the rest of the week.",
    "The country's leaders held an emergency meeting late into the night.",
    "\u201cWe heard the sound and everyone started running,\u201d said a shopkeeper who gave only his first name.",
    "Diplomats in the capital condemned what they called a senseless act.",
    "Local television broadcast images of burned-out cars and shattered windows.",
    "Relatives gathered outside the main hospital waiting for news of the missing.",
    "The authorities said an investigation had been opened.",
    "Mobile phone networks were suspended in parts of the city as a precaution.",
    "Human rights groups have repeatedly warned about the deteriorating situation.",
    "The violence comes weeks before a key vote in parliament.",
    "Traffic on the main highway was diverted while forensic teams worked at the site.",
    "Neighbouring countries offered help and expressed their condolences.",
)


@dataclass(frozen=True)
class Fact:
    """One figure the generator wrote: ``phrase`` is the exact text, ``figure`` the number it names.

    ``kind`` is the claim kind the phrase stands for (``killed``, ``injured``, ``arrested``,
    ``troops``, ``munitions``) or a non-claim category (``time``, ``year``, ``percent``, ``money``).
    """

    kind: str
    phrase: str
    figure: float
    qualifier: str = "exact"


@dataclass(frozen=True)
class Event:
    """A distinct happening: place, parties, date and the true figures the reports round off."""

    key: str
    kind: str
    place: str
    country: str
    demonym: str
    group: str
    rival: str
    day: date
    killed: int
    injured: int
    arrested: int
    troops: int
    munitions: int


@dataclass(frozen=True)
class Article:
    """A generated text about ``event`` with the figures it carries."""

    event: Event
    text: str
    facts: tuple[Fact, ...] = field(default_factory=tuple)

    @property
    def words(self) -> int:
        return len(self.text.split())


def seed_event() -> Event:
    """The event of the seed story (Kabul rockets, 21 Nov 2020), so a library can hold candidates for it."""
    return Event(
        SEED_EVENT_KEY, "attack", "Kabul", "Afghanistan", "Afghan", "the Taliban", "the Islamic State group",
        date(2020, 11, 21), killed=8, injured=31, arrested=0, troops=2000, munitions=23,
    )  # fmt: skip


def _town(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_events(count: int, seed: int = DEFAULT_SEED) -> list[Event]:
    """``count`` distinct events: half in real cities, half in synthetic towns of the same countries."""
    rng = random.Random(seed)
    events: list[Event] = []
    start = date(2012, 1, 1)
    for i in range(count):
        city, country, demonym = rng.choice(_PLACES)
        place = city if rng.random() < 0.5 else _town(rng)
        group = "the Taliban" if country == "Afghanistan" and rng.random() < 0.6 else rng.choice(_GROUPS)
        rival = rng.choice(_GROUPS)
        killed = rng.choice((rng.randint(1, 19), rng.randint(20, 99), rng.randint(100, 400)))
        events.append(
            Event(
                key=f"e{i}-{place.lower()}",
                kind=rng.choice(KINDS),
                place=place,
                country=country,
                demonym=demonym,
                group=group,
                rival=rival if rival != group else "the government",
                day=start + timedelta(days=rng.randrange(365 * 13)),
                killed=killed,
                injured=killed + rng.randint(0, 3 * killed + 5),
                arrested=rng.randint(2, 300),
                troops=rng.choice((500, 1_000, 1_500, 2_000, 2_500, 3_000, 4_500, 5_000, 12_000)),
                munitions=rng.randint(2, 60),
            )
        )
    return events


def number_words(n: int) -> str:
    """English words for 0..99 ("thirty-one"); larger numbers stay digits, as wire style does."""
    if n < 20:
        return _SMALL_WORDS[n]
    tens, unit = divmod(n, 10)
    return _TENS_WORDS[tens * 10] + (f"-{_SMALL_WORDS[unit]}" if unit else "")


def _digits(n: int) -> str:
    return f"{n:,}"


def figure(rng: random.Random, n: int, kind: str) -> Fact:
    """A phrase for ``n`` the way reporters hedge it: words or digits, with or without a qualifier."""
    roll = rng.random()
    if roll < 0.25:
        return Fact(kind, number_words(n) if n < 10 else _digits(n), n)
    if roll < 0.40:
        return Fact(kind, f"at least {number_words(n) if n < 100 else _digits(n)}", n, "at_least")
    if roll < 0.50 and n >= 10:
        base = max(10, round(n, -1))
        return Fact(kind, f"about {_digits(base)}", base, "approx")
    if roll < 0.58 and 24 <= n < 84:
        dozens = n // 12
        return Fact(kind, f"more than {number_words(dozens)} dozen", 12 * dozens, "more_than")
    if roll < 0.66:
        return Fact(kind, f"between {_digits(n)} and {_digits(n + rng.randint(2, 5))}", n, "between")
    if roll < 0.74 and n >= 5:
        return Fact(kind, f"nearly {_digits(n)}", n, "nearly")
    if roll < 0.80:
        return Fact(kind, f"more than {_digits(n)}", n, "more_than")
    return Fact(kind, _digits(n), n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dateline(event: Event, outlet: str) -> str:
    return f"{event.place.upper()}, {_MONTH_ABBR[event.day.month - 1]} {event.day.day} ({outlet}) - "


class _Writer:
    """Accumulates sentences and the facts placed in them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.part_facts: list[tuple[Fact, ...]] = []

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for facts in self.part_facts for f in facts)

    def add(self, template: str, *facts: Fact, **words: str) -> None:
        """Fill ``template``: ``{0}``, ``{1}``... take the facts' phrases, names take ``words``."""
        self.parts.append(_cap(template.format(*(f.phrase for f in facts), **words)))
        self.part_facts.append(facts)


def _attack(w: _Writer, rng: random.Random, e: Event, source: str) -> None:
    k, i, m = figure(rng, e.killed, "killed"), figure(rng, e.injured, "injured"), figure(rng, e.munitions, "munitions")
    w.add(
        rng.choice((
            "{0} people were killed and {1} others wounded when an attack hit {place} on {day}, {src}.",
            "An attack in the {dem} city of {place} killed {0} people and wounded {1} others, {src}.",
        )),
        k, i, place=e.place, day=_WEEKDAYS[e.day.weekday()], dem=e.demonym, src=source,
    )  # fmt: skip
    w.add("{0} rockets were fired at the district from two vehicles, {src}.", m, src=source)
    w.add(rng.choice(_FILLER))
    w.add(rng.choice((
        "{grp} denied involvement in the attack.",
        "{grp} claimed responsibility for the attack in a statement.",
        "Officials blamed {riv} for the attack.",
    )), grp=_cap(e.group), riv=e.rival)  # fmt: skip


def _protest(w: _Writer, rng: random.Random, e: Event, source: str) -> None:
    a, i = figure(rng, e.arrested, "arrested"), figure(rng, e.injured, "injured")
    m = figure(rng, e.munitions, "munitions")
    w.add("Police arrested {0} protesters in {place} after demonstrations turned violent, {src}.", a, place=e.place, src=source)
    w.add("{0} people were injured in clashes with security forces.", i)
    w.add("Police fired {0} tear gas canisters at the crowd.", m)
    w.add(rng.choice(_FILLER))
    w.add("The government blamed {grp} for the unrest.", grp=e.group)


def _disaster(w: _Writer, rng: random.Random, e: Event, source: str) -> None:
    k, i = figure(rng, e.killed, "killed"), figure(rng, e.injured, "injured")
    what = rng.choice(("floods", "an earthquake", "a landslide", "a cyclone"))
    w.add(
        "{0} people were killed and {1} others injured after {what} struck {place} in {country}, {src}.",
        k, i, what=what, place=e.place, country=e.country, src=source,
    )  # fmt: skip
    w.add(rng.choice(_FILLER))
    w.add("Rescue teams from {country} were searching collapsed buildings in {place}.", country=e.country, place=e.place)


def _troops(w: _Writer, rng: random.Random, e: Event, source: str) -> None:
    t = figure(rng, e.troops, "troops")
    verb = rng.choice(("will withdraw", "will deploy", "has sent"))
    w.add("The army {verb} {0} troops to {place}, {src}.", t, verb=verb, place=e.place, src=source)
    w.add("Officials blamed {grp} for recent attacks near {place}.", grp=e.group, place=e.place)
    w.add(rng.choice(_FILLER))


_BODIES = {"attack": _attack, "protest": _protest, "disaster": _disaster, "troops": _troops}


def _background(w: _Writer, rng: random.Random, e: Event) -> None:
    """Years, percentages, money and clock times: numbers a claim extractor must not take for counts."""
    year = e.day.year - rng.randint(1, 6)
    pct = rng.randint(3, 95)
    money = rng.choice(("2.5 million", "400,000", "12 million", "1.2 billion"))
    hour, minute = rng.randint(0, 23), rng.choice((0, 15, 30, 45))
    gmt = (hour * 60 + minute - 270) % (24 * 60)
    clock = f"{hour:02d}:{minute:02d}"
    w.add(
        "The first blast was heard just before {0} ({gmt} GMT).",
        Fact("time", clock, hour), gmt=f"{gmt // 60:02d}:{gmt % 60:02d}",
    )  # fmt: skip
    w.add("The violence is the worst in {place} since {0}.", Fact("year", str(year), year), place=e.place)
    w.add("Turnout at last month's vote was {0}%, the election commission said.", Fact("percent", str(pct), pct))
    w.add("Donors pledged ${0} in emergency aid.", Fact("money", money, parse_number(money).low or 0))  # type: ignore[union-attr]


def article(event: Event, rng: random.Random, *, outlet: str | None = None) -> Article:
    """A wire story of roughly 250-450 words about ``event``."""
    outlet = outlet or rng.choice(_OUTLETS)
    w = _Writer()
    _BODIES[event.kind](w, rng, event, rng.choice(_SOURCES))
    w.parts[0] = _dateline(event, outlet) + w.parts[0]
    _background(w, rng, event)
    for sentence in rng.sample(_FILLER, rng.randint(10, 24)):
        w.add(sentence)
    paragraphs = [" ".join(w.parts[i : i + 3]) for i in range(0, len(w.parts), 3)]
    return Article(event, "\n\n".join(paragraphs), tuple(w.facts))


def articles(count: int, seed: int = DEFAULT_SEED) -> list[Article]:
    """``count`` articles about ``count // 3`` distinct events (several outlets per event)."""
    rng = random.Random(seed)
    events = make_events(max(1, count // 3), seed)
    return [article(events[i % len(events)], rng) for i in range(count)]


# -- library rows ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _range(phrase: str) -> Range:
    """The extractor's own reading of a figure phrase, so generated rows match extracted ones."""
    value = parse_number(phrase)
    assert value is not None, phrase
    return value


@dataclass(frozen=True)
class LibraryReport:
    """A report ready for bulk loading: columns of ``report`` and of its ``claim`` rows."""

    outlet: str
    url: str
    title: str
    published: datetime
    text: str
    claims: tuple[dict[str, Any], ...]
    event_key: str


def _claim_row(kind: str, phrase: str, sentence: str, offset: int, ordinal: int, **extra: str) -> dict[str, Any]:
    start = sentence.lower().find(phrase.lower()) if phrase else 0
    phrase = sentence[start : start + len(phrase)]
    value = _range(phrase) if phrase else None
    claim = Claim(
        id=f"c{ordinal + 1}",
        kind=kind,
        value=value,
        sentence=sentence,
        span=(offset + start, offset + start + len(phrase)),
        sentence_span=(offset, offset + len(sentence)),
        **extra,
    )
    return claim_columns(claim, ordinal)


_NOUNS = {"killed": "people", "injured": "others", "arrested": "protesters", "munitions": "rockets", "troops": "troops"}


def _report_claims(w: _Writer, e: Event) -> list[dict[str, Any]]:
    """Claim rows for the writer's sentences, with spans indexing the sentences joined by spaces."""
    rows: list[dict[str, Any]] = []
    offset = 0
    for sentence, facts in zip(w.parts, w.part_facts, strict=True):
        for fact in facts:
            extra = {"noun": _NOUNS.get(fact.kind, "")}
            if fact.kind == "troops":
                extra["stance"] = "withdraw" if "withdraw" in sentence else "deploy"
            rows.append(_claim_row(fact.kind, fact.phrase, sentence, offset, len(rows), **extra))
        actor, stance = _stance_of(sentence, e)
        if stance:
            rows.append(_claim_row("responsibility", "", sentence, offset, len(rows), actor=actor, stance=stance))
        offset += len(sentence) + 1
    return rows


def _seed_report(rng: random.Random) -> _Writer:
    """A report on the seed event: the figures outlets gave for it, reworded and rounded differently."""
    k = figure(rng, rng.choice((8, 8, 8, 9, 10, 12)), "killed")
    i = figure(rng, rng.choice((30, 31, 31, 29, 35)), "injured")
    m = figure(rng, rng.choice((20, 23, 23, 14)), "munitions")
    w = _Writer()
    w.add("A rocket attack on the Afghan capital Kabul killed {0} people and wounded {1} others, {src}.", k, i, src=rng.choice(_SOURCES))
    w.add("{0} rockets were fired from two cars into residential areas of Kabul on Saturday morning, {src}.", m, src=rng.choice(_SOURCES))
    w.add("The Taliban denied being behind the attack.")
    if rng.random() < 0.6:
        w.add("The Islamic State group claimed responsibility for the rocket attack in Kabul.")
    if rng.random() < 0.6:
        w.add("The US plans to withdraw {0} troops from Afghanistan by mid-January.", Fact("troops", "2,000", 2000))
    return w


def _stance_of(sentence: str, e: Event) -> tuple[str, str]:
    """Who claimed, denied or blamed in a generated sentence (the templates put the actor first)."""
    for marker, stance in ((" denied ", "denied"), (" claimed responsibility", "claimed"), (" blamed ", "blamed")):
        at = sentence.find(marker)
        if at > 0:
            return sentence[:at], stance
    return "", ""


def library_reports(claims: int, seed: int = DEFAULT_SEED, *, seed_reports: int = 300) -> Iterator[LibraryReport]:
    """Reports whose claims add up to about ``claims``: ``seed_reports`` about the seed story's event
    (spread through the stream), the rest about events of ~20 reports each from different outlets."""
    rng = random.Random(seed)
    per_report = 4.2
    total_reports = max(seed_reports + 1, round(claims / per_report))
    events = make_events(max(1, (total_reports - seed_reports) // 20), seed + 1)
    seed_every = max(1, total_reports // seed_reports)
    made = 0
    seeds_made = 0
    index = 0
    while made < claims:
        is_seed = seeds_made < seed_reports and index % seed_every == 0
        if is_seed:
            event = seed_event()
            w = _seed_report(rng)
            seeds_made += 1
        else:
            event = events[rng.randrange(len(events))]
            w = _Writer()
            _BODIES[event.kind](w, rng, event, rng.choice(_SOURCES))
        rows = _report_claims(w, event)
        made += len(rows)
        outlet = rng.choice(_OUTLETS)
        published = datetime.combine(event.day, datetime.min.time(), UTC) + timedelta(minutes=rng.randrange(2 * 24 * 60))
        yield LibraryReport(
            outlet=outlet,
            url=f"https://{outlet.lower().replace(' ', '')}.example/{event.key}/{index}",
            title=f"{event.place}: {event.kind} ({outlet})",
            published=published,
            text=" ".join(w.parts),
            claims=tuple(rows),
            event_key=event.key,
        )
        index += 1


def outlets() -> tuple[str, ...]:
    """The outlet names library reports use."""
    return _OUTLETS


SEED_STORY = Path(__file__).resolve().parents[2] / "shared/eval/events/kabul-rockets-2020-11-21/story.txt"
EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "verifier/data/example"


def seed_story() -> tuple[str, str]:
    """(text, where it came from): the shared seed story, else the package's example, else a generated
    article about the seed event, so the benchmark still runs in a checkout without shared/."""
    if SEED_STORY.is_file():
        return SEED_STORY.read_text(encoding="utf-8"), str(SEED_STORY)
    examples = sorted(EXAMPLE_DIR.glob("*.txt")) if EXAMPLE_DIR.is_dir() else []
    if examples:
        return examples[0].read_text(encoding="utf-8"), str(examples[0])
    return article(seed_event(), random.Random(DEFAULT_SEED)).text, "generated (seed event)"
