"""Is it the same fact? The rules that keep different facts apart before figures are compared.

Two claims are one fact when they are of one kind and stance class, about the same people (or the same
munition family), at the same place and in the same event. A sentence anchored in another time ("On 2
November...", "in recent weeks", "in 2019") is background. A pair that differs in one of these ways
is *loose*: it may only ever confirm (similar sentences, figures that meet), never contradict, since a
mismatch there is far likelier two facts than a disagreement.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

from .numbers import find_numbers
from .types import Claim, Range

# Two background sentences (another attack, an earlier year) are the same fact from this
# token-set similarity (0-100) up. Calibrated on our events: different attacks named in one background
# paragraph score 38-50 ("two assaults on education institutions" vs "gunmen stormed Kabul
# University"), rewordings of one past fact 60 and more ("a week after seven soldiers were killed" vs
# "an ambush last week in which seven soldiers died").
BACKGROUND_SIMILARITY = 55
# Below this token-set similarity two sentences share next to nothing ("Three other villagers were
# injured." beside a toll of the protests); when set, every true pair in our 27 annotated events scored
# 28 or more.
MIN_SIMILARITY = 25
# An explicit date this far from the report's own date anchors a sentence in another event.
OTHER_EVENT_DAYS = 3
# What one claim's own words say (its group, site, step) and an actor's words are read once and kept,
# this many of each: a check holds every candidate against each story claim of its kind, and claims
# are frozen, so equal claims read alike.
READ_ONCE = 16_384
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
_RELATIVE_PAST = re.compile(
    r"\b(?:in|over|during) (?:the )?(?:recent|past|previous|last) (?:few )?(?:days|weeks|months|years)\b"
    r"|\b(?:last|previous) (?:week|month|year|summer|winter|spring|autumn)\b|\bearlier this (?:year|month)\b"
    r"|\b(?:years|months|weeks) ago\b|\brecent (?:attacks|assaults|bombings|weeks|months)\b|\b(?:in|since) (?:19|20)\d\d\b"
    r"|\b(?:a|one|two|three|four|several|a few) (?:weeks?|months?|years?) (?:after|before|ago|earlier)\b"
    r"|\b(?:last|previous) (?:week|month|year)\b|\b(?:the )?(?:previous|last|earlier) (?:attack|bombing|riot|quake|earthquake|sinking)\b"
    r"|\b(?:at|by) the (?:start|beginning|end) of (?:this|the|last) (?:week|month|year)\b|\bearlier this week\b"
    r"|\b(?:an|one|another|the) (?:earlier|previous|separate) (?:strike|air ?strike|raid|shooting|ambush|blast|explosion|assault|incident|clash|attack|bombing)\b"
    r"|\b(?:so far|recorded|registered|counted|reported) (?:[a-z]+ ){0,3}this year\b|\bthis year alone\b"
    # "the shooting came less than 48 hours after the school attack": the sentence tells the earlier one
    r"|\b(?:came|comes|coming)\s+(?:just |only |barely |less than |more than |about )?(?:[\w-]+ ){0,2}(?:after|since)\b"
    # the toll of a whole war is not the toll of one of its attacks: "a civil war that has killed 40,000"
    r"|\b(?:war|conflict|insurgency|uprising|campaign|bombardment|offensive)\b[^.;]{0,40}\b(?:that|which) (?:has|have|had) "
    r"(?:so far |now )?(?:killed|left|claimed|cost)\b"
    # "before Tuesday's blast, health authorities said 3,000 had been killed"
    r"|\bbefore (?:the |this |last )?(?:[\w-]+'s )?(?:blast|attack|strike|explosion|bombing|shooting|raid|massacre)\b",
    re.IGNORECASE,
)
# What kind of incident a sentence speaks of, and where it struck: "gunmen stormed the university"
# and "rockets hit the city" are two incidents. Only words that tell incidents apart: "attack",
# "blast" and "explosion" fit every incident and say nothing.
INCIDENT_WORDS: dict[str, tuple[str, ...]] = {
    "rockets": ("rocket", "katyusha", "missile", "mortar", "shelling", "artillery"),
    "shooting": ("shooting", "gunfire", "gunm", "shooter", "sniper", "opened fire", "shot dead"),
    "bombing": ("bombing", "bomber", "car bomb", "truck bomb", "suicide", " ied", "explosive device"),
    "air": ("airstrike", "air strike", "air raid", "drone", "warplane"),
    "stabbing": ("stabbing", "knife attack", "stabbed"),
    "unrest": ("riot", "protest", "demonstrat", "stampede", "crush"),
    "crash": ("crash", "derail", "collision", "capsiz", "sank", "sinking"),
    "disaster": ("earthquake", "quake", "flood", "cyclone", "landslide", "hurricane", "typhoon", "collapse"),
    "university": ("universit", "campus", "college"),
    "school": ("school",),
    "worship": ("mosque", "church", "temple", "synagogue", "shrine", "seminary"),
    "market": ("market", "bazaar"),
    "station": ("bus station", "bus terminal", "railway station", "train station"),
    "hotel": ("hotel",),
    "prison": ("prison", "jail"),
    "wedding": ("wedding", "funeral"),
    "parade": ("parade",),
}


# The first entries of INCIDENT_WORDS say what happened; the others where it struck.
INCIDENT_TYPES = frozenset({"rockets", "shooting", "bombing", "air", "stabbing", "unrest", "crash", "disaster"})


@lru_cache(maxsize=65_536)
def incident_signature(text: str, lead: str = "") -> frozenset[str]:
    """The incident words of a sentence ("rockets", "university", ...), what it leaves unsaid taken from
    the lead of its report: "the toll rose to 10" is about whatever the lead says happened."""
    folded = " " + text.lower()
    own = frozenset(name for name, stems in INCIDENT_WORDS.items() if any(stem in folded for stem in stems))
    if not lead:
        return own
    from_lead = incident_signature(lead)
    types, targets = own & INCIDENT_TYPES, own - INCIDENT_TYPES
    return (types or from_lead & INCIDENT_TYPES) | (targets or from_lead - INCIDENT_TYPES)


def other_incident(a: frozenset[str], b: frozenset[str]) -> bool:
    """Possibly two incidents: both say what happened and share none of it ("gunmen" beside "rockets"),
    or neither shares what happened and both name where it struck, apart ("a bus station", "the hotel")."""
    types_a, types_b = a & INCIDENT_TYPES, b & INCIDENT_TYPES
    if types_a & types_b:
        return False
    if types_a and types_b:
        return True
    targets_a, targets_b = a - INCIDENT_TYPES, b - INCIDENT_TYPES
    return bool(targets_a and targets_b and not targets_a & targets_b)
# A month named in a sentence ("On 2 November", "the March attack", "in late October"). Case matters:
# "may" is a verb and "march" a walk, so only capitalised month names count.
_YEAR = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d/]|-\d)")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|before|through|ahead of|end of|next)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE)
_CUMULATIVE = re.compile(r"\bsince\b[^.;]{0,60}\b(?:began|started|erupted|broke out|first)\s+$", re.IGNORECASE)
_EXPLICIT_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2}) )?\b(?P<m>" + "|".join(m.capitalize() for m in _MONTHS) + r")\b\.?(?: (?P<d2>\d{1,2})\b)?"
)
# A capital stands for its country in news copy ("Tehran denied any role").
CAPITALS = {
    "qaida": "qaeda",
    "tehran": "iran", "moscow": "russia", "kremlin": "russia", "kyiv": "ukraine", "kiev": "ukraine",
    "washington": "united", "beijing": "china", "jerusalem": "israel", "damascus": "syria", "baghdad": "iraq",
    "kabul": "afghanistan", "islamabad": "pakistan", "delhi": "india", "ankara": "turkey", "riyadh": "saudi",
    "cairo": "egypt", "beirut": "lebanon", "sanaa": "yemen", "tripoli": "libya", "khartoum": "sudan",
    "kinshasa": "congo", "kigali": "rwanda", "nairobi": "kenya", "addis": "ethiopia", "abuja": "nigeria",
    "pyongyang": "north", "seoul": "south", "tokyo": "japan", "paris": "france", "london": "britain",
    "berlin": "germany", "minsk": "belarus", "caracas": "venezuela", "havana": "cuba", "doha": "qatar",
}  # fmt: skip
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b(?!-)")  # not "ISIL-linked": an affiliation, not the name
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+)?[A-Z][\w'’]*)+")


def _initials(text: str) -> set[str]:
    """Acronyms a name spells: "Allied Democratic Forces" -> ADF, "Forces for the Defence of X" -> FDX too."""
    out: set[str] = set()
    for run in _CAPITALISED_RUN.findall(text):
        words = run.split()
        words = words[1:] if words[0] in ("The", "A", "An") else words
        out.add("".join(w[0] for w in words if w[0].isupper()))
        out.add("".join(w[0].upper() for w in words))
    return out
# "Iran-aligned", "Russia-backed": the group's patron, not the group ("Al Qaeda-linked" stays: an affiliate)
_TIED_TO = re.compile(r"\b[\w'.]+-(?:aligned|backed|allied|supported|sponsored|funded|armed)\b", re.IGNORECASE)
_ACTOR_STOP = frozenset(
    ["the", "a", "an", "of", "and", "its", "his", "her", "their", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "group", "leader", "head", "chief", "minister", "ministry", "interior", "president", "prime", "general", "manager", "said", "says", "in", "on", "statement", "local", "some", "main", "opposition", "party", "movement", "banned", "outlawed", "armed", "militant", "rebel", "regional", "provincial", "national", "federal", "affiliate", "affiliated", "branch", "wing", "faction", "cell", "offshoot", "local"]
)


@lru_cache(maxsize=65_536)
def is_background(sentence: str, published: datetime | None) -> bool:
    """Does the sentence speak of another event: a relative past, or a date away from publication?"""
    for m in _RELATIVE_PAST.finditer(sentence):
        # "since the protests began last week" counts up to now: the same event, not another one
        if not _CUMULATIVE.search(sentence[: m.start()]):
            return True
    if published is None:
        return False
    for m in _YEAR.finditer(sentence):
        if int(m.group(1)) < published.year and not _DEADLINE_BEFORE.search(sentence[: m.start()]):
            return True  # "a gas leak in May 2020", "the 2019 riot"
    for m in _EXPLICIT_DATE.finditer(sentence):
        month = _MONTHS[m.group("m").lower()]
        day = int(m.group("d1") or m.group("d2") or 0)
        if m.group("m") == "May" and not day:
            continue
        if _DEADLINE_BEFORE.search(sentence[: m.start()]):
            continue  # "by 31 December", "until March": a deadline ahead, not another event behind
        year = published.year if month <= published.month else published.year - 1
        try:
            when = datetime(year, month, day or 15, tzinfo=published.tzinfo)
        except ValueError:
            continue
        if day and abs((published - when).days) > OTHER_EVENT_DAYS:
            return True
        if not day and month != published.month:
            return True  # "In January" in a February report: another month, another event
    return False


@lru_cache(maxsize=READ_ONCE)
def _actor_tokens(actor: str) -> frozenset[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", actor.lower()) if not unicodedata.combining(c))
    folded = _TIED_TO.sub(" ", folded)
    words = [CAPITALS.get(w, w) for w in re.findall(r"[a-z][a-z0-9]*", folded)]
    return frozenset(w[:5] for w in words if w not in _ACTOR_STOP and len(w) > 2)


def _plain(actor: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", actor.strip().lower())


@lru_cache(maxsize=READ_ONCE)
def actors_compatible(a: str, b: str) -> bool:
    """Same actor? One's significant words (stemmed to five letters: "Israel" ~ "Israeli") within the
    other's, or most of them shared; two different acronyms ("ZLA", "TIZ") are two groups, whatever
    place name their full names share."""
    a, b = _TIED_TO.sub(" ", a), _TIED_TO.sub(" ", b)
    acronyms_a, acronyms_b = set(_ACRONYM.findall(a)), set(_ACRONYM.findall(b))
    if acronyms_a & acronyms_b or acronyms_a & _initials(b) or acronyms_b & _initials(a):
        return True  # "the ADF" is "the Allied Democratic Forces"
    if acronyms_a and acronyms_b:
        return False
    ta, tb = _actor_tokens(a), _actor_tokens(b)
    if not ta or not tb:
        # only generic words ("the ministry", "officials"): the same words name the same actor
        return _plain(a) == _plain(b) != ""
    shared = ta & tb
    return shared in (ta, tb) or len(shared) / len(ta | tb) >= 0.5


def stance_class(claim: Claim) -> str:
    """Stances that speak of the same fact: troops deployed and troops present are one figure.

    A part ("including five children") is the same kind of fact as its total; ``_same_fact``
    only lets the two confirm each other.
    """
    if claim.kind == "responsibility":
        return "attribution"
    return {"deploy": "presence", "level": "presence", "part": ""}.get(claim.stance, claim.stance)


def _is_zero(claim: Claim) -> bool:
    return claim.value is not None and claim.value.low == 0 and claim.value.high == 0


# How a source claim relates to a story claim (``fact_link``): the same fact; a related figure that may
# only partly confirm (a part, a sub-group, another munition family or army); a figure that is possibly
# about another incident (may confirm only when the sentences read alike); or no link.
SAME, PARTIAL, INCIDENT = "same", "partial", "incident"


def same_fact(
    story: Claim,
    other: Claim,
    *,
    story_background: bool,
    other_background: bool,
    similarity: float,
    story_names: frozenset[str] = frozenset(),
    other_incident: bool = False,
) -> bool:
    """Do the two claims speak of one fact? (``fact_link`` says how.)"""
    return bool(
        fact_link(
            story, other, story_background=story_background, other_background=other_background,
            similarity=similarity, story_names=story_names, other_incident=other_incident,
        )
    )


def fact_link(
    story: Claim,
    other: Claim,
    *,
    story_background: bool,
    other_background: bool,
    similarity: float,
    story_names: frozenset[str] = frozenset(),
    other_incident: bool = False,
) -> str:
    """How the two claims speak of one fact: ``SAME``, ``PARTIAL``, ``INCIDENT`` or "" (not one fact).

    Loose pairs only ever confirm, never contradict. A loose pair is a background sentence beside a
    sentence about this event, another place, or another incident (``other_incident``: the incident
    nouns of the two sentences differ, "gunmen stormed the university" beside "rockets hit the city");
    such a pair is the same fact only when the sentences read alike and the figures meet (``INCIDENT``).
    A part ("including five children", "48 of them", "five died at the scene") beside a total, a zero
    ("no-one at the embassy") beside a toll, or two parts ("nine in Bhola alone", "two killed there") are
    loose the same way but can only be a ``PARTIAL`` confirmation. Another group of the same toll
    ("peacekeepers" beside "wounded") may confirm partly when the figures meet; groups that never meet
    (attackers and their victims, children and police, American and foreign troops) are never one fact.
    ``story_names`` (the capitalised words of the whole story) tell a place the story speaks of
    elsewhere ("near Mumbai") from a place it never names.
    """
    if other.kind != story.kind or stance_class(other) != stance_class(story):
        return ""
    if similarity < MIN_SIMILARITY and story.kind != "responsibility":
        return ""
    if story_background and other_background and similarity < BACKGROUND_SIMILARITY:
        return ""
    if story.kind == "responsibility":
        return "" if other_incident else SAME
    groups = (group(story), group(other)) if story.kind in CASUALTY_KINDS else ("all", "all")
    # the attackers are never among the people an attack killed, but they are among those arrested
    arrested = story.kind == "arrested" and "all" in groups
    if not (arrested or groups_meet(*groups)):
        return ""
    elsewhere = (
        story_background != other_background
        or other_incident
        or _other_place(story.sentence, other.sentence, frozenset() if story.kind == "munitions" else story_names)
    )
    # one person arrested is the count of one arrest: "the 36-year-old was arrested" beside "a suspect was detained"
    persons = (is_person(story) or is_person(other)) and not (story.kind == "arrested" and _one(story) and _one(other))
    part = (
        _is_zero(story) != _is_zero(other) or _part(story) or _part(other) or site(story) != site(other)
        or persons or (is_step(other) and not (is_step(story) and _same_figure(story.value, other.value)))
    )
    other_group = (
        not same_group(*groups)
        or (story.kind == "munitions" and not _same_family(story.noun, other.noun))
        or (story.kind == "troops" and not _same_troops(story.noun, other.noun))
        or (story.kind == "troops" and bool(story.actor and other.actor) and not actors_compatible(story.actor, other.actor))
    )
    if not (elsewhere or part or other_group):
        return SAME
    if elsewhere or part:
        if similarity >= BACKGROUND_SIMILARITY and _same_figure(story.value, other.value):
            return INCIDENT if elsewhere else PARTIAL
        # "among them two police officers" beside "two police officers were killed": the same named
        # group counted alike confirms partly however differently the sentences read
        if not elsewhere and groups[0] == groups[1] != "all" and _same_figure(story.value, other.value):
            return PARTIAL
        return ""
    # another group of the same event ("peacekeepers" beside "wounded"): may confirm, never contradict
    meets = bool(
        story.value and other.value and "vague" not in (story.value.qualifier, other.value.qualifier)
        and story.value.overlaps(other.value)
    )
    return PARTIAL if meets else ""


def _same_figure(a: Range | None, b: Range | None) -> bool:
    """Both figures bounded and meeting: what a loose pair needs, since it may only ever confirm."""
    if a is None or b is None or "vague" in (a.qualifier, b.qualifier):
        return False  # "several" or "dozens" is too loose to tie two facts together
    if None in (a.low, a.high, b.low, b.high):
        return (a.low, a.high) == (b.low, b.high)  # "more than 70" beside "more than 70", never beside "80"
    return a.overlaps(b)


CASUALTY_KINDS = frozenset({"killed", "injured", "arrested"})
# Nouns that say nothing about who was counted: "8 people", "30 others", "dozens more".
_GENERIC_NOUNS = frozenset(
    {"", "people", "persons", "person", "others", "other people", "more", "individuals", "victims", "dead",
     "deaths", "fatalities", "casualties", "injuries", "arrests", "detentions", "bodies", "adults", "civilians"}
)
# Who a figure counts, folded to one group word: "U.S. Marines" and "American troops" are both
# troops; "gunmen" and "militants" are the attackers, who are never among the people an attack killed.
# Checked in this order, so "police officers" are police before "officers" could mean anything else.
_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attackers", ("attacker", "assailant", "gunm", "militant", "insurgent", "bomber", "terrorist", "hijacker",
                   "jihadist", "rebel", "fighter", "raider", "shooter", "perpetrator")),
    ("police", ("police", "policem", "policewom", "officer", "constable", "cop", "gendarme", "agent", "element")),
    ("troops", ("soldier", "troop", "servicem", "service member", "servicewom", "marine", "sailor", "airm",
                "peacekeeper", "personnel", "commando", "paratrooper", "guardsm")),
    ("children", ("child", "kid", "boy", "girl", "bab", "infant", "minor", "toddler", "schoolchild", "pupil", "teen")),
    ("women", ("women", "woman")),
    ("students", ("student",)),
    ("journalists", ("journalist", "reporter", "photographer", "cameram")),
    ("foreigners", ("foreigner", "tourist", "expatriate")),
    ("staff", ("staff", "employee", "guard", "aid worker", "medic", "doctor", "nurse")),
)
# Whose troops or officers: a nationality or force word before the group noun ("U.S. Marines",
# "foreign soldiers", "coalition troops"). Marines are named as a force of their own.
_FORCE = re.compile(r"\b(marines?|peacekeep\w*)\b")
_WHOSE = re.compile(r"\b(u\.?s\.?|us|american|foreign|coalition|nato|un|[a-z]+(?:an|ish|ese|i))\b\.?\s+(?:[a-z]+\s+)?$")
_ALIASES = {"u.s.": "american", "us": "american", "u.s": "american", "usa": "american", "america": "american"}
# "9, all of them foreign soldiers": the group named after the figure when its noun says nothing.
_ALL_OF_THEM = re.compile(r"^[^,.;]{0,3},?\s*(?:all|both|each|mostly|most)\b(?: of (?:them|whom))?\s*(?:were\s+)?((?:[\w.]+\s+){0,2}[\w.]+)")
# "killed 11 U.S. soldiers" read with no noun: the words right after the figure.
_NEXT_WORDS = re.compile(r"^\s+((?:[\w.]+\s+){0,2}[\w]+)")
# Where a toll was counted when it is only a part of it: "died at the scene", "bodies brought to hospital".
_SITES = (
    ("scene", re.compile(r"\b(?:at|on) the (?:scene|spot)\b|\bon the spot\b", re.IGNORECASE)),
    # "seven victims were found there", "seven were found inside and one more outside": one place's count
    ("place", re.compile(r"\b(?:there|inside|outside)\b", re.IGNORECASE)),
    ("hospital", re.compile(r"\b(?:in|at|to) (?:a |the )?(?:nearby |local |city )?hospitals?\b", re.IGNORECASE)),
)
# The clause a figure stands in ends at a comma or a new clause: in "has risen to 17, after three of the
# wounded died in hospital" the hospital is not where the 17 were counted.
_CLAUSE_END = re.compile(r"[,;:]| (?:after|while|but|when|as|because|before)\b|\. ")
# "three remain hospitalized": the injured still in hospital are a part of all the injured.
_STILL_IN_HOSPITAL = re.compile(r"^\S+(?: \w+){0,3} (?:remain|remains|are still|were still|still)\b(?: in)? hospitali?[sz]?(?:ed)?", re.IGNORECASE)


def _figure_offset(claim: Claim) -> int:
    """Where the figure stands within the claim's sentence (spans index the whole text)."""
    start = claim.span[0] - claim.sentence_span[0]
    return start if 0 <= start < len(claim.sentence) else 0


