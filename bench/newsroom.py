"""A seeded newsroom library: wire copy about many distinct events that share places and actors.

What retrieval has to survive in a real library is many reports that look like the story's own
event and are not: other attacks in the same city, the same groups in other countries, the same
spokesmen, tolls that rise over days, one wire story copied on several sites. This generator writes
that, from its own templates and word lists:

- places: ``CITIES`` (real and synthetic, each with districts), drawn with a heavy head, so a few
  cities hold many attacks, as the capitals of a conflict do;
- actors: ``GROUPS`` (armed groups active in several countries), officials named from
  ``FIRST_NAMES`` x ``LAST_NAMES`` (hundreds of people), hospitals and ministries;
- an ``Event`` (attack type, target, city, district, day, group, denial, arrests) is told by
  ``UPDATES_PER_EVENT`` wire updates over its first days, each with a higher toll, and each update
  is copied on one to four sites (``copies``), each copy edited a little as sites do;
- a report is 300-800 words: a dateline lead, the toll and who gave it, quotes, responsibility,
  background naming earlier attacks in the city and the group's record elsewhere, and context.

``distractors(names, ...)`` writes such events in the places and with the actors a planted event
names, to hide that event's real reports among look-alikes. The same seed gives the same text in
every process (one ``random.Random`` per call, no set iteration).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from verifier.types import Document

# Bump when the generated text changes, so cached benchmark libraries are rebuilt.
NEWSROOM_VERSION = 1
DEFAULT_SEED = 9
UPDATES_PER_EVENT = 3
WORDS = (300, 800)

CITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Kabul", "Afghanistan", ("Dasht-e-Barchi", "Shar-e-Naw", "Karte Seh", "Wazir Akbar Khan", "Khair Khana")),
    ("Kandahar", "Afghanistan", ("Daman", "Arghandab", "Loya Wiyala")),
    ("Baghdad", "Iraq", ("Sadr City", "Karrada", "Adhamiya", "Mansour", "Kadhimiya")),
    ("Mosul", "Iraq", ("Old City", "Zanjili", "Hadba")),
    ("Damascus", "Syria", ("Mezzeh", "Jaramana", "Kafr Sousa")),
    ("Aleppo", "Syria", ("Salaheddine", "Sheikh Maqsoud", "Hamdaniyeh")),
    ("Mogadishu", "Somalia", ("Hodan", "Wadajir", "Bondhere", "Hamarweyne")),
    ("Maiduguri", "Nigeria", ("Gwange", "Bulumkutu", "Muna")),
    ("Bamako", "Mali", ("Kati", "Hamdallaye", "Badalabougou")),
    ("Peshawar", "Pakistan", ("Hayatabad", "Saddar", "Qissa Khwani")),
    ("Quetta", "Pakistan", ("Hazara Town", "Satellite Town", "Sariab")),
    ("Sanaa", "Yemen", ("Tahrir", "Shuub", "Sabeen")),
    ("Aden", "Yemen", ("Crater", "Mansoura", "Tawahi")),
    ("Goma", "Congo", ("Ndosho", "Mugunga", "Kyeshero")),
    ("Kharkiv", "Ukraine", ("Saltivka", "Kholodna Hora", "Osnovianskyi")),
    ("Marawi", "Philippines", ("Banggolo", "Lilod Madaya")),
    ("Qadira", "Sahrawan", ("Ain Dhahab", "Bab al-Sharq", "Tall Qasr")),
    ("Velmor", "Estmark", ("Harbourside", "Old Market", "Kessel Gate")),
    ("Bendi", "Kivara", ("Lower Bendi", "Sabon Gari", "Dutse")),
    ("Orlevsk", "Dunmere", ("Zarichna", "Vokzalna", "Promzona")),
    ("Port Amelle", "Sambara", ("Cite Soleil", "Marche Neuf", "La Digue")),
    ("Darband", "Hradek", ("Upper Darband", "Saray", "Kotal")),
    ("Kell Amar", "Sahrawan", ("Souk al-Arbaa", "Hay al-Nasr")),
    ("Sarghun", "Estmark", ("Nau Bazar", "Shahi Bagh")),
    ("Kandora", "Kivara", ("Ngoma", "Bukavu Road")),
    ("Tal Sabra", "Sahrawan", ("Northern Camp", "Wadi Sabra")),
    ("Carver Falls", "Lanholm", ("Eastside", "Riverside")),
    ("Kerapu", "Velmora", ("Pelabuhan", "Kampung Baru")),
)  # fmt: skip
GROUPS: tuple[str, ...] = (
    "the Taliban", "the Islamic State group", "al-Shabab", "Boko Haram", "the Houthis", "Harakat al-Thabitin",
    "the Haqqani network", "the Northern Liberation Front", "the Revolutionary Brigades", "the Popular Defence Forces",
    "the Eastern Alliance", "the Free Coast Movement", "the Mountain Battalion", "the Democratic Forces",
    "the Southern Separatists", "the Red Hand Brigade", "Jamaat Nusrat al-Islam", "the M23 rebels",
    "the Velmor Patriotic Front", "the Kivara Defence Militia", "the Sons of the Valley", "Tehreek-e-Taliban Pakistan",
    "the Baloch Liberation Army", "the Dunmere People's Army", "Kataib Harvan", "the Coastal Resistance",
)  # fmt: skip
FIRST_NAMES = (
    "Ahmad", "Mohammed", "Abdul", "Hassan", "Ali", "Omar", "Yusuf", "Ibrahim", "Khalid", "Tariq", "Samir", "Nasir",
    "Fatima", "Aisha", "Maryam", "Layla", "Amina", "Zainab", "John", "David", "Daniel", "Peter", "Michael", "Sarah",
    "Anna", "Olena", "Ivan", "Dmytro", "Musa", "Ousmane", "Amadou", "Ibrahima", "Chidi", "Emeka", "Grace", "Joseph",
    "Jean", "Pierre", "Claude", "Marie", "Rahim", "Karim", "Bilal", "Imran", "Zahid", "Farid", "Walid", "Salim",
)  # fmt: skip
LAST_NAMES = (
    "Rahimi", "Stanikzai", "Mujahid", "Hashimi", "Karimi", "Naseri", "Haddad", "Khoury", "Mansour", "Saleh", "Abdi",
    "Warsame", "Mohamud", "Diallo", "Traore", "Keita", "Coulibaly", "Okafor", "Adeyemi", "Bello", "Musa", "Khan",
    "Yousafzai", "Afridi", "Baloch", "Shinwari", "Fisk", "Brennan", "Miller", "Novak", "Kovalenko", "Shevchenko",
    "Bondarenko", "Lukwago", "Mbeki", "Kabila", "Tshisekedi", "Santos", "Reyes", "Cruz", "Marlow", "Okonkwo",
)  # fmt: skip
WIRES = ("Atlas", "Meridian", "Continental Press", "Levant Wire", "Pan-African Wire", "Eastern News Agency")
SITES = (
    "Daily Ledger", "Morning Courier", "Eastern Times", "Frontline News", "The Observer Post", "Capital Radio",
    "Harbour Herald", "Continental Tribune", "Valley Gazette", "Metro Bulletin", "Sunrise Press", "Coastal Chronicle",
    "Northern Star", "Summit Daily", "Union Times", "Gulf Daily", "Levant Broadcast", "Sahel Today", "Horn Observer",
    "Frontier Post", "Kivu Times", "Dunmere Voice", "The National Desk", "World Briefing",
)  # fmt: skip
ATTACKS = (
    ("rockets hit", "a rocket attack", "rockets"),
    ("a car bomb exploded near", "a car bombing", "the car bomb"),
    ("a suicide bomber blew himself up at", "a suicide bombing", "the bomber"),
    ("gunmen opened fire on", "a shooting", "the gunmen"),
    ("an air strike hit", "an air strike", "the strike"),
    ("mortar rounds struck", "a mortar attack", "the mortars"),
    ("a roadside bomb hit a convoy near", "a roadside bombing", "the bomb"),
    ("drones struck", "a drone attack", "the drones"),
)
TARGETS = (
    "a crowded market", "a police station", "a military checkpoint", "a wedding hall", "the main bus station",
    "an army base", "a mosque during Friday prayers", "a government compound", "a school", "a hotel",
    "a hospital", "a camp for displaced people", "a border post", "a football stadium",
)  # fmt: skip
# Events of ``tests/data/events`` whose real reports are planted among look-alikes (tests and bench):
# folder, its towns, its country, its actors, roughly when it happened.
PLANTED_EVENTS: tuple[tuple[str, list[str], str, list[str], datetime], ...] = (
    ("rocket-attack-tall-qasr", ["Qadira", "Tall Qasr", "Ain Dhahab"], "Sahrawan", ["Harakat al-Thabitin", "Kataib Harvan", "the coalition"], datetime(2025, 1, 14, tzinfo=UTC)),
    ("velmor-car-bomb", ["Velmor", "Ostrow"], "Tarsania", ["the Black Banner Brigade", "the Highland Liberation Front"], datetime(2024, 3, 12, tzinfo=UTC)),
    ("market-bombing-bendi", ["Bendi", "Meko"], "Tandari", ["Ansar al-Sahil", "al-Qaeda", "the army"], datetime(2024, 6, 7, tzinfo=UTC)),
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
CONTEXT = (
    "The city has seen a rise in violence since {month}, when talks between the government and {group} stalled.",
    "Security forces have set up additional checkpoints on the main roads into {city} in recent weeks.",
    "Residents said shops in {district} stayed closed for the rest of the day and traffic was diverted.",
    "{country}'s parliament is due to debate an extension of the state of emergency next week.",
    "Aid agencies say more than a million people in the region depend on food assistance.",
    "The interior ministry said it had opened an investigation and that those responsible would be found.",
    "Diplomats in {city} condemned the attack and urged all sides to protect civilians.",
    "The United Nations mission said it was following the situation closely and offered medical support.",
    "Electricity was cut in parts of {district} and ambulances struggled to reach the area, witnesses said.",
    "Analysts said the attack showed the group could still strike in the heart of the city despite months of raids.",
    "Local television showed smoke rising over {district} and people carrying the wounded to private cars.",
    "The government has promised to hold elections next year, but opposition parties say security is too poor.",
    "Schools in {city} were ordered shut for two days, the education ministry said.",
    "Hospitals appealed for blood donors, and long queues formed outside the {hospital} by the afternoon.",
    "Prices of fuel and flour have risen sharply in {country} this year, adding to public anger.",
    "The attack came days before a planned visit to {city} by a delegation of foreign ministers.",
)  # fmt: skip


@dataclass(frozen=True)
class Event:
    """One incident and what the wires will say of it."""

    key: str
    city: str
    country: str
    district: str
    day: datetime
    attack: tuple[str, str, str]
    target: str
    group: str
    denier: str
    claimed: bool
    tolls: tuple[tuple[int, int], ...]  # (killed, wounded) per update, rising
    arrests: int
    police: str
    ministry: str
    hospital: str
    wire: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _city(rng: random.Random, cities: Sequence[tuple[str, str, tuple[str, ...]]]) -> tuple[str, str, tuple[str, ...]]:
    """A heavy head: the first cities of the list hold most attacks, as the capitals of a conflict do."""
    return cities[min(int(rng.paretovariate(1.2)) - 1, len(cities) - 1)] if rng.random() < 0.7 else rng.choice(cities)


def make_event(rng: random.Random, key: str, day: datetime, cities: Sequence[tuple[str, str, tuple[str, ...]]] = CITIES,
               groups: Sequence[str] = GROUPS) -> Event:  # fmt: skip
    city, country, districts = _city(rng, cities)
    killed, wounded = rng.randint(2, 40), rng.randint(5, 90)
    tolls = [(killed, wounded)]
    for _ in range(UPDATES_PER_EVENT - 1):
        killed, wounded = killed + rng.randint(1, 12), wounded + rng.randint(0, 25)
        tolls.append((killed, wounded))
    group = rng.choice(groups)
    return Event(
        key=key, city=city, country=country, district=rng.choice(districts), day=day,
        attack=rng.choice(ATTACKS), target=rng.choice(TARGETS), group=group,
        denier=rng.choice([g for g in groups if g != group] or [group]), claimed=rng.random() < 0.5,
        tolls=tuple(tolls), arrests=rng.choice((0, 0, 2, 3, 5, 11)), police=_person(rng), ministry=_person(rng),
        hospital=f"{rng.choice(LAST_NAMES)} Memorial Hospital", wire=rng.choice(WIRES),
    )  # fmt: skip


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(rng: random.Random, event: Event, update: int, history: Sequence[Event]) -> list[str]:
    """The body of one wire update: the lead and what a wire adds as the story develops."""
    killed, wounded = event.tolls[update]
    when = event.day + timedelta(days=update)
    weekday = WEEKDAYS[event.day.weekday()]
    verb, noun, subject = event.attack
    dateline = f"{event.city.upper()}, {when:%b} {when.day} ({event.wire}) -"
    on_day = f"on {weekday}" if update == 0 else f"on {weekday} {event.day:%B} {event.day.day}"
    paragraphs = [
        f"{dateline} {_cap(verb)} {event.target} in the {event.district} district of {event.city} {on_day}, "
        f"killing at least {killed} people and wounding {wounded} others, officials said.",
        f"{event.police}, a police spokesman in {event.city}, said {subject} struck as the area was busy. "
        f"The health ministry's spokesman, {event.ministry}, said {wounded} wounded people were being treated "
        f"at the {event.hospital} and other hospitals, several of them in a critical condition.",
    ]
    if update:
        before = event.tolls[update - 1][0]
        paragraphs.append(
            f"The death toll from {weekday}'s {noun} rose to {killed} from {before} after more victims died in hospital, "
            f"{event.ministry} said."
        )
    if event.claimed:
        paragraphs.append(
            f"{_cap(event.group)} claimed responsibility for the attack in a statement posted on its channels, saying its "
            f"fighters had targeted what it called enemies of the people. {_cap(event.denier)} denied any role in the attack."
        )
    else:
        paragraphs.append(
            f"No group immediately claimed responsibility. Officials blamed {event.group}, which has carried out similar "
            f"attacks in {event.country}, but {event.group} denied involvement."
        )
    if event.arrests and update:
        paragraphs.append(f"Police in {event.city} said they had arrested {event.arrests} suspects in raids overnight.")
    witness = _person(rng)
    paragraphs.append(
        f'"I heard a huge noise and then people were screaming," said {witness}, who runs a shop nearby. '
        f'"We carried the injured to cars because there were not enough ambulances."'
    )
    for old in [h for h in history if h.day < event.day - timedelta(days=UPDATES_PER_EVENT)][-3:]:
        k, w = old.tolls[-1]
        paragraphs.append(
            f"In {old.day:%B}, {old.attack[1]} on {old.target} in {old.city}'s {old.district} district killed {k} people "
            f"and wounded {w}. Authorities blamed {old.group}."
        )
    month = (event.day - timedelta(days=90)).strftime("%B")
    context = list(CONTEXT)
    rng.shuffle(context)
    fill = {"city": event.city, "district": event.district, "country": event.country, "group": event.group,
            "month": month, "hospital": event.hospital}  # fmt: skip
    target_words = rng.randint(*WORDS)
    words = sum(len(p.split()) for p in paragraphs)
    for sentence_pair in zip(context[::2], context[1::2], strict=False):
        if words >= target_words:
            break
        paragraph = " ".join(s.format(**fill) for s in sentence_pair)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    while words < target_words:  # a long analysis piece: more of the group's record elsewhere
        old_city, old_country, old_districts = rng.choice(CITIES)
        k = rng.randint(3, 60)
        paragraph = (
            f"{_cap(event.group)} has also been blamed for attacks in {old_city}, {old_country}, where {k} people were killed "
            f"in {rng.choice(old_districts)} {rng.randint(2, 9)} years ago, according to {rng.choice(WIRES)} tallies. "
            f"Security analyst {_person(rng)} said the group had moved fighters between provinces to avoid air strikes."
        )
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    editor = f"(Reporting by {_person(rng)}; Editing by {_person(rng)})"
    return [*paragraphs, editor]


def wire_reports(event: Event, rng: random.Random, history: Sequence[Event] = ()) -> Iterator[Document]:
    """Every report of ``event``: each wire update, and its copies on one to four sites."""
    for update in range(UPDATES_PER_EVENT):
        paragraphs = _paragraphs(rng, event, update, history)
        killed, wounded = event.tolls[update]
        verb, noun, _ = event.attack
        title = f"{_cap(noun)} in {event.city} kills {killed}, wounds {wounded}"
        published = event.day + timedelta(days=update, hours=rng.randint(2, 20), minutes=rng.randint(0, 59))
        slug = f"{event.key}-{update}"
        yield Document(
            "\n\n".join(paragraphs), title=title, outlet=event.wire, published=published,
            url=f"https://{event.wire.lower().replace(' ', '-')}.example/{slug}",
        )  # fmt: skip
        for site in rng.sample(SITES, rng.randint(1, 4)):
            kept = paragraphs[:-1] if rng.random() < 0.5 else paragraphs[: max(4, len(paragraphs) - 3)]
            tail = f"This story has been published from a wire agency feed without modifications to the text. ({site})"
            yield Document(
                "\n\n".join([*kept, tail]), title=f"{title} | {site}", outlet=site,
                published=published + timedelta(minutes=rng.randint(5, 240)),
                url=f"https://{site.lower().replace(' ', '-')}.example/world/{slug}",
            )  # fmt: skip


def library(count: int, *, seed: int = DEFAULT_SEED, start: datetime = datetime(2012, 1, 1, tzinfo=UTC),
            days: int = 4_600) -> Iterator[Document]:  # fmt: skip
    """``count`` reports of distinct events spread over ``days`` from ``start``."""
    rng = random.Random(seed)
    history: dict[str, list[Event]] = {}
    made = 0
    number = 0
    while made < count:
        day = start + timedelta(days=rng.randrange(days), hours=rng.randint(5, 20))
        event = make_event(rng, f"e{seed}-{number}", day)
        number += 1
        seen = history.setdefault(event.city, [])
        for doc in wire_reports(event, rng, seen):
            if made >= count:
                return
            yield doc
            made += 1
        seen.append(event)


def distractors(places: Sequence[str], actors: Sequence[str], around: datetime, count: int, *, country: str,
                seed: int = DEFAULT_SEED, spread_days: int = 120) -> Iterator[Document]:  # fmt: skip
    """``count`` reports of other incidents in ``places`` of ``country`` by or blamed on ``actors``, on other days.

    The districts are the generator's own, so a look-alike shares what other attacks in a city share
    (the city, the country, the groups, the hospitals' city), not every street of the planted event.
    Each starts more than three days from ``around`` (its later updates may come within two days
    of it, as a city's last attack still in the news does), and no report is within a day of it:
    that would be the planted event itself.
    """
    rng = random.Random(seed)
    districts = tuple(d for _, _, ds in CITIES for d in ds)
    cities = [(p, country, tuple(rng.sample([d for d in districts if d not in places], 4))) for p in places]
    history: list[Event] = []
    made = 0
    number = 0
    while made < count:
        offset = rng.choice([d for d in range(-spread_days, spread_days + 1) if abs(d) > 3])
        event = make_event(rng, f"d{seed}-{number}", around + timedelta(days=offset, hours=rng.randint(-6, 6)), cities, actors)
        number += 1
        for doc in wire_reports(event, rng, history):
            if made >= count:
                return
            yield doc
            made += 1
        history.append(event)
        history.sort(key=lambda e: e.day)
