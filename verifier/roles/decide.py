"""A role for every figure and every indefinite victim in a sentence, decided from cues around it.

The frames (``figures``) read the exact phrasings they list. Reporters write more ways than any list:
"three men inside the home were injured", "Five bodies and 21 injured people were brought to
hospital", "the figure had climbed to 64", "a man was shot and killed". The reader looks at each
count the number grammar found, and at each singular person ("a teenager", "another victim", "the
suspect", "Mr Crimo"), and asks where it stands relative to the cues of ``lexicon``:

1. subject: the counted noun phrase, then only auxiliaries and adverbs, then a passive or intransitive
   cue ("3 people were killed", "two children died", "nine are in custody");
2. object: an active cue right before it ("killing three", "arrested 14");
3. label: a state word or cue noun right after it ("21 injured people", "3 dead", "five bodies");
4. tally: a cue earlier in the clause and a tally verb right before it ("injured ... now top 100",
   "the death toll climbed to 57"), or "the figure/number/tally" standing for the kind last read.

Coordinated counts before one verb are summed ("a man and a woman were killed" is 2). Every
decision keeps the reasons an editor or developer reads in ``verifier explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import find_numbers
from ..types import NumberMention, Range
from .lexicon import CueHit, Lexicon

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
_FAMILY = re.compile(r"^(?:mother|father|parent|grandmother|grandfather|mom|dad)$", re.IGNORECASE)
_RAISING = frozenset("believed thought said reported known feared understood expected alleged".split())
_CLAUSE_AUX = frozenset("has have had was were is are".split())
_MODIFIER_VERBS = frozenset("suspected accused wanted believed charged".split())
# Determiners and pronouns that start an object: after a verb they make the figure before it an agent.
OBJECT_START = frozenset("a an the his her their its two three four five six seven eight nine ten at more".split())
# Words standing between an active verb and its figure ("killing another three", "a total of").
OBJECT_BRIDGE = frozenset("another a further an additional total of all some least at more than nearly about around the his her their".split())
TALLY_VERBS = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|reached|reaches|"
    r"hit|hits|topped|tops|top|exceeded|exceeds|surpassed|surpasses|passed|crossed|stands? at|stood at|"
    r"now at|put (?:the \w+ )?at|puts (?:the \w+ )?at|numbered|numbers|gone up|went up|goes up|doubled|tripled|soared|surged|"
    r"mounted|swelled|grew|grown|bringing the (?:total|toll|number|tally|count)(?: \w+){0,3}|taking the (?:total|toll|number|tally)(?: \w+){0,3})"
    r"\s+(?:to\s+)?$",
    re.IGNORECASE,
)
# Words that make a tally only after a cue noun ("the toll of 27", "the dead now at 31", "from 38 to 52"),
# never after a verb ("killed about 600 people and left tens of thousands homeless").
# A weak tally word counts only this close to its cue noun ("the toll of 27", "toll rose from 38").
WEAK_TALLY_WORDS = 3
WEAK_TALLY = re.compile(r"\b(?:from|to|at|of|was|is|now|were|are)\s+$", re.IGNORECASE)
# Tally verbs that put the count past the figure ("the injured now top 100").
_BEYOND = re.compile(r"\b(?:top|tops|topped|exceeds?|exceeded|surpass(?:es|ed)?|pass(?:es|ed)|cross(?:es|ed))\s+$", re.IGNORECASE)
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
    "boyfriend|girlfriend|partner|mastermind|ringleader|boss|kingpin|accused|priest|serviceman|servicewoman|"
    "contractor|interpreter|porter|climber|expert|official|councillor|lawmaker|politician|captain|co-pilot|"
    "conductor|crew member|aid worker|medic|leader|prayer leader|aide|imam|cleric|chief|bodyguard|\\d{1,3}-year-old"
)
_SINGLE = re.compile(
    rf"\b(?P<det>[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Aa] second|[Aa] third|[Aa] fourth|[Hh]is|[Hh]er|[Tt]heir)\s+"
    rf"(?:(?!(?:and|or|of|who|which|that|was|were|is|has)\b)[\w'’-]+\s+){{0,3}}?(?P<noun>{SINGLE_PERSON})\b(?!['’]s|-)"
    rf"(?:\s+(?:male|female|local))?(?:\s+(?:{SINGLE_PERSON})\b(?!['’]s|-))?",
)
_NAMED = re.compile(
    r"\b(?P<name>(?:Mr|Mrs|Ms|Dr|Sgt|Officer|Deputy)\.?\s+[A-Z][\w'’-]+|[A-Z][a-z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){1,2}"
    r"|[A-Z][a-z][\w'’-]+(?=,\s*\d{1,3}\s*,))"
    r"(?P<apposition>,\s*(?:\d{1,3}|aged \d{1,3})\s*,(?:\s*of\s+[A-Z][\w'’ -]{1,40},)?)?"
)
_LATER_DIED = re.compile(r"\b(?:he|she)\s+(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b", re.IGNORECASE)
# A headline's people come without an article ("Florida woman arrested after fatally shooting mother of 4").
_BARE_SINGLE = re.compile(
    rf"(?:^|(?<=[\s:]))(?:[A-Z][\w'’-]*\s+)?(?P<noun>(?i:{SINGLE_PERSON}))\b(?:,\s*\d{{1,3}},)?(?!['’]s|-)"
)
# "A soldier was killed and another wounded": "another" stands for one more person.
_ELLIPTIC = re.compile(r"\b(?:[Aa]nother|[Aa] (?:second|third|fourth|fifth))\b(?=\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|t)\b)")
# "Both officers sustained minor injuries": two people.
_BOTH = re.compile(r"\b[Bb]oth\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[a-z]+s)\b")
# "A couple and their daughter were found dead", "Twin sisters and their grandmother": two people.
_PAIR = re.compile(r"\b(?:[Aa]|[Tt]he|[Aa]n elderly|[Aa] young|[Aa] married)\s+(?P<noun>couple)\b|\b[Tt]win\s+(?P<noun2>sisters|brothers|girls|boys|babies)\b|\b(?:[Tt]he\s+)?(?P<noun3>twins)\b")
# "He was taken into custody": a pronoun is one arrest (a victim named before is not counted twice).
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b(?=\s+(?:was|has been|had been|is being|was later|was also)\b)")
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
# Numbers that are not counts of people, whatever cue stands near: ages, families, addresses, populations.
_NOT_A_FIGURE_BEFORE = re.compile(
    r"\b(?:aged|ages|age|mother|father|parent|grandmother|grandfather|mom|dad|block|population|community|"
    r"town|village|city|home|number|no|route|highway|interstate|flight|room|unit|apartment|ward|district|"
    r"sector|zone|camp|case|article|section|bus|line|gate|platform|terminal|floor|suite)\s+(?:of\s+)?(?:about\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)
# "John Reyes, 33, of Elmwood": a number between commas right after a name is an age.
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’-]+,\s*$")
# "two men, aged 67 and 56, and a woman aged 56": every number of the list is an age.
_AGE_LIST = re.compile(r"\baged\s+\d{1,3}(?:\s*(?:,|and|to|-)\s*\d{1,3})*\s*(?:,|and|to|-)\s*$", re.IGNORECASE)
_AGE_APPOSITION = re.compile(r",?\s*aged\s+\d{1,3}(?:\s*(?:,|and|to|-)\s*\d{1,3})*\s*,?", re.IGNORECASE)
AGE_AFTER_NAME = "an age after a name"
AGE_IN_LIST = "an age in a list of ages"
AGE_OR_TIME = "an age, a time or a measure"
FAMILY_OR_LABEL = "an address, a family, a label or a population"
_PROJECTION = re.compile(
    r"\b(?:could|may|might|would|will|expected to|likely to|feared to|set to)\s+(?:\w+\s+)?(?:rise|climb|increase|go up|reach|exceed|top)\s+(?:to\s+|above\s+|beyond\s+)?(?:more than\s+)?$",
    re.IGNORECASE,
)
_TALLY_WORD = re.compile(r"\b(?:figure|number|count|tally|total)\b", re.IGNORECASE)
# "two of the four victims": the four is the total the two are counted in.
_COUNT_BEFORE_TOTAL = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|some|all|most|many|"
    r"several|dozens|hundreds|both|none))\s+(?:of the|out of|of all)\s+$",
    re.IGNORECASE,
)
_TOTAL_OF = re.compile(r"\b(?:of the|out of|of all)\s+$", re.IGNORECASE)
_NOT_A_FIGURE_AFTER = re.compile(
    r"^(?:[\s-]*(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?)[\s-]+old\b|-year-old|"
    r"\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?|feet|ft|kg|%|percent|per cent)\b|"
    r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|times)\b)",
    re.IGNORECASE,
)


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


@dataclass
class Tokens:
    """The sentence's word and punctuation tokens with their offsets."""

    sentence: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.spans = [(m.start(), m.end()) for m in _TOKEN.finditer(self.sentence)]

    def text(self, i: int) -> str:
        a, b = self.spans[i]
        return self.sentence[a:b]

    def index_at(self, offset: int) -> int:
        """The first token starting at or after ``offset``."""
        return next((i for i, (a, _) in enumerate(self.spans) if a >= offset), len(self.spans))