# "13 Americans", "at least 60 Afghans": a people named by its demonym (capitalised, right after the figure)
_DEMONYM = re.compile(r"^\s+(?:(?:more|other|[a-z]+)\s+)?([A-Z][a-z]+(?:ans|ians|is|ese|ons|ards|ish|ch))\b")
_NOT_DEMONYMS = frozenset({"muslims", "christians", "veterans", "this", "thais"})


@lru_cache(maxsize=READ_ONCE)
def group(claim: Claim) -> str:
    """Who a figure counts, normalised: "all" for a toll of people in general, else "children", "police",
    "attackers", "troops:american" (a force or nationality after the colon), "women", ...

    The noun the extractor found decides; when it says nothing ("killed 9"), a group named right after
    the figure ("9, all of them foreign soldiers") does.

    >>> group(Claim("c1", "killed", None, "Two U.S. Marines were killed.", (0, 3), (0, 29), noun="marines", actor="U.S."))
    'troops:marines'
    """
    noun = claim.noun.lower().strip()
    text = noun
    if noun in _GENERIC_NOUNS:
        after = claim.sentence[_figure_offset(claim):]
        after = after[len(claim.value.text) if claim.value else 0 :]
        m = _ALL_OF_THEM.search(after) or _NEXT_WORDS.search(after)
        text = m.group(1).lower() if m else ""
    for name, stems in _GROUP_WORDS:
        if any(stem in text for stem in stems):
            if name in {"troops", "police"}:
                return f"{name}:{_whose(claim, text)}"
            return name
    at = _figure_offset(claim) + (len(claim.value.text) if claim.value else 0)
    nation = _DEMONYM.match(claim.sentence[at : at + 60])
    if nation and nation.group(1).lower() not in _NOT_DEMONYMS:
        return f"people:{nation.group(1).lower()[:5]}"
    return "all"


