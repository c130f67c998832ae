"""Claim frames loaded from data (``data/frames.toml``) and compiled once.

The frames file is what a newsroom edits to teach the extractor new words; loading validates it
and reports every problem at once, the way spaCy's matcher validates its patterns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .patterns import trie

CASUALTY_KINDS = ("killed", "injured", "arrested")
RESPONSIBILITY_KEYS = ("claimed", "denied", "denied_embedded", "blamed", "blamed_embedded", "anaphors", "triggers")


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class CasualtyFrame:
    kind: str
    after: re.Pattern[str]
    before: re.Pattern[str]
    toll: re.Pattern[str]


@dataclass(frozen=True)
class Frames:
    casualty: tuple[CasualtyFrame, ...]
    auxiliaries: str
    people_nouns: str
    munitions_noun: re.Pattern[str]
    troops_noun: re.Pattern[str]
    troop_actions: tuple[tuple[str, re.Pattern[str]], ...]
    troop_change: re.Pattern[str]
    troop_level_before: re.Pattern[str]
    intercepted: re.Pattern[str]
    claimed: re.Pattern[str]
    denied: re.Pattern[str]
    denied_embedded: re.Pattern[str]
    blamed: re.Pattern[str]
    blamed_embedded: re.Pattern[str]
    anaphors: frozenset[str]
    attribution_trigger: re.Pattern[str]
    people_noun_after: re.Pattern[str]
    # Each casualty frame's part for all kinds at once: it matches where any kind's would, so a figure
    # that none can hold is refused in one scan instead of three (the kinds are then tried in order).
    casualty_after_any: re.Pattern[str]
    casualty_before_any: re.Pattern[str]
    casualty_toll_any: re.Pattern[str]


def _check(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []

    def words(path: str, value: Any) -> None:
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
            problems.append(f"{path}: expected a non-empty list of strings")
            return
        for w in value:
            try:
                re.compile(w)
            except re.error as exc:
                problems.append(f"{path}: {w!r} is not a valid pattern ({exc})")

    words("auxiliaries", data.get("auxiliaries"))
    words("people_nouns", data.get("people_nouns"))
    for kind in CASUALTY_KINDS:
        for part in ("after", "before", "toll"):
            words(f"kinds.{kind}.{part}", data.get("kinds", {}).get(kind, {}).get(part))
    for noun in ("munitions", "troops"):
        words(f"nouns.{noun}", data.get("nouns", {}).get(noun))
    for action in ("withdraw", "deploy", "level"):
        words(f"troop_actions.{action}", data.get("troop_actions", {}).get(action))
    words("troop_change.verbs", data.get("troop_change", {}).get("verbs"))
    words("munition_actions.intercepted", data.get("munition_actions", {}).get("intercepted"))
    for key in RESPONSIBILITY_KEYS:
        words(f"responsibility.{key}", data.get("responsibility", {}).get(key))
    return problems


def compile_frames(data: dict[str, Any]) -> Frames:
    """Compile validated frame data; raises ConfigError listing every problem found."""
    problems = _check(data)
    if problems:
        raise ConfigError("the claim frames have problems:\n  " + "\n  ".join(problems))
    aux = _alt(data["auxiliaries"])
    people = _alt(data["people_nouns"])
    number_object = r"(?:at least |more than |about |some |nearly |around )?(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|a\b|an\b|the\b|his\b|her\b|their\b|its\b|several\b|dozens\b|scores\b|hundreds\b)"
    def after_frame(words: str) -> re.Pattern[str]:
        return re.compile(
            rf"^(?:\s+more)?(?:(?:\s+(?:[\w'-]+\s+){{0,2}}?{people}(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?[\w'-]+)?)?(?:,[^,.;]{{1,50}},)?(?:\s+{aux})*"
            rf"|(?:\s+[a-z][\w'-]*){{1,3}}(?:,[^,.;]{{1,50}},)?(?:\s+{aux})+"
            rf"|\s+of\s+(?:the\s+)?[\d,]+(?:\s+[a-z][\w'-]*){{1,2}}(?:\s+{aux})+)\s+{words}\b(?!\s+{number_object})",
            re.IGNORECASE,
        )

    def before_frame(words: str) -> re.Pattern[str]:
        return re.compile(
            rf"\b{words}\s+(?:(?:a total of|another|a further|an additional|at least another|all|all the|all of the)\s+)?$",
            re.IGNORECASE,
        )

    def toll_frame(words: str) -> re.Pattern[str]:
        return re.compile(
            rf"\b{words}\b[^.;]{{0,140}}?\b(?:rose|risen|rises|climbed|climbs|mounted|mounts|reached|reaches|hit|hits|crossed|passed|touched|stands at|stood at|jumped|increased|went up|now|is|was|of|at|to)\s+(?:to\s+)?$",
            re.IGNORECASE,
        )

    casualty = []
    for kind in CASUALTY_KINDS:
        spec = data["kinds"][kind]
        casualty.append(
            CasualtyFrame(kind, after_frame(_alt(spec["after"])), before_frame(_alt(spec["before"])), toll_frame(_alt(spec["toll"])))
        )

    def any_kind(part: str) -> str:
        return "(?:" + "|".join(_alt(data["kinds"][kind][part]) for kind in CASUALTY_KINDS) + ")"

    nouns = data["nouns"]
    # "1,800 US and allied troops"; not "38 in US airstrikes", where the figure counts something else
    noun_head = r"^\s+(?:of\s+(?:the\s+)?)?(?:(?!(?:in|on|at|from|by|after|during|near|across|into|over|under|since)\b)[\w.'-]+\s+){0,3}?"
    actions = tuple(
        (name, re.compile(rf"\b{_alt(data['troop_actions'][name])}\b", re.IGNORECASE))
        for name in ("withdraw", "deploy", "level")
    )
    change = re.compile(
        rf"\b{_alt(data['troop_change']['verbs'])}\s+(?:[\w'-]+\s+){{0,10}}?from\s+(?P<a>[\d,.]+(?:\s+(?:thousand|million))?)\s+to\s+(?P<b>[\d,.]+(?:\s+(?:thousand|million))?)"
        rf"|\b{_alt(data['troop_change']['verbs'])}\s+(?:[\w'-]+\s+){{0,10}}?to\s+(?P<b2>[\d,.]+),?\s+(?:down\s+|up\s+)?from\s+(?P<a2>[\d,.]+)",
        re.IGNORECASE,
    )
    troop_words = _alt(nouns["troops"] + ["troop levels?", "(?:military )?presence", "a force", "contingent"])
    level_before = re.compile(
        rf"\b{troop_words}\b[^.;]{{0,80}}?\b(?:to|at|of|about|around|some|roughly|leaving|keeping|leave|remaining|numbered)\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
        re.IGNORECASE,
    )
    resp = data["responsibility"]
    embedded_subject = r"(?P<subj>(?:the |an? )?[A-Za-z][\w'-]*(?: [A-Z][\w'-]*)*(?: [a-z][\w'-]*){0,2}?)"
    speech = (
        r"(?:said|says|say|insisted|insists|added|stated|maintained|believed|believe|believes|suspected|suspect|suspects|think|thinks|thought"
        r"|indicated|indicates|alleged|alleges|concluded|shows|showed|found|suggested|suggests|claimed"
        r"|told(?: [\w'-]+){1,6}?)"
        r"(?: (?:in|on|via|through|to|from) [\w']+(?: [\w']+){0,3}?){0,2},?(?: that)?"
    )
    return Frames(
        casualty=tuple(casualty),
        auxiliaries=aux,
        people_nouns=people,
        munitions_noun=re.compile(rf"{noun_head}{_alt(nouns['munitions'])}\b", re.IGNORECASE),
        troops_noun=re.compile(rf"{noun_head}{_alt(nouns['troops'])}\b", re.IGNORECASE),
        troop_actions=actions,
        troop_change=change,
        troop_level_before=level_before,
        intercepted=re.compile(rf"\b{_alt(data['munition_actions']['intercepted'])}\b", re.IGNORECASE),
        claimed=re.compile(rf"\b{_alt(resp['claimed'])}", re.IGNORECASE),
        denied=re.compile(rf"\b{_alt(resp['denied'])}\b", re.IGNORECASE),
        denied_embedded=re.compile(rf"\b{speech} {embedded_subject} (?:{aux} )*?{_alt(resp['denied_embedded'])}\b"),
        blamed=re.compile(rf"\b{_alt(resp['blamed'])}\b", re.IGNORECASE),
        blamed_embedded=re.compile(rf"\b{speech} {embedded_subject} (?:{aux} )*?{_alt(resp['blamed_embedded'])}\b"),
        anaphors=frozenset(a.lower() for a in resp["anaphors"]),
        attribution_trigger=re.compile(r"\b" + trie([t.lower() for t in resp["triggers"]])),
        people_noun_after=re.compile(rf"\s+(?:more\s+)?(?:[\w'-]+\s+){{0,2}}?({people})\b", re.IGNORECASE),
        casualty_after_any=after_frame(any_kind("after")),
        casualty_before_any=before_frame(any_kind("before")),
        casualty_toll_any=toll_frame(any_kind("toll")),
    )


def load_frames(path: Path | None = None) -> Frames:
    """Frames from ``path``, or the packaged defaults."""
    if path is None:
        return default_frames()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read claim frames from {path}: {exc}") from exc
    return compile_frames(data)


@lru_cache(maxsize=1)
def packaged_data() -> dict[str, Any]:
    """The packaged frames file, parsed once: the frames, the cue lexicon and the role reader's words
    all come from it (callers read it, never change it)."""
    return tomllib.loads(resources.files("verifier").joinpath("data/frames.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_frames() -> Frames:
    return compile_frames(packaged_data())