def _hit_at(hits: list[CueHit], start: int) -> CueHit | None:
    return next((h for h in hits if h.start == start), None)


def _is_agent(tokens: Tokens, hit: CueHit, passive: bool) -> bool:
    """An active verb followed by its object ("3 gunmen killed two guards"): the figure did it."""
    if passive or hit.role not in ("verbs", "phrase"):
        return False
    j = tokens.index_at(hit.end)
    if j >= len(tokens.spans):
        return False
    nxt = tokens.text(j).lower()
    after = tokens.text(j + 1).lower() if j + 1 < len(tokens.spans) else ""
    if nxt in ("at", "more"):
        return after in ("least", "than")  # "killed at least 3", not "turned himself in at the station"
    return nxt in OBJECT_START or nxt[0].isdigit() or bool(PERSON_NOUNS.match(nxt))


def _holds_its_object(sentence: str, hit: CueHit) -> bool:
    """"the suspect stabbed his neighbour to death": a phrase with its object inside; the subject did it."""
    if "*" not in hit.cue.lemma or not re.search(r"\* (?:to death|dead)$", hit.cue.lemma):
        return False  # the gap of "sustained * injuries" holds adjectives, not an object
    fixed = len([w for w in hit.cue.lemma.split() if w != "*"])
    return len(sentence[hit.start : hit.end].split()) > fixed