def _whose(claim: Claim, noun: str) -> str:
    force = _FORCE.search(noun)
    if force:
        return "marines" if force.group(1).startswith("marine") else "peacekeepers"
    actor = claim.actor.lower().strip().rstrip(".")
    if actor:
        return _ALIASES.get(actor, _ALIASES.get(actor + ".", actor.split()[-1]))
    before = claim.sentence[: _figure_offset(claim) + len(claim.value.text if claim.value else "")].lower()
    words = claim.sentence.lower()
    at = words.find(noun.split()[-1], len(before)) if noun else -1
    m = _WHOSE.search(words[len(before) : at]) if at > 0 else None
    if m is None:
        m = _WHOSE.search(noun + " ") if " " in noun else None
    return _ALIASES.get(m.group(1), m.group(1)) if m else ""


# "five patients were taken to Truman Medical Center": one hospital's count, a part of the injured.
_NAMED_HOSPITAL = re.compile(r"\b(?:to|at|in|into)\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s+){1,5}(?:Hospital|Medical Cent(?:er|re)|Infirmary|Clinic)\b")


@lru_cache(maxsize=READ_ONCE)
def site(claim: Claim) -> str:
    """Where a death toll was counted when that makes it a part ("five died at the scene"), else "".

    Only deaths: "30 wounded were taken to hospital" is the usual whole count of the injured.
    """
    clause = claim.sentence[_figure_offset(claim) :]
    if _STILL_IN_HOSPITAL.match(clause):
        return "hospital"
    end = _CLAUSE_END.search(clause)
    if claim.kind == "injured" and _NAMED_HOSPITAL.search(clause[: end.start()] if end else clause):
        return "hospital"
    if claim.kind != "killed":
        return ""
    clause = clause[: end.start()] if end else clause
    found = [(m.start(), name) for name, pattern in _SITES if (m := pattern.search(clause))]
    return min(found)[1] if found else ""


