"""The benchmark's generators: deterministic, and their text says what their ground truth claims.

Benchmark figures only compare across commits if the inputs are the same, and a generator whose
facts are not in its text would measure the wrong thing; the smoke runs keep ``python -m bench``
from rotting between full runs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench import corpus, extraction, library
from verifier import extract_claims, find_numbers

CASUALTY_KINDS = ("killed", "injured", "arrested", "troops", "munitions")


def test_same_seed_same_text_and_other_seed_other_text() -> None:
    first = [a.text for a in corpus.articles(30, seed=5)]
    assert first == [a.text for a in corpus.articles(30, seed=5)]
    assert first != [a.text for a in corpus.articles(30, seed=6)]
    rows = [(r.text, r.claims) for r in corpus.library_reports(2_000, seed=5)]
    assert rows == [(r.text, r.claims) for r in corpus.library_reports(2_000, seed=5)]


def test_articles_carry_the_figures_they_claim() -> None:
    checked = Counter[str]()
    for art in corpus.articles(200, seed=11):
        mentions = {m.text.lower(): m for m in find_numbers(art.text)}
        for fact in art.facts:
            mention = mentions.get(fact.phrase.lower())
            assert mention is not None, (fact, art.text[:200])
            if fact.kind in CASUALTY_KINDS:
                assert mention.value.qualifier == fact.qualifier, (fact, mention)
                assert mention.value.contains(fact.figure), (fact, mention)
            else:
                assert mention.category == fact.kind, (fact, mention)
            checked[fact.kind] += 1
    assert all(checked[kind] > 0 for kind in ("killed", "injured", "arrested", "time", "year", "percent", "money"))
    assert len({a.event.key for a in corpus.articles(200, seed=11)}) > 50


def test_a_range_right_after_a_dateline_is_a_count() -> None:
    text = "KABUL, Nov 21 (Wire One) - Between 12 and 15 people were killed in a rocket attack."
    assert [m.category for m in find_numbers(text) if m.text == "Between 12 and 15"] == ["count"]


def test_library_claims_are_what_extraction_finds() -> None:
    reports = list(corpus.library_reports(3_000, seed=3, seed_reports=20))
    assert sum(len(r.claims) for r in reports) >= 3_000
    assert sum(r.event_key == corpus.SEED_EVENT_KEY for r in reports) == 20
    found = total = 0
    for report in reports[:150]:
        extracted = Counter((c.kind, c.value.text if c.value else c.actor) for c in extract_claims(report.text))
        for row in report.claims:
            total += 1
            key = (row["kind"], row["value_text"] if row["qualifier"] is not None else row["actor"])
            found += extracted[key] > 0
            assert report.text[row["span_start"] : row["span_end"]] == row["value_text"]
    assert found / total > 0.95


def test_extraction_smoke_run_of_a_tiny_size() -> None:
    result = extraction.run(articles=10, quantulum_articles=0, big_mb=0.02)
    assert result["verifier"]["articles"] == 10
    assert result["big_input"]["finished"]
    assert any(row["phrase"] == "at least eight" for row in result["qualitative"]) or result["seed_story"].startswith("generated")
    assert "words/s" in extraction.report(result)


def test_library_smoke_build_check_and_scan(tmp_path: Path) -> None:
    db_path, meta = library.library(1_500, out=tmp_path)
    assert not meta["cached"] and meta["claims"] >= 1_400
    assert library.library(1_500, out=tmp_path)[1]["cached"]
    story, _ = corpus.seed_story()
    check = library.check_latency(db_path, story, runs=1)
    assert check["sources"] > 0
    assert library.scan_baseline(db_path, story, runs=1)["sentences"] == meta["claims"]