_HOLD_IN_CUSTODY = re.compile(r"^\s+(?:under|in custody|without|for questioning|on suspicion|in connection|over)\b", re.IGNORECASE)
_HOLD_NOT_ARREST = re.compile(r"^\s+(?:hostage|captive|responsible|accountable|back|up|talks|a\b|an\b|the\b)", re.IGNORECASE)


def subject_cue(tokens: Tokens, hits: list[CueHit], end: int, *, person: bool = False) -> tuple[CueHit, str] | None:
    """The cue whose subject is the noun phrase ending before ``end``, crossing only what a subject may hold.

    "held" is an arrest only for a person ("the suspect was held"): a prison "held nearly 700".
    """
    sentence = tokens.sentence
    i = tokens.index_at(end)
    steps = 0
    passive = False
    noun_words = 0
    while i < len(tokens.spans) and steps < 12:
        a, b = tokens.spans[i]
        word = sentence[a:b]
        lower = word.lower()
        hit = _hit_at(hits, a)
        # "the suspect in a stabbing spree has died": a gerund is part of the noun phrase, not its verb
        gerund = hit is not None and not passive and hit.role == "verbs" and lower.endswith("ing")
        if hit is not None and hit.role == "phrase" and hit.cue.lemma.endswith(" of"):
            hit = None  # "two counts of assault in the death of ...": a noun that takes an object, no predicate
        nominal = hit is not None and hit.role == "states" and i > 0 and tokens.text(i - 1).lower() == "the"
        if hit and not gerund and not nominal and hit.role != "nouns" and not (hit.role == "states" and noun_words > 2):
            held_over = passive and _HOLD_IN_CUSTODY.match(sentence[hit.end :])
            if hit.cue.lemma == "hold" and not held_over and (not person or not passive or _HOLD_NOT_ARREST.match(sentence[hit.end :])):
                return None
            if hit.cue.lemma in ("shoot", "stab") and not passive and noun_words == 0 and steps == 0:
                return None  # "3 shot" is a headline for wounded only with "were" or a noun: "3 people shot"
            if _is_agent(tokens, hit, passive) or (not passive and _holds_its_object(sentence, hit)):
                return None
            return hit, "passive" if passive else "subject"
        if word == "," and i + 1 < len(tokens.spans) and tokens.text(i + 1).lower() in ("who", "which"):
            # "The soldier, who had served 14 years, died": past the clause to the main verb; else
            # "Anderson Lee Aldrich, who was in custody": the clause itself says what became of the person
            close = sentence.find(",", b, b + 160)
            if close > 0 and not re.search(r"[;.]", sentence[b:close]):
                beyond = subject_cue(tokens, hits, close + 1, person=person)
                if beyond:
                    return beyond
            i += 1
            continue
        if word == ",":
            close = sentence.find(",", b, b + 90)
            if close < 0 or re.search(r"[;.]|\band\b", sentence[b:close]):
                return None
            i = tokens.index_at(close + 1)
            steps += 1
            continue
        if lower == "to" and i > 0 and tokens.text(i - 1).lower() in _RAISING:
            i += 1  # "are believed to have suffered": the infinitive carries the verb
            steps += 1
            continue
        if lower in AUXILIARIES or lower in ("not", "n't"):
            passive = passive or lower in BE_FORMS
            i += 1
            steps += 1
            continue
        if (lower in ("who", "that") or (lower in _MODIFIER_VERBS and noun_words)) and not passive:
            # "the person who planted the bomb has been arrested", "the man suspected of setting the fire
            # was detained": on to the last auxiliary before the clause ends, the main clause's own
            window = range(i + 1, min(i + 13, len(tokens.spans)))
            stop = next((j for j in window if tokens.text(j) in (",", ";", ".") ), None)
            auxes = [j for j in window if (stop is None or j < stop) and tokens.text(j).lower() in _CLAUSE_AUX]
            if not auxes:
                return None
            i = auxes[-1]
            steps += 1
            continue
        if word[0].isdigit() and i > 1 and tokens.text(i - 1).lower() == "of" and _FAMILY.match(tokens.text(i - 2)):
            i += 1  # "a mother of 3 was killed": the 3 belongs to the noun phrase
            steps += 1
            continue
        if lower in ("and", "or", "but", "who", "which", "that", "when", "after", "as", "while", "said", "says") or not word[0].isalpha():
            return None
        if passive and lower == "among":
            # "Ten soldiers were among the 16 killed": a part of a toll named after it
            later = next((h for h in hits if h.start > b and h.start - b < 40 and h.role in ("states", "verbs", "nouns")), None)
            return (later, "among") if later else None
        if passive:
            return None  # "were taken to..." with no cue: the verb came and was not ours
        if (word.islower() and lower in IRREGULAR_PAST) or (lower.endswith("ed") and not PERSON_NOUNS.match(lower) and not gerund and not nominal):
            return None  # another verb ("landed", "struck") stands between the figure and any cue
        noun_words += 1
        if noun_words > SUBJECT_MAX_WORDS:
            return None
        i += 1
        steps += 1
    return None