def groups_meet(a: str, b: str) -> bool:
    """May figures of groups ``a`` and ``b`` ever be one fact? The whole toll meets its parts (which
    only confirm); attackers meet only attackers; two different parts never meet; troops of no named
    army meet any army's troops."""
    if a == b or "all" in (a, b) and "attackers" not in (a, b):
        return True
    ka, _, wa = a.partition(":")
    kb, _, wb = b.partition(":")
    return ka == kb and (not wa or not wb)


def same_group(a: str, b: str) -> bool:
    """The same people counted (not just a part beside its whole)."""
    if a == b:
        return True
    ka, _, wa = a.partition(":")
    kb, _, wb = b.partition(":")
    return ka == kb and (not wa or not wb)


# Munitions of one family are one count however outlets name them ("mortars", "rockets", "shells").
MUNITION_FAMILIES = {
    "mortars and shells": ("mortar", "shell", "artillery", "howitzer"),
    "rockets and missiles": ("rocket", "katyusha", "missile", "projectile", "grad"),
    "air-dropped": ("bomb", "airstrike", "air strike"),
    "drones": ("drone",),
    "tear gas": ("canister", "tear gas"),
    "small arms": ("bullet", "round"),
    "grenades": ("grenade",),
}


def _family(noun: str) -> str:
    for family, stems in MUNITION_FAMILIES.items():
        if any(stem in noun for stem in stems):
            return family
    return ""


