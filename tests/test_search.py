"""Retrieval at a newsroom's scale, on SQLite and PostgreSQL: a story's own event among its look-alikes.

Real reference reports of an event (``tests/data/events``) are planted among generated reports of
other incidents in the same places with the same actors (``bench.newsroom.distractors``): other
attacks in the city, on other days, with tolls of their own. The full-text ranking must bring every
planted report back, and the check must come to the verdicts it gives against the planted reports alone.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench import newsroom
from db import Store, run_check, search
from db.check import MAX_CANDIDATE_REPORTS
from db.search import Query, ranked_reports
from verifier import analyse, parse_report_file, read_story, salient_terms
from verifier.types import Document

EVENTS = Path(__file__).parent / "data" / "events"
DISTRACTORS = 240

PLANTED = newsroom.PLANTED_EVENTS


def _jsonl(docs: list[Document]) -> io.StringIO:
    lines = [
        json.dumps({"outlet": d.outlet, "url": d.url, "title": d.title, "text": d.text,
                    "published": d.published.isoformat() if d.published else None})  # fmt: skip
        for d in docs
    ]
    return io.StringIO("\n".join(lines))


def _planted(folder: Path) -> list[Document]:
    docs: list[Document] = []
    for path in sorted((folder / "sources").iterdir()):
        found, errors = parse_report_file(path)
        assert errors == []
        docs.extend(found)
    return docs


def _verdicts(store: Store, story: Document) -> list[tuple[str, str, str]]:
    _, result = run_check(store, story, save=False)
    return [(f.claim.kind, f.verdict, f.status) for f in result.findings]


@pytest.mark.parametrize(("event", "places", "country", "actors", "around"), PLANTED, ids=[p[0] for p in PLANTED])
def test_an_events_reports_are_found_among_look_alikes_and_keep_its_verdicts(
    db_factory: object, event: str, places: list[str], country: str, actors: list[str], around: datetime
) -> None:
    story = read_story(str(EVENTS / event / "story.txt"))
    planted = _planted(EVENTS / event)
    with Store.open(db_factory()) as alone:  # type: ignore[operator]
        assert alone.import_jsonl(_jsonl(planted)).added == len(planted)
        expected = _verdicts(alone, story)
        planted_ids = {r.id for r in alone.list_reports()}
    with Store.open(db_factory()) as hidden:  # type: ignore[operator]
        others = list(newsroom.distractors(places, actors, around, DISTRACTORS, country=country, seed=len(event)))
        half = len(others) // 2
        # planted reports arrive in the middle of the library, as they would in a newsroom's
        hidden.import_jsonl(_jsonl(others[:half]))
        assert hidden.import_jsonl(_jsonl(planted)).added == len(planted)
        hidden.import_jsonl(_jsonl(others[half:]))
        assert hidden.count_reports() == len(planted) + len(others)
        terms = salient_terms(analyse(story.text).text)
        ranked = hidden.matching_reports(terms, published=story.published, max_reports=MAX_CANDIDATE_REPORTS, min_shared=2)
        titles = {r.id: r.title for r in hidden.list_reports(limit=len(others) + len(planted))}
        assert {d.title for d in planted} <= {titles[i] for i in ranked}, event
        assert _verdicts(hidden, story) == expected
    assert planted_ids


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["kabul", "dasht-e-barchi"], ["rare", "common-new", "common-old"]),  # the rare name first, then the newer
        (["kabul"], ["common-new", "common-old", "rare"]),
        (["herat"], []),
    ],
)
def test_rare_names_weigh_more_and_time_breaks_ties(store: Store, terms: list[str], expected: list[str]) -> None:
    t0 = datetime(2021, 5, 1, tzinfo=UTC)
    filler = " ".join(f"Word{i} appeared." for i in range(30))
    docs = [
        Document(f"Officials in Kabul spoke. {filler}", title="common-old", outlet="A", published=t0),
        Document(f"Officials in Kabul spoke again. {filler}", title="common-new", outlet="B", published=t0 + timedelta(days=9)),
        Document(f"Officials in Kabul said Dasht-e-Barchi was hit. {filler}", title="rare", outlet="C", published=t0 - timedelta(days=300)),
    ]
    docs += [Document(f"Report {i} from Kabul. {filler}", title=f"kabul-{i}", outlet="D", published=t0 - timedelta(days=400 + i)) for i in range(20)]
    store.import_jsonl(_jsonl(docs))
    ids = {r.title: r.id for r in store.list_reports(limit=100)}
    with store.engine.connect() as conn:
        ranked = ranked_reports(conn, Query(terms=terms, anchor=t0 + timedelta(days=10), window=None, limit=len(docs)))
    names = {v: k for k, v in ids.items()}
    assert [names[i] for i in ranked if not names[i].startswith("kabul-")] == expected


def test_common_names_count_but_find_no_report_on_their_own(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``SEARCHED_ENTRIES`` a name is too common to search the index for: a report must hold one
    of the story's rarer names to be found, and the common ones still count towards ``min_shared``."""
    t0 = datetime(2021, 5, 1, tzinfo=UTC)
    filler = " ".join(f"Word{i} appeared." for i in range(30))
    docs = [
        Document(f"Taliban fighters hit Kabul's Dasht-e-Barchi district. {filler}", title="rare", outlet="A", published=t0),
        Document(f"Fighting in Dasht-e-Barchi. {filler}", title="rare-alone", outlet="A", published=t0),
        Document(f"The Taliban denied the attack in Kabul. {filler}", title="common-near", outlet="B", published=t0 + timedelta(days=1)),
    ]
    docs += [Document(f"Report {i} on the Taliban in Kabul. {filler}", title=f"kabul-{i}", outlet="D", published=t0 - timedelta(days=400 + i)) for i in range(12)]
    store.import_jsonl(_jsonl(docs))
    names = {r.id: r.title for r in store.list_reports(limit=100)}
    terms = ["kabul", "taliban", "dasht-e-barchi"]

    def ranked(window: timedelta | None) -> list[str]:
        with store.engine.connect() as conn:
            query = Query(terms=terms, anchor=t0, window=window, limit=len(docs), min_shared=2)
            return [names[i] for i in ranked_reports(conn, query)]

    assert ranked(None)[0] == "rare" and set(ranked(None)) == {d.title for d in docs} - {"rare-alone"}
    assert ranked(timedelta(days=3)) == ["rare", "common-near"]
    monkeypatch.setattr(search, "SEARCHED_ENTRIES", 5)
    store.refresh_statistics()
    assert ranked(None) == ranked(timedelta(days=3)) == ["rare"]