def object_cue(tokens: Tokens, hits: list[CueHit], start: int) -> CueHit | None:
    """An active cue right before the figure ("killing three", "arrested 14 people")."""
    i = tokens.index_at(start) - 1
    skipped = 0
    while i >= 0 and skipped <= 3:
        a, b = tokens.spans[i]
        hit = next((h for h in hits if h.end == b and h.role in ("verbs", "phrase") and h.cue.lemma != "hold"), None)
        if hit:
            return hit
        if tokens.text(i).lower() not in OBJECT_BRIDGE:
            return None
        i -= 1
        skipped += 1
    return None


def label_cue(tokens: Tokens, hits: list[CueHit], end: int) -> CueHit | None:
    """A state word or cue noun right after the figure ("21 injured people", "3 dead", "five bodies")."""
    i = tokens.index_at(end)
    for gap in range(3):
        if i + gap >= len(tokens.spans):
            return None
        a, _ = tokens.spans[i + gap]
        hit = next((h for h in hits if h.start == a and h.role in ("states", "nouns")), None)
        if hit and (hit.role == "nouns" or gap <= 1):
            return hit
        word = tokens.text(i + gap)
        if not word[0].isalpha() or word.lower() in ("of", "and", "or", "were", "was", "in", "at", "on"):
            return None
    return None


def tally_cue(hits: list[CueHit], sentence: str, start: int) -> CueHit | None:
    """A cue earlier in the clause with a tally verb right before the figure ("the injured ... now top 100")."""
    before = sentence[:start]
    strong = TALLY_VERBS.search(before)
    if not strong and not WEAK_TALLY.search(before):
        return None
    clause_start = max((m.end() for m in CLAUSE_STOP.finditer(before)), default=0)
    roles = ("states", "nouns", "verbs", "phrase") if strong else ("states", "nouns")
    near = [h for h in hits if clause_start <= h.start and h.end <= start and h.role in roles]
    gap = sentence[near[-1].end : start] if near else ""
    if not near or (not strong and (len(gap.split()) > WEAK_TALLY_WORDS or "," in gap or "according" in gap)):
        return None  # "13 were injured on Friday in shootings at two schools": "at" is no tally there
    return near[-1]


