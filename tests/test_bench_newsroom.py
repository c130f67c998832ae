"""The newsroom generator writes what retrieval has to survive: long wire copy, copies, look-alikes."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from bench import newsroom, retrieval
from db.convert import claim_columns
from verifier import extract_claims


def test_same_seed_same_library_other_seed_other_library() -> None:
    first = [(d.title, d.text) for d in newsroom.library(40, seed=3)]
    assert first == [(d.title, d.text) for d in newsroom.library(40, seed=3)]
    assert first != [(d.title, d.text) for d in newsroom.library(40, seed=4)]


def test_reports_are_wire_copy_of_300_to_800_words_copied_on_several_sites() -> None:
    docs = list(newsroom.library(300, seed=5))
    words = [len(d.text.split()) for d in docs]
    assert min(words) >= 250 and max(words) <= 1_000 and 350 <= sorted(words)[len(words) // 2] <= 800
    assert len({d.text for d in docs}) == len(docs)  # copies are edited, never the same text
    by_update = Counter(d.url.rsplit("/", 1)[-1] for d in docs)
    assert max(by_update.values()) >= 3  # one wire update on several sites
    assert len({d.outlet for d in docs}) >= 20
    cities = Counter(d.text.split(",", 1)[0] for d in docs)
    assert len(cities) >= 10 and cities.most_common(1)[0][1] >= 20  # many attacks in one city


def test_tolls_rise_over_an_events_updates() -> None:
    docs = [d for d in newsroom.library(60, seed=6) if "|" not in d.title]
    first_event = [d for d in docs if d.url.rsplit("/", 1)[-1].rsplit("-", 1)[0] == docs[0].url.rsplit("/", 1)[-1].rsplit("-", 1)[0]]
    tolls = [int(d.title.split(" kills ")[1].split(",")[0]) for d in first_event]
    assert len(tolls) == newsroom.UPDATES_PER_EVENT and tolls == sorted(tolls) and tolls[0] < tolls[-1]


def test_look_alikes_share_the_places_and_actors_but_never_the_day() -> None:
    around = datetime(2024, 3, 12, tzinfo=UTC)
    docs = list(newsroom.distractors(["Velmor"], ["the Black Banner Brigade"], around, 50, country="Tarsania", seed=1))
    assert len(docs) == 50
    assert all("Velmor" in d.text and "Black Banner Brigade" in d.text for d in docs)
    assert all(d.published is not None and abs(d.published - around) > timedelta(days=1) for d in docs)


def test_a_site_copy_gets_the_claims_extraction_finds_in_it() -> None:
    """The benchmark library extracts only the wire updates; each copy's claims are the wire's in the
    paragraphs it kept, which must be what extracting the copy itself gives."""
    docs = list(newsroom.library(40, seed=8))
    pairs = retrieval._with_claims(docs)
    copies = [(doc, rows) for doc, rows in pairs if doc.outlet not in newsroom.WIRES]
    assert len(copies) >= 20 and any(rows for _, rows in copies)
    for doc, rows in copies:
        assert rows == [claim_columns(c, i) for i, c in enumerate(extract_claims(doc.text))], doc.url
