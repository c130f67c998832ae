"""Attribution frames: who claimed, denied or blamed, and who is cited for a sentence.

A verb frame (``data/frames.toml``) finds the stance; the actor is the subject before the verb, found
by cutting the clause at its boundaries and dropping what stands between subject and verb (intro
phrases, relative clauses, descriptive appositives, adverbs). Reported speech with a subject of its own
("X said Israel had nothing to do with it") names that subject, unless it is a pronoun for the speaker.
"The group" and "she" are resolved to the organisation and the person last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import Draft
from .frames import Frames

_CLAUSE_BOUNDARY = re.compile(
    r"(?:;|:|\u2014|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b|,?\s+and\b|\bthat\b|\bsaid\b|\bsays\b|\bwhich\b|\bwho\b|\bbecause\b)",
    re.IGNORECASE,
)
# "The M23 rebels, who hold large areas of Rutshuru, where Kishishe lies, have denied": a relative clause
# may run on through a second one
_RELATIVE = re.compile(r",\s*(?:which|who|whose|whom|where)\b[^,]*,(?:\s*(?:which|who|whose|whom|where)\b[^,]*,)*", re.IGNORECASE)
# A descriptive appositive (", a separatist movement that operates in the region,"): not the actor's name.
# A descriptive appositive (", a separatist movement that operates in the region,"): not the actor's
# name, though a name inside it ("head of the Civic Renewal Movement") says whom the actor speaks for.
_APPOSITIVE = re.compile(
    r",\s*(?:(?:the|a|an)\s+|(?:one|part|among|member|several|head|leader|chief|founder|spokes\w+)\b)[^,]{0,160},"
)
_TITLE_NAME = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:(?:of|the|for|al|de|du|and)\s+)*[A-Z][\w'-]+)+")


def _appositive_names(m: re.Match[str]) -> str:
    names = [n for n in _TITLE_NAME.findall(m.group(0)) if len(n.split()) >= 2]
    return f" ({'; '.join(names)}) " if names else " "
# "The attack, claimed by the Islamic State group": a passive claim names its actor after "by".
# A name as outlets write it: "Saraya al-Nasr", "the Cárteles del Balsas", "the state Attorney General's Office".
_NAME = r"(?:the |a )?(?:[a-z]+ )?(?:(?:al|el|ad|ash|an|as|ar)-)?[A-ZÀ-Þ][\w'’-]*(?: (?:[A-ZÀ-Þ][\w'’-]*|(?:al|el|ad|ash|bin|ibn|abu)-[A-ZÀ-Þ][\w'’-]*|of|the|al|for|and|del|de|la|los|las|du|des))*"
_CLAIMED_BY = re.compile(rf"(?:\b(?:was|were|has been|had been)\s+|,\s*)claimed by (?P<actor>{_NAME})")
# "the attacks were carried out by two IS bombers, the general said": the speaker blames the agent.
_DONE_BY = re.compile(
    r"\b(?:was|were|has been|had been|been|is|are)\s+(?:\w+ly\s+)?(?:carried out|perpetrated|caused|orchestrated|masterminded|committed|staged)\s+by\s+(?P<target>[^,.;]{2,60})"
    r"|\b(?:may have been|was|were|is|appeared to be|appears to be|looked like)\s+(?:\w+ly\s+)?the work of\s+(?P<target2>[^,.;]{2,60})"
    r"|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:suspected|accused)\s+of\s+(?P<target3>(?:killing|carrying out|planting|shooting|attacking|murdering|staging|plotting|setting)\b[^,.;]{0,60})",
    re.IGNORECASE,
)
# "In a statement claiming the attack, al-Shabab said": the participle's actor is the clause's subject.
_STATEMENT_CLAIMING = re.compile(
    rf"\b[Ii]n an? (?:[\w-]+ ){{0,2}}(?:statement|video|message|post|communiqu[eé]|audio message) (?:claiming|in which it claimed) "
    rf"(?:responsibility for )?(?:the |its |their )?(?:[\w'-]+ ){{0,3}}?(?:attacks?|bombings?|blasts?|assaults?|strikes?|raids?|killings?|ambush),\s+"
    rf"(?P<actor>{_NAME})"
)
# "an IS-claimed bombing": the name before "-claimed" claims the attack.
_PREFIX_CLAIMED = re.compile(r"\b(?P<actor>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3})-claimed\b")
# "Hezbollah was behind the strike, which Hezbollah denied"; "..., an accusation Ukraine rejected".
_DENIED_AFTER = re.compile(
    rf"(?:,\s*which|,\s*an? (?:accusation|charge|claim|allegation|assertion)(?: that)?)\s+(?P<actor>{_NAME}) (?:has |have |had )?(?:also |swiftly |strongly |flatly )?(?:denied|denies|rejected|rejects|dismissed|dismisses)\b"
)
# "the bombing, which the Islamic State group has claimed": the name inside the relative clause claims.
_WHICH_CLAIMED = re.compile(rf"\bwhich (?P<actor>{_NAME}(?: [a-z][\w'’-]*){{0,3}}?) (?:(?:has|had|have) )?(?:since |already |also )?claimed\b(?! (?:was|were|is|are|had)\b)")
# "X was blamed for the attack by Y": Y blames, X is blamed.
_BLAMED_BY = re.compile(rf"\b(?:was|were|has been|had been) (?:also )?blamed (?:for [^,.;]{{1,80}}? )?by (?P<actor>{_NAME})")
# "The FPK's denial came in a statement...": a stance as a noun, its actor before the 's.
_STANCE_NOUN = re.compile(rf"(?P<actor>{_NAME})['’]s (?P<noun>denial|rejection|claim of responsibility)\b")
_STANCE_NOUN_WORDS = ("denial", "rejection", "claim of responsibility")
# "We had nothing to do with this," a spokesman for X said: a stance inside a quote, spoken by X.
# Anaphors that name another party ("the company"), never the speaker itself.
_OTHER_PARTIES = frozenset({"the company", "the firm", "the operator", "the owner", "the organisation"})
_QUOTE_FIRST = re.compile(
    r"[\"“](?P<quote>[^\"”]{5,400}?)[,.]?[\"”](?:\s+(?:for|about|over|on|of)\s+[^,.;\"“”]{1,40})?,?\s+(?:(?P<speaker>[^,.;\"“”]{2,90}?)\s+(?:said|says|told|added|went on|continued|wrote)\b"
    r"|(?:said|says|added|wrote)\s+(?P<speaker2>[^.;\"“”]{2,90}?)\s*(?:[.;]|$))"
)
# "...the terrorist organisation PKK is responsible," the minister said: blame inside a quote.
_QUOTED_BLAME = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:responsible|to blame|behind)\b|\b(?:perpetrated|carried out|orchestrated|masterminded)\s+by\b|\bthe work of\b",
    re.IGNORECASE,
)
_QUOTED_DENIAL = re.compile(
    r"\b(?:we|i)\s+(?:had|have|has)\s+nothing to do with|\b(?:we|i)\s+(?:were|are|was)\s+not\s+(?:involved|responsible|behind)"
    r"|\b(?:we|i)\s+(?:had|have)\s+no\s+(?:involvement|role|part)|\bnot\s+(?:us|our\s+(?:fighters|men|people))\b",
    re.IGNORECASE,
)
_QUOTED_CLAIM = re.compile(
    r"\b(?:we|our\s+(?:fighters|forces|men))\s+(?:carried out|launched|staged|fired|attacked|targeted|struck)\b"
    r"|\bwe(?: in [\w'-]+)? (?:announce|claim) (?:this|the|our) (?:\w+ )?(?:operation|attack)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r",\s*(?:however|though|too|meanwhile|in turn|for (?:its|their|his|her) part|in a statement)\s*(?:,|$)", re.IGNORECASE)
_INTRO = re.compile(
    r"^\s*(?:(?:in|on|at|after|before|during|speaking|asked|earlier|later|meanwhile|however|separately|"
    r"instead|also|yesterday|today|late|early|for|from|with|by|according|in a statement)\b[^,]{0,80},\s*"
    r"|\d{4},\s*|\w+ly,\s*"  # "On June 22, 2025, ..." "Notably, ..."
    # "On Thursday Interior Minister X named ...": a day without its comma, before a name
    r"|(?:on|last|this|late|early)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?\s+(?=(?-i:[A-Z]))"
    r"|(?:in|over|during|since|earlier|later)\s+(?:recent|the past|the last|earlier|previous|its|their)\s+[\w ]{0,30}?"
    r"(?:days|weeks|months|years|messages|statements|posts|videos)\s+(?=[A-Za-z]))+",
    re.IGNORECASE,
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:has|had|have|also|both|all|each|later|earlier|nonetheless|again|swiftly|quickly|already|previously|continued to|"
    r"repeatedly|immediately|strongly|firmly|flatly|itself|themselves|now|then|on \w+day(?: \w+)?|in a statement|"
    r"publicly|officially|however|though|meanwhile|in turn|for (?:its|their|his|her) part|\w+ly))+\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION = (
    re.compile(r"\baccording to (?P<s>[^,.;]{2,80})", re.IGNORECASE),
    re.compile(
        r"[,;]\s*(?P<s>[^,;\"\u201c]{2,60}?)\s+(?:said|says|say|told (?:reporters|\w+)|reported|confirmed|announced|added)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<s>[^,;\"\u201c]{2,60}?)\s+(?:said|says|say|told|reported|confirmed|announced)\b", re.IGNORECASE),
    re.compile(r"\b(?:said|says)\s+(?P<s>(?:the|a|an)\s+[^,.;]{2,50}?)\s*[.]?$", re.IGNORECASE),
)
_NOT_A_SOURCE = frozenset({"", "and", "he", "she", "it", "they", "we", "while", "but", "who", "which", "i"})


_VERBISH = re.compile(r"^(?:[a-z]+ed|said|says|told|has|had|have|is|was|were|are|will|would|did|does|condemn\w*|accus\w*|blam\w*|den\w*|claim\w*|\w+ly)$")


def strip_intro(text: str) -> str:
    """The clause without its leading intro phrases ("Earlier this week, ...")."""
    return _INTRO.sub("", text)


def leading_subject(clause: str) -> str:
    """The noun phrase a clause starts with: words up to its first verb ("Chief Minister X condemned")."""
    words: list[str] = []
    for word in clause.split():
        if words and _VERBISH.match(word):
            break
        words.append(word)
    return " ".join(words).strip(" ,") if 0 < len(words) <= 10 else ""


def _subject(pre: str) -> str:
    """The actor of a verb, from the clause before it: "In a statement, the Taliban" -> "the Taliban".

    A second verb joined by "and" ("condemned the attack and pointed the finger at") shares the
    subject of the first, so an empty clause after "and" takes the sentence's leading noun phrase.
    """
    text = _APPOSITIVE.sub(_appositive_names, _RELATIVE.sub("", _ASIDE.sub(" ", pre)))
    cuts = list(_CLAUSE_BOUNDARY.finditer(text))
    if cuts:
        last = cuts[-1]
        joined = last.group(0).strip(" ,").lower()
        if not text[last.end() :].strip(" ,") and joined == "and":
            return leading_subject(_INTRO.sub("", text[: last.start()]))
        if not text[last.end() :].strip(" ,") and joined in ("who", "which") and text[: last.start()].rstrip().endswith(","):
            # "Israeli officials, who blamed Hezbollah": the relative clause's verb belongs to the noun before it
            head = text[: last.start()].rstrip(" ,")
            return _subject(head[: max(head.rfind(","), 0)] + " " + head[max(head.rfind(","), 0) :].lstrip(","))
        rest = text[last.end() :]
        earlier = text[cuts[-2].end() if len(cuts) > 1 else 0 : last.start()]
        if joined == "and" and _BARE_NAME.match(earlier.strip(" ,")) and _BARE_NAME.match(leading_subject(rest.strip())):
            # "Ankara and Tehran have both denied": two names sharing one verb are one actor
            rest = f"{earlier.strip(' ,')} and {rest.strip()}"
        text = rest
    text = _INTRO.sub("", text)
    text = _TRAILING_ADVERBS.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,\"'\u201c\u201d")
    words = text.split()
    if not words or len(words) > 12:
        return ""
    return text


# "..., Industry Minister Julien Paluku said, blaming ...": the one who spoke, right before the verb.
_SPEAKER_BEFORE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s+(?:said|says|added|told\s+\w+)\s*$")
# "held X responsible", "named X as the suspected perpetrator": the one blamed sits inside the frame.
_TARGET_INSIDE = re.compile(
    r"^(?:held|holds|hold|holding|named|names|name|naming|identified|identifies)\s+(?P<target>.+?)\s+(?:responsible|as)\b",
    re.IGNORECASE,
)
# Things that "find" or "show" but do not speak for themselves: the speaker is whoever cites them.
_NOT_A_SPEAKER = re.compile(
    r"\b(?:inquiry|investigation|probe|review|report|analysis|assessment|findings|footage|video|evidence|data|records|images)$",
    re.IGNORECASE,
)
_BARE_NAME = re.compile(r"^(?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}$")
_NEGATORS = frozenset({"not", "never", "no", "nobody", "neither", "nor", "none", "cannot"})


def _negated(pre: str) -> bool:
    """Is the verb negated ("has not claimed", "No group has yet claimed", "refused to deny")?"""
    tail = pre.lower().replace("n't", " not")
    words = re.findall(r"[a-z]+", tail)[-4:]
    clause = re.split(r"[,;]", tail)[-1]
    return bool(_NEGATORS & set(words)) and not re.search(r"\b(?:and|but|while)\b", " ".join(words)) or bool(
        re.search(r"\b(?:yet to|refused to|declined to|failed to)\s+$", clause)
    )


def _passive(pre: str) -> bool:
    """"were denied entry" is not a denial by anyone; "was also blamed on X" names no blamer."""
    return bool(re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+|also\s+|widely\s+)?$", pre, re.IGNORECASE))


def _object(after: str) -> str:
    """Who is blamed: the words after the verb up to "for", "of", "over" or a comma."""
    m = re.match(r"\s*(?P<o>[^,.;:]{1,80}?)(?=\s+(?:for|of|over|on|after|in)\b|[,.;:]|$)", after)
    return m.group("o").strip() if m else ""


def _quoted_stance(quote: str) -> str:
    """The stance a quote takes for its speaker: a denial, a claim, or blame ("X is responsible")."""
    if _QUOTED_DENIAL.search(quote):
        return "denied"
    if _QUOTED_CLAIM.search(quote):
        return "claimed"
    blame = _QUOTED_BLAME.search(quote)
    return "blamed" if blame and not _negated(quote[: blame.start()]) else ""


def find_attributions(frames: Frames, sentence: str) -> list[Draft]:
    drafts: list[Draft] = []
    if not frames.attribution_trigger.search(sentence.lower()):
        return drafts
    taken: list[tuple[int, int]] = []

    def add(stance: str, actor: str, start: int, end: int, target: str = "") -> None:
        actor = actor.strip(" ,")
        if not actor or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        drafts.append(Draft("responsibility", None, start, end, noun=target, actor=actor, stance=stance))

    for pattern, stance in ((frames.denied_embedded, "denied"), (frames.blamed_embedded, "blamed")):
        for hit in pattern.finditer(sentence):
            if _negated(sentence[: hit.start()]):
                continue  # "Police have not said who they believe is responsible"
            # "said in a statement that it carried out": the subject is what follows "that"
            subject = re.sub(r"^.*?\bthat\s+", "", hit.group("subj"))
            speaker = _subject(sentence[: hit.start()])
            if _NOT_A_SPEAKER.search(speaker):
                # "The military said an initial inquiry had found that its troops...": the inquiry is
                # the military's; the one who speaks is the sentence's subject
                speaker = leading_subject(_INTRO.sub("", sentence[: hit.start()])) or speaker
            lowered_subject = subject.lower()
            own = (lowered_subject in frames.anaphors and lowered_subject not in _OTHER_PARTIES) or lowered_subject.startswith(
                ("its ", "his ", "her ", "their ")
            )
            if own:
                # "X said its forces carried out the strike": X speaks of itself, so blame is a claim
                actor = speaker
                final = "claimed" if stance == "blamed" else stance
            elif stance == "denied":
                actor, final = subject, stance
            else:
                actor, final = speaker, stance
            add(final, actor, hit.start(), hit.end())
    for pattern, stance in ((frames.claimed, "claimed"), (frames.denied, "denied"), (frames.blamed, "blamed")):
        for hit in pattern.finditer(sentence):
            pre = sentence[: hit.start()]
            if _negated(pre) or _passive(pre):
                continue
            after = sentence[hit.end() :]
            if stance == "blamed" and re.search(r",\s*$", pre) and re.match(r"\w+\s+(?:for|by|on)\b", sentence[hit.start() :]):
                continue  # "The group, blamed for the attack, ..." is a participle, not a blamer
            inside = _TARGET_INSIDE.match(hit.group(0)) if stance == "blamed" else None
            target = inside.group("target") if inside else _object(after) if stance == "blamed" else ""
            if stance == "denied":
                target = _object(re.sub(r"^\S+", "", sentence[hit.start() :], count=1))
            # ", again blaming X" / "and blaming X": a participle shares the sentence's subject
            if re.match(r"[,\s]|and\b", hit.group(0)):
                said = _SPEAKER_BEFORE.search(pre)  # '"...," Minister X said, blaming the M23'
                actor = said.group(1) if said else leading_subject(_INTRO.sub("", pre))
            else:
                actor = _subject(pre)
            add(stance, actor, hit.start(), hit.end(), target)
    # these patterns are case-sensitive: each is scanned only where its words stand
    for hit in _CLAIMED_BY.finditer(sentence) if "claimed by " in sentence else ():
        if not _negated(sentence[: hit.start()]):
            add("claimed", hit.group("actor"), hit.start(), hit.end())
    for hit in _BLAMED_BY.finditer(sentence) if "blamed " in sentence else ():
        blamed = _subject(sentence[: hit.start()])
        add("blamed", hit.group("actor"), hit.start(), hit.end(), blamed)
    for hit in _WHICH_CLAIMED.finditer(sentence) if "which " in sentence and "claimed" in sentence else ():
        add("claimed", hit.group("actor"), hit.start(), hit.end())
    for hit in _STATEMENT_CLAIMING.finditer(sentence) if "claim" in sentence else ():
        add("claimed", hit.group("actor"), hit.start(), hit.end())
    for hit in _PREFIX_CLAIMED.finditer(sentence) if "-claimed" in sentence else ():
        add("claimed", hit.group("actor"), hit.start(), hit.end())
    for hit in _DENIED_AFTER.finditer(sentence):
        add("denied", hit.group("actor"), hit.start(), hit.end())
    for hit in _DONE_BY.finditer(sentence):
        speaker = cited_source(sentence)
        if speaker and not _negated(sentence[: hit.start()]):
            target = hit.group("target") or hit.group("target2") or _subject(sentence[: hit.start()])
            add("blamed", speaker, hit.start(), hit.end(), target.strip())
    for hit in _STANCE_NOUN.finditer(sentence) if any(w in sentence for w in _STANCE_NOUN_WORDS) else ():
        stance = "denied" if hit.group("noun").lower() in {"denial", "rejection"} else "claimed"
        add(stance, hit.group("actor"), hit.start(), hit.end())
    for hit in _QUOTE_FIRST.finditer(sentence):
        quote = hit.group("quote")
        stance = _quoted_stance(quote)
        if stance:
            add(stance, hit.group("speaker") or hit.group("speaker2") or "", hit.start(), hit.end(), quote)
    return drafts


@dataclass
class Antecedents:
    """Who "the group" and "she" stand for: the organisation and the person last named."""

    group: str = ""
    person: str = ""

    def note(self, name: str, frames: Frames) -> None:
        if not name or name.lower() in frames.anaphors or not re.search(r"[A-Z]", name):
            return
        if _is_person(name):
            self.person = name
        else:
            self.group = name


_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Governor|Mayor|General|Gen|Col|Colonel|Major|Captain|Chief|Senator|"
    r"Judge|Prosecutor|spokes(?:man|woman|person)|head|leader|commander|director|secretary|ambassador|envoy)\b"
)
_ORG_WORDS = frozenset(
    """watch rights army ministry police group front movement party council agency commission office union
    organisation organization international committee court forces force guard brigade brigades state islamic
    cross crescent nations mission service services authority bureau department government alliance coalition
    network company corporation bank""".split()
)


def _is_person(name: str) -> bool:
    """A person's name (with a title, or two or three capitalised words none of which names an organisation)."""
    if _TITLES.search(name):
        return True
    words = re.findall(r"[A-Z][a-z'-]+", name)
    return 2 <= len(words) <= 3 and not any(w.lower() in _ORG_WORDS for w in words)