def _same_family(a: str, b: str) -> bool:
    fa, fb = _family(a), _family(b)
    return not fa or not fb or fa == fb


_PLACE = re.compile(r"\b(?:in|at|near|towards?|outside|across|into|on|to|from)\s+((?:[\w'-]+[ ,]*){1,5})")
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")
_NOT_PLACES = frozenset(_MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
}  # fmt: skip


@lru_cache(maxsize=65_536)
def _places(sentence: str) -> frozenset[str]:
    """Names standing after a place preposition ("in Port Adaku", "towards the port city of Selvan")."""
    names: set[str] = set()
    for m in _PLACE.finditer(sentence):
        names.update(w.lower() for w in _CAPITALISED.findall(m.group(1)) if w.lower() not in _NOT_PLACES)
    return frozenset(names)


@lru_cache(maxsize=65_536)
def _names(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _CAPITALISED.findall(sentence))


def _other_place(a: str, b: str, story_names: frozenset[str] = frozenset()) -> bool:
    """Both sentences name where it happened, neither names the other's place, and the story never
    names the source's place either (munitions pass no story names: targets differ within one event)."""
    pa, pb = _places(a), _places(b)
    return bool(pa and pb and not pa & _names(b) and not pb & _names(a) and not pb & story_names)


def story_names(text: str) -> frozenset[str]:
    """The capitalised words of a whole story, for ``same_fact``."""
    return _names(text)