def noun_after(tokens: Tokens, end: int) -> str:
    """Who a figure counts: the person noun among the next words ("three men inside", "21 injured people")."""
    i = tokens.index_at(end)
    for j in range(i, min(i + 4, len(tokens.spans))):
        word = tokens.text(j).lower()
        if PERSON_NOUNS.match(word):
            return word
        if not word[0].isalpha() or (j == i + 1 and tokens.text(i).lower() == "of" and word not in ("his", "her", "their", "its", "the")):
            break
    return ""


def _not_a_figure(sentence: str, m: NumberMention) -> str:
    """Why a count is not a figure of people, or ''."""
    before = sentence[max(0, m.start - 40) : m.start]
    after = sentence[m.end : m.end + 30]
    if _NOT_A_FIGURE_AFTER.match(after):
        return AGE_OR_TIME
    if _PROJECTION.search(before):
        return "a projection ('could rise to'), not a count"
    if re.match(r"\s+more\s+of\b", after):
        return "a step of a toll ('two more'), not a toll"
    if _NOT_A_FIGURE_BEFORE.search(before):
        return FAMILY_OR_LABEL
    if _AGE_LIST.search(before):
        return AGE_IN_LIST
    if _AGE_AFTER_NAME.search(before) and re.match(r"\s*,", after):
        return AGE_AFTER_NAME
    if _TOTAL_OF.search(before) and _COUNT_BEFORE_TOTAL.search(before):
        return "the total a figure before it is counted in"
    return ""


def decide_figure(tokens: Tokens, hits: list[CueHit], m: NumberMention, last_kind: str) -> Decision:
    """The role of one count: the first of subject, object, label and tally that holds."""
    sentence = tokens.sentence
    text = sentence[m.start : m.end]
    why_not = _not_a_figure(sentence, m)
    if why_not:
        return Decision(m.start, m.end, text, "", m.value, reasons=(f"not a figure: {why_not}",))
    noun = noun_after(tokens, m.end)
    found = label_cue(tokens, hits, m.end)
    if found:
        return Decision(m.start, m.end, text, found.kind, m.value, noun, (f"labelled by '{sentence[found.start:found.end]}'",))
    obj = object_cue(tokens, hits, m.start)
    if obj:
        return Decision(m.start, m.end, text, obj.kind, m.value, noun, (f"object of '{sentence[obj.start:obj.end]}'",))
    subject = subject_cue(tokens, hits, m.end)
    if subject:
        hit, how = subject
        return Decision(m.start, m.end, text, hit.kind, m.value, noun, (f"{how} of '{sentence[hit.start:hit.end]}'",))
    tally = tally_cue(hits, sentence, m.start)
    if tally:
        value = m.value
        if value.is_exact and _BEYOND.search(sentence[: m.start]):
            value = Range(value.low, None, "more_than", value.text)  # "now top 100" is more than 100
        return Decision(m.start, m.end, text, tally.kind, value, noun, (f"tally of '{sentence[tally.start:tally.end]}'",))
    if last_kind and ANAPHORIC_TALLY.search(sentence[: m.start]) and TALLY_VERBS.search(sentence[: m.start]):
        return Decision(m.start, m.end, text, last_kind, m.value, noun, (f"'the figure' stands for the {last_kind} count read before",))
    return Decision(m.start, m.end, text, "", m.value, noun, ("no cue holds it as subject, object, label or tally",))


_NOT_A_PERSON_WORD = re.compile(
    r"\b(?:The|A|An|In|On|At|Before|After|During|Since|Police|Officers|Authorities|College|Hospital|University|School|"
    r"Ministry|Department|Office|Council|Court|Army|Forces?|Agency|Company|Group|Street|Road|Avenue|Square|Airport|"
    r"Station|Centre|Center|Mall|Park|Church|Mosque|Temple|Hotel|Club|Bank|Party|Front|Brigades?|Movement|State|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|['’]s\b|-"
)


