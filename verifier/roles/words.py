"""The words the role reader knows: auxiliaries, tally verbs, people, and the two objects it passes
around (``Tokens`` of a sentence, a ``Decision`` about one figure or person)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..types import Range

# Words that may stand between a counted noun phrase and its verb ("were later confirmed killed").
AUXILIARIES = frozenset(
    "was were is are be been being has have had will would may might could must reportedly also later earlier "
    "now all both each allegedly reported confirmed believed feared known thought initially subsequently "
    "eventually since already then ultimately tragically apparently so far either critically seriously "
    "fatally badly slightly severely gravely mortally lightly moderately being later left still both".split()
)


# Verbs in the past without "-ed": a subject's noun phrase ends before them ("an officer told the BBC that").
IRREGULAR_PAST = frozenset(
    "told said went took gave came saw made got held found brought fought began ran put set fled shot struck "
    "hit threw drove rode flew fell stood sat lay led kept met paid sent spent spoke stole swore tore understood "
    "woke wore won wrote knew grew drew blew broke chose froze rose sold sought taught thought caught bought "
    "felt heard lost meant left says tells".split()
)


# Words a counted noun phrase may hold before its verb ("Two crew members of the Silver Dawn were killed").
SUBJECT_MAX_WORDS = 7


BE_FORMS = frozenset("was were is are be been being".split())


FAMILY = re.compile(r"^(?:mother|father|parent|grandmother|grandfather|mom|dad)$", re.IGNORECASE)


RAISING = frozenset("believed thought said reported known feared understood expected alleged".split())


CLAUSE_AUX = frozenset("has have had was were is are".split())


MODIFIER_VERBS = frozenset("suspected accused wanted believed charged".split())


# Determiners and pronouns that start an object: after a verb they make the figure before it an agent.
OBJECT_START = frozenset("a an the his her their its two three four five six seven eight nine ten at more".split())


# Words standing between an active verb and its figure ("killing another three", "a total of").
OBJECT_BRIDGE = frozenset("another a further an additional total of all some least at more than nearly about around the his her their".split())


TALLY_VERBS = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|reached|reaches|"
    r"hit|hits|topped|tops|top|exceeded|exceeds|surpassed|surpasses|passed|crossed|stands? at|stood at|"
    r"now at|put (?:the \w+ )?at|puts (?:the \w+ )?at|numbered|numbers|gone up|went up|goes up|doubled|tripled|soared|surged|"
    r"mounted|swelled|grew|grown|bringing the (?:total|toll|number|tally|count)(?: \w+){0,3}|taking the (?:total|toll|number|tally)(?: \w+){0,3}"
    r"|runs into|ran into|run into|up from|down from)\s+(?:to\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


# Words that make a tally only after a cue noun ("the toll of 27", "the dead now at 31", "from 38 to 52"),
# never after a verb ("killed about 600 people and left tens of thousands homeless").
# A weak tally word counts only this close to its cue noun ("the toll of 27", "toll rose from 38").
WEAK_TALLY_WORDS = 3


WEAK_TALLY = re.compile(r"\b(?:from|to|at|of|was|is|now|were|are)\s+$", re.IGNORECASE)


# Tally verbs that put the count past the figure ("the injured now top 100").
BEYOND = re.compile(r"\b(?:top|tops|topped|exceeds?|exceeded|surpass(?:es|ed)?|pass(?:es|ed)|cross(?:es|ed))\s+$", re.IGNORECASE)


ANAPHORIC_TALLY = re.compile(
    r"\b(?:the|that|this)\s+(?:figure|number|count|tally|total)\b[^.;,]{0,60}$", re.IGNORECASE
)


CLAUSE_STOP = re.compile(r"[;:.!?]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|after|before|when|because|although)\b")


# Singular people a sentence may count without a numeral ("a teenager died", "the suspect was held").
SINGLE_PERSON = (
    "man|woman|boy|girl|child|teenager|teen|toddler|baby|infant|person|resident|driver|passenger|motorist|"
    "cyclist|pedestrian|officer|deputy|trooper|soldier|policeman|policewoman|constable|worker|student|victim|"
    "suspect|gunman|shooter|attacker|assailant|bomber|militant|civilian|journalist|guard|employee|bystander|"
    "farmer|fisherman|nurse|doctor|pilot|youth|juvenile|minor|inmate|prisoner|protester|protestor|demonstrator|"
    "fan|tourist|shopkeeper|trader|vendor|guest|customer|villager|commander|motorcyclist|rider|sergeant|"
    "firefighter|paramedic|security guard|teacher|pupil|worshipper|pilgrim|hostage|occupant|homeowner|neighbou?r|"
    "mother|father|son|daughter|wife|husband|brother|sister|grandmother|grandfather|mom|dad|nephew|niece|cousin|"
    "uncle|aunt|envoy|ambassador|diplomat|mayor|governor|"
    "boyfriend|girlfriend|partner|mastermind|ringleader|boss|kingpin|accused|priest|serviceman|servicewoman|"
    "contractor|interpreter|porter|climber|expert|official|councillor|lawmaker|politician|captain|co-pilot|"
    "conductor|crew member|aid worker|medic|leader|prayer leader|aide|imam|cleric|chief|bodyguard|good samaritan|samaritan|"
    "perpetrator|"
    "\\d{1,3}-year-old"
)


PERSON_NOUNS = re.compile(
    r"^(?:people|persons|men|women|children|kids|teens|teenagers|boys|girls|adults|civilians|others|victims|"
    r"residents|students|workers|officers|police(?:men)?|soldiers|troops|militants|fighters|gunmen|attackers|"
    r"suspects|protesters|demonstrators|passengers|pilgrims|worshippers|migrants|refugees|villagers|"
    r"bystanders|members|journalists|patients|personnel|inmates|prisoners|detainees|miners|crew|fans|"
    r"spectators|deputies|troopers|guards|staff|employees|individuals|family|relatives|infants|babies|"
    r"toddlers|pupils|youths|juveniles|minors|rebels|insurgents|jihadists|terrorists|assailants|more|"
    r"americans|marines|peacekeepers|firefighters|paramedics|nurses|doctors|teachers|tourists|shoppers|"
    r"commuters|pedestrians|motorists|drivers|traders|guests|customers|hostages|farmers|fishermen|sailors|"
    r"foreigners|nationals|locals|visitors|accused|bodyguards|porters|climbers|contractors|interpreters|aides|"
    r"leaders|commanders|guests|worshipers|congregants|mourners|relatives|siblings|sons|daughters|brothers|sisters|"
    r"[A-Z][a-z]+(?:ians|ans|is|ese))$",
    re.IGNORECASE,
)


_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]|\d[\d,.]*\d|\d|[^\w\s]")


TALLY_WORD = re.compile(r"\b(?:figure|number|count|tally|total)\b", re.IGNORECASE)


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