# Words for troops in general; "peacekeepers" or "instructors" are a particular force.
_GENERIC_TROOPS = frozenset({"", "troops", "soldiers", "forces", "personnel", "military personnel", "elements", "servicemen"})


def _same_troops(a: str, b: str) -> bool:
    if a in _GENERIC_TROOPS and b in _GENERIC_TROOPS:
        return True
    return a.rstrip("s") == b.rstrip("s")


def _part(claim: Claim) -> bool:
    return claim.stance == "part"


_STEP_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra)\s+$", re.IGNORECASE)
_STEP_AFTER = re.compile(r"^\s+(?:more|further|additional|extra)\b", re.IGNORECASE)


@lru_cache(maxsize=READ_ONCE)
def is_step(claim: Claim) -> bool:
    """A step of a toll, not a toll: "another 89 deaths", "three more people died", "a further 12 arrests".

    Read in sources only: a source's step beside the story's total is a part of it, never a rival
    figure. The story's own "another 13 were wounded" is usually its count of the others (after a
    toll of the killed), so it is checked as a figure."""
    if claim.value is None:
        return False
    at = _figure_offset(claim)
    before, after = claim.sentence[:at], claim.sentence[at + len(claim.value.text) :]
    if _STEP_BEFORE.search(before):
        return True
    # "killed eight people and injured 13 more": after a figure of its own, "more" means others, not a step
    earlier = any(m.category == "count" and not _STEP_AFTER.match(before[m.end :]) for m in find_numbers(before))
    return bool(_STEP_AFTER.match(after)) and not earlier