def _person_name(sentence: str, m: re.Match[str]) -> bool:
    """A name a sentence counts as one person: a title ("Mr Crimo"), an age after it ("John Reyes, 33,"),
    or a name right before "was"/"has been" that is no institution, ship or date ("Robert Crimo was held")."""
    name = m.group("name")
    if re.match(r"(?:Mr|Mrs|Ms|Dr|Sgt|Officer|Deputy)\b", name) or m.group("apposition"):
        return True
    if _NOT_A_PERSON_WORD.search(name) or re.search(r"\b(?:the|a|an)\s+$", sentence[: m.start()], re.IGNORECASE):
        return False
    return bool(re.match(r"\s+(?:was|has been|had been|is being|is)\b|,\s+who\s+(?:was|is|has been|had been)\b", sentence[m.end() :]))


def decide_people(tokens: Tokens, hits: list[CueHit], taken: list[tuple[int, int]]) -> list[Decision]:
    """Singular people without a numeral ("a man was shot and killed", "Mr Crimo was taken into custody")."""
    sentence = tokens.sentence
    out: list[Decision] = []
    candidates: list[tuple[int, int, str, str]] = []
    for m in _SINGLE.finditer(sentence):
        candidates.append((m.start(), m.end(), m.group("noun").lower(), "person"))
    if not re.search(r"[.!?][\"'\u201d]?\s*$", sentence):
        for m in _BARE_SINGLE.finditer(sentence):  # a headline drops its articles: "Boy, 14, killed in ..."
            candidates.append((m.start(), m.end(), m.group("noun").lower(), "person"))
    for m in _PRONOUN.finditer(sentence):
        candidates.append((m.start(), m.end(), "", "pronoun"))
    for m in _ELLIPTIC.finditer(sentence):
        candidates.append((m.start(), m.end(), "", "person"))
    both = {m.start(): m for m in _BOTH.finditer(sentence) if PERSON_NOUNS.match(m.group("noun"))}
    both.update({m.start(): m for m in _PAIR.finditer(sentence)})
    for m in both.values():
        candidates.append((m.start(), m.end(), (m.group("noun") or m.group("noun2") or m.group("noun3") or "").lower(), "both"))
    tokens_alpha = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    title_case = len(tokens_alpha) >= 4 and sum(w[0].isupper() for w in tokens_alpha) > 0.6 * len(tokens_alpha)
    for m in () if title_case else _NAMED.finditer(sentence):
        if _person_name(sentence, m):
            candidates.append((m.start(), m.end(), "", "name"))
    people_ends = {e for _, e, _, h in candidates if h == "person"}
    for start, end, noun, how in sorted(candidates, key=lambda c: (c[0], -c[1])):  # the longest phrase first
        if any(a < end and start < b for a, b in taken):
            continue
        if how == "name" and any(sentence[e:start].strip() == "" for e in people_ends if e <= start):
            continue  # "the TTP commander Umar Khalid Khurasani": the name is the person just counted
        taken.append((start, end))
        words = sentence[start:end]
        inside = next((h for h in hits if h.role == "phrase" and h.start < start and end <= h.end), None)
        if inside and how == "person":
            out.append(Decision(start, end, words, inside.kind, Range(1, 1, "exact", words), noun,
                                (f"one person ('{words}'), inside '{sentence[inside.start:inside.end]}'",)))
            continue
        obj = object_cue(tokens, hits, start) if how == "person" else None
        if obj and obj.cue.lemma not in ("shoot", "stab"):
            out.append(Decision(start, end, words, obj.kind, Range(1, 1, "exact", words), noun,
                                (f"one person ('{words}'), object of '{sentence[obj.start:obj.end]}'",)))
            continue
        subject = subject_cue(tokens, hits, end, person=True)
        if not subject or (how == "name" and subject[1] != "passive"):
            # a name before an active verb is the one who acted
            out.append(Decision(start, end, words, "", Range(1, 1, "exact", words), noun, ("no cue holds this person",)))
            continue
        hit, role = subject
        if how == "pronoun" and (hit.kind != "arrested" or role != "passive"):
            out.append(Decision(start, end, words, "", Range(1, 1, "exact", words), noun, ("a pronoun counts only as one arrested",)))
            continue
        if hit.kind == "injured" and _LATER_DIED.search(sentence, hit.end):
            hit = next((h for h in hits if h.kind == "killed" and h.start > hit.end), hit)  # "taken to hospital, where he later died"
        count = 2 if how == "both" else 1
        out.append(
            Decision(start, end, words, hit.kind, Range(count, count, "exact", words), noun,
                     (f"{'two people' if count == 2 else 'one person'} ('{words}'), {role} of '{sentence[hit.start:hit.end]}'",))
        )
    return out