def resolve_anaphors(frames: Frames, drafts: list[Draft], seen: Antecedents) -> list[Draft]:
    """"the group denied involvement": name the group last blamed, cited or speaking for itself."""
    out = []
    for d in drafts:
        if d.kind == "responsibility":
            actor = d.actor.lower()
            named = seen.person if actor in {"he", "she"} else seen.group
            if actor in frames.anaphors and named:
                d = Draft(d.kind, d.value, d.start, d.end, d.noun, f"{d.actor} ({named})", d.stance)
            elif d.stance == "blamed" and d.noun:
                seen.note(d.actor, frames)
                seen.group = d.noun
            elif actor not in frames.anaphors:
                seen.note(d.actor, frames)
        out.append(d)
    return out


_CITING_VERB = re.compile(r"\b(?:said|says|say|told|according|reported|confirmed|announced|added)\b")


def cited_source(sentence: str) -> str:
    """Who the sentence cites ("officials say", "according to police"); empty when no one is."""
    if not _CITING_VERB.search(sentence.lower()):
        return ""
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence)
        if m:
            source = _INTRO.sub("", m.group("s")).strip(" ,\"'")
            source = re.sub(r"^(?:and|while|but|as|whereas|although)\s+", "", source, flags=re.IGNORECASE)
            source = _TRAILING_ADVERBS.sub("", source).strip()
            if source.lower() in _NOT_A_SOURCE:
                continue
            if source and len(source.split()) <= 10 and not re.search(r"\d", source):
                return source
    return ""