# A figure the report itself gives as an earlier count: "police had at first reported six fatalities",
# "he had also said 22 people lost their lives", "the previous toll of 12".
_EARLIER_COUNT = re.compile(
    r"\b(?:had (?:also |earlier |initially |first |previously |originally )?(?:said|put|given|reported|announced|confirmed|estimated|"
    r"counted|recorded|stood at|registered)|at first|initially|originally|previously|"
    r"first (?:put|gave|reported|said|announced|counted)|(?:previous|earlier|initial|first|original|old) (?:death )?"
    r"(?:toll|figure|count|tally|estimate)s?)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[;:]|,\s+(?:but|while|and|whereas)\b|\b(?:but|while|whereas|now)\b")


def told_as_earlier(claim: Claim) -> bool:
    """Does the sentence give this figure as a count that was later changed? Such a figure is history:
    it never contradicts a current one."""
    if claim.value is None:
        return False
    before = claim.sentence[: _figure_offset(claim)]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return bool(_EARLIER_COUNT.search(before[starts[-1] if starts else 0 :]))


_FROM_TO = re.compile(
    r"\bfrom\s+(?:about |around |some |roughly |nearly )?(\d[\d,]*)\b(?:\s+[\w-]+){0,3}?\s+to\s+(?:about |around |some |roughly |nearly )?(\d[\d,]*)\b"
)


def other_end(claim: Claim) -> float | None:
    """The other figure of "from 4,500 to 2,500" when the claim's figure is one end of it: the
    sentence tells both the old and the new figure, so neither contradicts the other."""
    if claim.value is None:
        return None
    at = _figure_offset(claim)
    for m in _FROM_TO.finditer(claim.sentence):
        ends = ((m.start(1), m.group(2)), (m.start(2), m.group(1)))
        for start, other in ends:
            if abs(start - at) <= len(claim.value.text):
                return float(other.replace(",", ""))
    return None


def _one(claim: Claim) -> bool:
    return claim.value is not None and claim.value.low == claim.value.high == 1


_NUMBER_WORD_ONE = re.compile(r"^\s*(?:(?:at least|only|just|about)\s+)?(?:one|a single|1)\s*$", re.IGNORECASE)


def is_person(claim: Claim) -> bool:
    """One person named or described, not a count ("a 9-year-old was killed", "Mr Crimo was arrested"):
    beside a toll it is a part of it, never a rival figure; beside another person it is the same fact
    only when the sentences read alike."""
    value = claim.value
    return bool(
        value is not None and value.low == value.high == 1 and bool(re.search(r"[A-Za-z]{2,}", value.text))
        and not _NUMBER_WORD_ONE.match(value.text)
    )