_PART_BEFORE = re.compile(r"\b(?:including|among them|among whom|among those|among the dead(?: were)?|include[sd]?|of whom|of them)\s*,?\s*(?:at least\s+)?$", re.IGNORECASE)
_PART_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:of whom|of them|among them)\b|^\s+of the (?:victims|dead|injured|wounded|people who died)\b", re.IGNORECASE)


def _parts_of_totals(sentence: str, decisions: list[Decision], last_kind: str) -> list[Decision]:
    """"killing 14, including two children" / "12 of whom were declared dead": a part of the toll
    before it takes that toll's kind when no cue of its own decided it."""
    out: list[Decision] = []
    for d in decisions:
        before = sentence[max(0, d.start - 40) : d.start]
        after = sentence[d.end : d.end + 40]
        if not d.kind and d.value is not None and not d.reasons[0].startswith("not a figure") and (
            _PART_BEFORE.search(before) or _PART_AFTER.match(after)
        ):
            total = next((e.kind for e in reversed(out) if e.kind), "") or (last_kind if _PART_BEFORE.search(before) else "")
            if total:
                d = Decision(d.start, d.end, d.text, total, d.value, d.noun or noun_after(Tokens(sentence), d.end),
                             (f"a part of the {total} toll before it",))
        out.append(d)
    return out


_AND = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?$", re.IGNORECASE)


def sum_coordinated(sentence: str, decisions: list[Decision]) -> list[Decision]:
    """"two adults and two children were killed", "killing a prayer leader and his son": a chain of
    coordinated people that one cue decided is one figure, their sum. Parts listed after "include"
    stay parts ("the 18 dead include 14 men, three women and a child")."""
    out: list[Decision] = []
    i = 0
    while i < len(decisions):
        chain = _chain(sentence, decisions, i)
        kinds = {d.kind for d in chain if d.kind}
        listed = _PART_BEFORE.search(sentence[max(0, chain[0].start - 40) : chain[0].start])
        if len(chain) < 2 or len(kinds) != 1 or listed or any(d.value is None for d in chain):
            out.append(decisions[i])
            i += 1
            continue
        kind = kinds.pop()
        decided = next(d for d in chain if d.kind)
        if _is_breakdown(sentence, chain):
            # "wounding six people, five service members and a contractor": a total, then its parts
            head = chain[0]
            out.append(Decision(head.start, head.end, head.text, kind, head.value, head.noun, head.reasons if head.kind else decided.reasons))
            out.extend(Decision(d.start, d.end, d.text, kind, d.value, d.noun, (f"a part of the {kind} toll before it",)) for d in chain[1:])
            i += len(chain)
            continue
        if chain[-1].noun in ("others", "more"):
            # "two police officers and nine others were killed": each figure stands, both killed
            out.extend(d if d.kind else Decision(d.start, d.end, d.text, kind, d.value, d.noun, (f"joined by 'and' to '{decided.text}'", *decided.reasons)) for d in chain)
            i += len(chain)
            continue
        lo = sum(d.value.low or 0 for d in chain if d.value)
        highs = [d.value.high for d in chain if d.value]
        hi = None if any(h is None for h in highs) else sum(h for h in highs if h is not None)
        words = sentence[chain[0].start : chain[-1].end]
        out.append(
            Decision(
                chain[0].start, chain[-1].end, words, kind, Range(lo, hi, "derived", words),
                next((d.noun for d in reversed(chain) if d.noun), ""),
                ("sum of " + " + ".join(f"'{d.text}'" for d in chain), *decided.reasons),
                tuple((d.start, d.end) for d in chain),
            )
        )
        i += len(chain)
    return out


def _is_breakdown(sentence: str, chain: list[Decision]) -> bool:
    """"six people, five service members and a contractor": the first figure is the sum of the rest."""
    head, rest = chain[0], chain[1:]
    if len(rest) < 2 or "," not in sentence[head.end : rest[0].start] or head.value is None or not head.value.is_exact:
        return False
    lows = [d.value.low for d in rest if d.value is not None and d.value.is_exact]
    return len(lows) == len(rest) and sum(x for x in lows if x is not None) == head.value.low


