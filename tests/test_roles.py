"""The role reader: each figure and singular person gets a kind from the cues around it, or none."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import extract_claims
from verifier.roles import default_lexicon, read
from verifier.roles.lexicon import FORMS_FILE, expand_forms, inflect
from verifier.roles.words import AUXILIARIES, PERSON_NOUNS, READER_LISTS, SINGLE_PERSON, check_reader

# (sentence, expected (kind, low, high) of the reader's decisions with a kind)
READS = [
    ("Five bodies and 21 injured people were brought to hospital, officials said.", [("killed", 5, 5), ("injured", 21, 21)]),
    ("More than 120 soldiers have now been diagnosed with concussion injuries.", [("injured", 120, None)]),
    ("Soldiers hurt in the barrage now top 80", [("injured", 80, None)]),
    ("Russian Missiles Hit Ukrainian Cities, Kill 31, Officials Say", [("killed", 31, 31)]),
    ("The bombing killed 14 people, including two children.", [("killed", 14, 14), ("killed", 2, 2)]),
    ("Police arrested a 16-year-old boy near the school.", [("arrested", 1, 1)]),
    ("He was taken into custody at about 15:30 local time.", [("arrested", 1, 1)]),
    ("The person who planted the bomb has been arrested.", [("arrested", 1, 1)]),
    ("The suspect in a stabbing spree has died.", [("killed", 1, 1)]),
    ("A suspect has been arrested by state police.", [("arrested", 1, 1)]),
    ("Mr Halvorsen was taken into custody at a motel.", [("arrested", 1, 1)]),
    ("Daniel Okafor was held after a short foot chase.", [("arrested", 1, 1)]),
    ("Another victim died in a nearby hospital.", [("killed", 1, 1)]),
    ("A man and a woman were killed in the crash.", [("killed", 2, 2)]),
    ("Two adults and three children were hurt.", [("injured", 5, 5)]),
    ("Six people were shot, two fatally, police said.", [("killed", 2, 2)]),
    ("Maria Lopez, 41, of Riverside, was killed.", [("killed", 1, 1)]),
    ("Four men inside the house were injured.", [("injured", 4, 4)]),
    ("Gunmen killed 7 guards at the checkpoint.", [("killed", 7, 7)]),
    ("4 dead, 9 hurt in highway pile-up", [("killed", 4, 4), ("injured", 9, 9)]),
    ("Two of the five victims died overnight.", [("killed", 2, 2)]),
    # counts of different groups joined by "and" stand apart; plain people are summed
    ("The rebels said the fighting left 84 Wagner fighters and 47 Malian soldiers dead.", [("killed", 84, 84), ("killed", 47, 47)]),
    ("Two police officers and three civilians were killed.", [("killed", 2, 2), ("killed", 3, 3)]),
    ("Four men and two women died in the fire.", [("killed", 6, 6)]),
    ("An off-duty policeman and his sister were among the dead.", [("killed", 2, 2)]),
    # a list after a total that sums to it is its parts
    ("Eleven people were killed, eight Iranians, two Syrians and one Lebanese, the monitor said.",
     [("killed", 11, 11), ("killed", 8, 8), ("killed", 2, 2), ("killed", 1, 1)]),
    ("KFOR said 30 of its soldiers, 11 Italians and 19 Hungarians, were injured.", [("injured", 30, 30), ("injured", 11, 11), ("injured", 19, 19)]),
    # an age range inside the subject, a second passive verb joined by "and"
    ("Four teenagers aged between 15 and 16 had already been arrested.", [("arrested", 4, 4)]),
    ("Five people, aged between 16 and 29, were arrested in the early hours.", [("arrested", 5, 5)]),
    ("The gunman was subdued by patrons and arrested by police.", [("arrested", 1, 1)]),
    # arrests told as "caught"; not "caught in the crossfire"
    ("Russia says it has caught all four gunmen behind the concert hall massacre", [("arrested", 4, 4)]),
    ("Police had caught 176 suspects in 31 provinces.", [("arrested", 176, 176)]),
    ("Three people were caught in the crossfire.", []),
    # "fighting for the lives of 107 people"; fatal wounds are deaths; "a boy of 15" is one person
    ("Doctors were fighting for the lives of 107 people.", [("injured", 107, 107)]),
    ("Seven victims with fatal gunshot wounds were found there.", [("killed", 7, 7)]),
    ("Officers said they had arrested a boy of 15 who was known to police.", [("arrested", 1, 1)]),
    ("A woman of 82 died in the fire.", [("killed", 1, 1)]),
    # the verb left out before the second figure's place: it takes the first's kind
    ("Four people died at the scene and two in hospital.", [("killed", 4, 4), ("killed", 2, 2)]),
    ("Four of the victims were killed at one location and the other three at a second location.", [("killed", 4, 4), ("killed", 3, 3)]),
    ("Six were killed in Kabul and four in Herat.", [("killed", 6, 6), ("killed", 4, 4)]),
    ("Two people were killed and three were injured in hospital.", [("killed", 2, 2), ("injured", 3, 3)]),
    # places counted are not people
    ("Rockets hit two sites, killing five people.", [("killed", 5, 5)]),
    ("A woman was shot and killed on Sunday.", [("killed", 1, 1)]),
    ("Police said eleven people are in custody.", [("arrested", 11, 11)]),
    ("A teenager died after being stabbed outside a shop.", [("killed", 1, 1)]),
    ("The attack claimed the lives of 14 worshippers.", [("killed", 14, 14)]),
    ("Three rockets landed near the base.", []),
    ("The prison, built for 300 men, held nearly 900 last year.", []),
    ("The town, a community of about 900, mourned.", []),
    ("The state announced compensation of Rs1 million for the family of each of those killed.", []),
    ("Marcus Lee Grant Jr., 19, of Opelika, was arrested on Thursday.", [("arrested", 1, 1)]),
    ("The two suspects, Ali Sow and Musa Bah, both 28, were arrested in the north.", [("arrested", 2, 2)]),
    ("Two children, aged 4 and 11, are among those hurt.", [("injured", 2, 2)]),
    ("Police also arrested the suspect's grandfather and uncle.", [("arrested", 2, 2)]),
    ("Three suspected militants, one of them a local commander, have been arrested.", [("arrested", 3, 3), ("arrested", 1, 1)]),
    ("The suspect gave himself up after police cornered him.", [("arrested", 1, 1)]),
    ("The toll rose to 168 on Friday, up from 130 the previous day.", [("killed", 168, 168), ("killed", 130, 130)]),
    ("Residents say the true toll runs into the dozens.", [("killed", 24, 99)]),
    ("Of the 120 dead, 80 were men and 25 were women.", [("killed", 120, 120), ("killed", 80, 80), ("killed", 25, 25)]),
    ("A 32-year-old man was arrested.", [("arrested", 1, 1)]),
    ("Two crew members of the Silver Dawn were killed and four injured, according to two officials.", [("killed", 2, 2), ("injured", 4, 4)]),
    ("Staff at Kenyatta National Hospital said three protesters were killed.", [("killed", 3, 3)]),
    ("Before Friday's blast, officials said 40 people had been killed.", [("killed", 40, 40)]),
    ("The attack killed two men, aged 61 and 48, and a woman aged 50.", [("killed", 3, 3)]),
    ("The girl was taken to hospital, where she later died.", [("killed", 1, 1)]),
    ("Nine people were killed and 14 injured on Friday in shootings at two markets.", [("killed", 9, 9), ("injured", 14, 14)]),
    ("A police officer told reporters that the hostages were being held in a basement.", []),
    ("Six of the victims are still in hospital.", [("injured", 6, 6)]),
    ("The two officers are believed to have suffered minor injuries.", [("injured", 2, 2)]),
    ("A 22-year-old male suspect is in police custody.", [("arrested", 1, 1)]),
    ("Jordan Miles Avery, who was in custody, appeared in court.", [("arrested", 1, 1)]),
    ("Ohio woman arrested after fatally shooting mother of 3", [("arrested", 1, 1), ("killed", 1, 1)]),
    ("The shooting death of the teenager set off protests.", [("killed", 1, 1)]),
    ("She faces two counts of assault in the death of her neighbour.", [("killed", 1, 1)]),
    ("Eight Iranians and two Syrians were killed in the strike.", [("killed", 8, 8), ("killed", 2, 2)]),  # two peoples, counted apart
    ("Rockets hit the base, wounding six people, five soldiers and a contractor.", [("injured", 6, 6), ("injured", 5, 5), ("injured", 1, 1)]),
    # a list between commas that says who a count's people were is no figure of its own
    ("Two of them, a man of 30 and a woman of 22, are fighting for their lives.", [("injured", 2, 2)]),
    ("Another four people, three men and a woman, also suffered injuries.", [("injured", 4, 4)]),
    # one more person without a noun: "the fourth", "another"; "N more" after one person is no step
    ("Three died at the scene and the fourth died at a local hospital.", [("killed", 3, 3), ("killed", 1, 1)]),
    ("Another is in serious condition, and three more have been stabilized at local hospitals.", [("injured", 1, 1), ("injured", 3, 3)]),
    ("The toll now stands at 19, after rescuers pulled three more bodies from the rubble.", [("killed", 19, 19)]),
    # a hospital's name with abbreviations inside a "*" of a cue phrase
    ("Four patients from the scene were brought to OSF St. Anthony Medical Center.", [("injured", 4, 4)]),
    # security forces' word for killing, quoted or not; a named victim with a spelled age who died
    ('The governor said 60 criminal suspects had been "neutralized".', [("killed", 60, 60)]),
    ("Police neutralised five gunmen at the checkpoint.", [("killed", 5, 5)]),
    ("Alice Dasilva Aguiar, nine, succumbed to her injuries in hospital on Tuesday.", [("killed", 1, 1)]),
    ("The suspected perpetrator is also dead, police said.", [("killed", 1, 1)]),
    ("By Wednesday four people had undergone surgery.", [("injured", 4, 4)]),
]


@pytest.mark.parametrize(("sentence", "expected"), READS)
def test_reader_decides(sentence: str, expected: list[tuple[str, float, float | None]]) -> None:
    got = [(d.kind, d.value.low, d.value.high) for d in read(default_lexicon(), sentence, last_kind="injured") if d.kind and d.value]
    assert got == expected


def test_two_people_are_two_claims() -> None:
    claims = extract_claims("A man died and a 9-year-old was killed in a separate incident.")
    assert [(c.kind, c.value.low if c.value else None) for c in claims] == [("killed", 1), ("killed", 1)]


def test_the_figure_stands_for_the_kind_read_before() -> None:
    claims = extract_claims("Eleven soldiers were treated for brain injuries. The figure had climbed to 34 by Friday.")
    assert [(c.kind, c.value.low if c.value else None) for c in claims] == [("injured", 11), ("injured", 34)]


def test_every_decision_says_why() -> None:
    for d in read(default_lexicon(), "John Reyes, 33, of Elmwood, was killed and two others were hurt."):
        assert d.reasons
    reasons = {d.text: d.reasons[0] for d in read(default_lexicon(), "John Reyes, 33, of Elmwood, was killed.")}
    assert reasons["33"] == "not a figure: an age after a name"


def test_troop_noun_with_an_injury_cue_is_a_count_of_injured() -> None:
    claims = extract_claims("More than 100 American troops have now been diagnosed with mild traumatic brain injury.")
    assert [(c.kind, c.noun) for c in claims] == [("injured", "troops")]


@pytest.mark.parametrize(("lemma", "form"), [("slay", "slain"), ("body", "bodies"), ("succumb", "succumbed"), ("die", "dying")])
def test_inflections_come_from_the_lexicon(lemma: str, form: str) -> None:
    assert form in inflect(lemma)


def test_kept_forms_table_is_up_to_date() -> None:
    """Run ``python -m verifier.roles.lexicon`` after changing ``[cues]`` in the frames file."""
    data = tomllib.loads(resources.files("verifier").joinpath("data/frames.toml").read_text(encoding="utf-8"))
    kept = json.loads(resources.files("verifier").joinpath(FORMS_FILE).read_text(encoding="utf-8"))
    assert kept == expand_forms(data)


_WORDS = (
    "a an the two 3 at least 12 more than of whom including among them man woman suspect police officers "
    "were was has been killed died injured wounded hurt arrested detained custody shot dead fatally bodies "
    "toll rose to and , who said 33 aged mother of 4 Mr Reyes another both couple his her their"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30), st.sampled_from(["", "killed", "injured", "troops"]))
def test_reader_never_raises_and_decisions_stay_in_the_sentence(words: list[str], last_kind: str) -> None:
    sentence = " ".join(words)
    for d in read(default_lexicon(), sentence, last_kind=last_kind):
        assert 0 <= d.start < d.end <= len(sentence)
        assert sentence[d.start : d.end] == d.text
        assert d.reasons
        assert d.value is None or (d.value.low is None or d.value.low >= 0)


def test_reader_words_are_data_in_the_frames_file() -> None:
    """The reader's word lists come from ``[reader]`` in the frames file, every one of them."""
    data = tomllib.loads(resources.files("verifier").joinpath("data/frames.toml").read_text(encoding="utf-8"))
    assert check_reader(data) == []
    assert set(data["reader"]) == set(READER_LISTS)
    assert frozenset(data["reader"]["auxiliaries"]) == AUXILIARIES
    assert "teenager" in SINGLE_PERSON.split("|")
    assert PERSON_NOUNS.match("Syrians") and not PERSON_NOUNS.match("bullets")


def test_reader_words_problems_are_reported_at_once() -> None:
    problems = check_reader({"reader": {"auxiliaries": [], "person_nouns": ["(unclosed"], "tally_verbs": "rose"}})
    assert "reader.auxiliaries: expected a non-empty list of words" in problems
    assert any(p.startswith("reader.person_nouns: '(unclosed' is not a valid pattern") for p in problems)
    assert "reader.tally_verbs: expected a non-empty list of words" in problems
    assert "reader.single_person: expected a non-empty list of words" in problems
    assert check_reader({}) == ["reader: expected a table [reader] with the role reader's word lists"]