# Two incidents when the days they happened on lie further apart than this: "late on Friday" and
# "early on Saturday" can be one night's attack.
INCIDENT_DAYS_APART = 1
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A dateline ("KABUL, Nov 23 (Wire) -") dates the report, not the incident: a later toll carries one.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'()-]{1,40}(?:,[^-–—]{0,40})?\s+[-–—]+\s+")
_DAY_WORDS = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?P<rel>yesterday|overnight|today|tonight|this morning)\b"
)


# A day named after these words is when something was said or counted, not when the incident happened:
# "the Pentagon announced Monday", "as of Monday", "the toll rose to 58 on Tuesday".
_NOT_INCIDENT_DAY = re.compile(
    r"\b(?:said|says|say|announced|told|reported|confirmed|added|statement|as of|rose|risen|climbed|reached|revised|"
    r"denied|claimed|blamed|accused|"
    r"by|until|since|updated|stood)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def _weekday_day(published: datetime, weekday: str) -> datetime:
    """The last ``weekday`` on or before ``published``; the day after a report's UTC date is the local
    "today" east of Greenwich, not six days ago."""
    back = (published.weekday() - _WEEKDAYS.index(weekday.lower())) % 7
    return published + timedelta(days=1) if back == 6 else published - timedelta(days=back)


def _dated(published: datetime, month: int, day: int) -> datetime | None:
    """"21 November" read from ``published``: this year's, or last year's when that month is still to come."""
    year = published.year if month <= published.month else published.year - 1
    try:
        return datetime(year, month, day, tzinfo=published.tzinfo)
    except ValueError:
        return None


def _explicit_day(text: str, published: datetime) -> tuple[int, datetime] | None:
    """The first dated day in ``text`` ("21 November", "Nov 23") and where it stands, read from ``published``."""
    for d in _EXPLICIT_DATE.finditer(text):
        day = int(d.group("d1") or d.group("d2") or 0)
        month = _MONTHS[d.group("m").lower()]
        if not day or _DEADLINE_BEFORE.search(text[: d.start()]) or _NOT_INCIDENT_DAY.search(text[max(0, d.start() - 40) : d.start()]):
            continue
        found = _dated(published, month, day)
        if found is not None:
            return d.start(), found
    return None


@lru_cache(maxsize=65_536)
def incident_day(sentence: str, published: datetime | None) -> datetime | None:
    """The day a sentence says its incident happened ("on Saturday", "Tuesday's attack", "yesterday",
    "on 21 November"), read from its report's date (or its dateline's); None when it does not say."""
    if published is None:
        return None
    dateline = _DATELINE.match(sentence)
    text = sentence[dateline.end() :] if dateline else sentence
    dated = _explicit_day(dateline.group(0), published) if dateline else None
    if dated is not None:
        published = dated[1]  # "LABUAN RAYA, May 21 - ... on Tuesday": the Tuesday before the dateline's day
    found: list[tuple[int, datetime]] = []
    m = next((w for w in _DAY_WORDS.finditer(text) if not _NOT_INCIDENT_DAY.search(text[max(0, w.start() - 40) : w.start()])), None)
    if m and m.group("wd"):
        found.append((m.start(), _weekday_day(published, m.group("wd"))))
    elif m:
        found.append((m.start(), published - timedelta(days=1 if m.group("rel") == "yesterday" else 0)))
    explicit = _explicit_day(text, published) if dateline is None or text else None
    if explicit is not None:
        found.append(explicit)
    return min(found)[1] if found else None


@lru_cache(maxsize=4096)
def named_days(text: str, published: datetime | None) -> frozenset[date]:
    """Every day a text names ("on June 22", "on Sunday"), read from its date: a claim of
    responsibility is dated by the claim, and may name the attack's day only further on."""
    if published is None:
        return frozenset()
    days = {_weekday_day(published, m.group("wd")) for m in _DAY_WORDS.finditer(text) if m.group("wd")}
    for d in _EXPLICIT_DATE.finditer(text):
        day = int(d.group("d1") or d.group("d2") or 0)
        dated = _dated(published, _MONTHS[d.group("m").lower()], day) if day else None
        if dated is not None:
            days.add(dated)
    return frozenset(x.date() for x in days)


def days_apart(a: datetime | None, b: datetime | None) -> bool:
    """Two incident days further apart than ``INCIDENT_DAYS_APART``: two incidents."""
    return a is not None and b is not None and abs((a.date() - b.date()).days) > INCIDENT_DAYS_APART