def _chain(sentence: str, decisions: list[Decision], i: int) -> list[Decision]:
    """The people coordinated from ``decisions[i]`` on: "A, B and C" (the last link an "and"); a
    name, an appositive ("a third person, a man in his 50s") or a part ("two of them") ends it."""
    chain = [decisions[i]]
    last_and = 0
    while i + len(chain) < len(decisions):
        a, b = chain[-1], decisions[i + len(chain)]
        if not (_joinable(sentence, a) and _joinable(sentence, b) and _coordinated(sentence, a, b)):
            break
        chain.append(b)
        if re.search(r"\band\b", sentence[a.end : b.start]):
            last_and = len(chain)
    return chain[:last_and] if last_and else chain[:1]


def _joinable(sentence: str, d: Decision) -> bool:
    """A person or a count of people, not a name, not a part of a toll."""
    after = sentence[d.end : d.end + 40]
    if _PART_AFTER.match(after) or re.match(r"^(?:\s+[\w'’-]+){0,3}\s+among (?:them|whom)\b", after):
        return False
    return bool(d.noun) or bool(re.match(r"[^,]+,\s*\d{1,3}\s*,", d.text))


# Between two coordinated people: their nouns and modifiers, a comma or "and", a possessive.
_COORDINATION = re.compile(
    r"^(?:\s+(?!(?:who|which|that|was|were|is|are|had|has|have|on|in|at|from|by|with|for|to|of|after|before|during)\b)[\w'’-]+){0,4}?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their|its)\s+)?$",
    re.IGNORECASE,
)


def _coordinated(sentence: str, a: Decision, b: Decision) -> bool:
    """a's noun phrase runs into b's with only 'and', a comma or a possessive between ("a man and his son")."""
    between = _AGE_APPOSITION.sub(" ", sentence[a.end : b.start])
    if not _COORDINATION.match(between):
        return False
    words = [w for w in re.findall(r"[\w'’-]+", between) if w.lower() not in ("and", "his", "her", "their", "its")]
    return not any(w.lower().endswith("ed") and not PERSON_NOUNS.match(w) for w in words)


def read(lexicon: Lexicon, sentence: str, *, last_kind: str = "", numbers: list[NumberMention] | None = None) -> list[Decision]:
    """Every figure and singular person of ``sentence`` with the role decided for it (``numbers``: its
    number mentions when the caller has them)."""
    hits = lexicon.find(sentence) if lexicon.prefilter.search(sentence) else []
    if not hits and not (last_kind and _TALLY_WORD.search(sentence)):
        return []
    tokens = Tokens(sentence)
    ends = {h.end for h in hits}
    mentions = [
        m for m in (find_numbers(sentence) if numbers is None else numbers)
        if m.category == "count" or (m.category == "identifier" and sentence[: m.start].rstrip() and len(sentence[: m.start].rstrip()) in ends)
    ]
    decisions = [decide_figure(tokens, hits, m, last_kind) for m in mentions]
    ages = {(d.start, d.end) for d in decisions if d.reasons == (f"not a figure: {AGE_AFTER_NAME}",)}
    people = decide_people(tokens, hits, [(m.start, m.end) for m in mentions if (m.start, m.end) not in ages])
    figures = [d for d in decisions if not d.reasons[0].startswith("not a figure")]
    ordered = sum_coordinated(sentence, _parts_of_totals(sentence, sorted(figures + people, key=lambda d: d.start), last_kind))
    ordered = sorted(ordered + [d for d in decisions if d not in figures], key=lambda d: d.start)
    return [_step_or_figure(sentence, d, ordered) for d in ordered if not _shot_then_fatally(sentence, d, ordered)]


def _step_or_figure(sentence: str, d: Decision, decisions: list[Decision]) -> Decision:
    """"...now stands at 19, after rescuers pulled three more bodies": beside a toll of its kind, a
    figure of "N more" is a step towards it, not a toll."""
    if not d.kind or not re.match(r"\s+more\b", sentence[d.end : d.end + 8]):
        return d
    if any(e is not d and e.kind == d.kind and not re.match(r"\s+more\b", sentence[e.end : e.end + 8]) for e in decisions):
        return Decision(d.start, d.end, d.text, "", d.value, d.noun, ("a step ('N more') towards a toll in the same sentence",))
    return d


def _shot_then_fatally(sentence: str, d: Decision, decisions: list[Decision]) -> bool:
    """"Five people were shot, two fatally": the five are not all wounded; the text does not say how many are."""
    if d.kind != "injured" or "'shot'" not in " ".join(d.reasons):
        return False
    return any(
        e.kind == "killed" and e.start > d.end and "'fatally'" in " ".join(e.reasons) and not CLAUSE_STOP.search(sentence[d.end : e.start])
        for e in decisions
    )
