"""A check run against a real library: candidates come from the store, results go to the history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import Store, run_check
from verifier import analyse, salient_terms
from verifier.types import Document

T0 = datetime(2020, 11, 21, 8, 0, tzinfo=UTC)
STORY = Document(
    "Rockets hit Kabul on Saturday, killing at least eight people, officials in Kabul said. "
    "The Taliban denied responsibility for the attack on Kabul.",
    title="Kabul rockets",
    outlet="Desk",
    published=T0 + timedelta(hours=3),
)
SOURCES = [
    ("Reuters", "Rockets struck Kabul on Saturday and killed eight people, officials in Kabul said.", T0),
    ("AP", "In Kabul, a rocket attack on Saturday killed 12 people, the Interior Ministry in Kabul said.", T0 + timedelta(hours=1)),
    ("AFP", "A bomb in Mosul killed eight people on Saturday, officials in Mosul said.", T0),
    ("Old", "Rockets struck Kabul and killed eight people, officials in Kabul said in March.", T0 - timedelta(days=60)),
]


@pytest.fixture
def library(store: Store) -> Store:
    for outlet, text, published in SOURCES:
        store.add_document(Document(text, outlet=outlet, published=published))
    return store


@pytest.mark.parametrize("save", [True, False])
def test_run_check_uses_the_library_and_keeps_history(library: Store, save: bool) -> None:
    check_id, result = run_check(library, STORY, save=save)
    analysis = analyse(STORY.text)
    candidates = library.candidates(analysis.claims, terms=salient_terms(STORY.text), published=STORY.published)
    assert [f.claim for f in result.findings] == list(analysis.claims)
    assert result.sources == len({c.report.id for c in candidates})
    assert {c.report.outlet for c in candidates} <= {"Reuters", "AP"}  # Mosul shares no names, Old is too old
    assert result.story.text == analysis.text and result.story.title == STORY.title
    assert result.checked_at is not None and result.checked_at.tzinfo == UTC
    if save:
        assert check_id is not None
        assert library.get_check(check_id).to_dict() == result.to_dict()
        assert [c.id for c in library.list_checks()] == [check_id]
    else:
        assert check_id is None and library.list_checks() == []


def test_a_story_with_nothing_in_the_library_is_all_unverified(store: Store) -> None:
    _, result = run_check(store, STORY, save=False)
    assert result.sources == 0
    assert {f.verdict for f in result.findings} <= {"unverified"}


def test_a_saved_check_records_how_it_was_decided(store: Store) -> None:
    store.add_document(Document(text="Rockets hit Kabul. Eight people were killed in Kabul, the Taliban said.", outlet="Wire"))
    check_id, _ = run_check(store, Document(text="Rockets killed at least eight people in Kabul, where the Taliban denied it."))
    assert check_id is not None
    settings = store.get_check(check_id).settings
    assert settings["approx_tolerance"] == 0.15
    assert "kabul" in settings["terms"]
    assert settings["max_candidate_reports"] == 200


def test_the_storys_own_copy_in_the_library_changes_no_verdict(library: Store) -> None:
    _, alone = run_check(library, STORY, save=False)
    library.add_document(Document(STORY.text + " Photo: Desk.", outlet="Desk", url="https://desk.example/kabul", published=STORY.published))
    check_id, with_copy = run_check(library, STORY)
    assert [(f.verdict, f.status) for f in with_copy.findings] == [(f.verdict, f.status) for f in alone.findings]
    assert [o.outlet for o in with_copy.own_copies] == ["Desk"]
    assert check_id is not None and library.get_check(check_id).own_copies == with_copy.own_copies


def test_arrests_the_story_leaves_out_are_listed(library: Store) -> None:
    library.add_document(
        Document(
            "Rockets hit Kabul on Saturday, killing eight people, officials in Kabul said. Police in Kabul arrested "
            "three suspects in Kabul on Sunday.",
            outlet="Pajhwok",
            published=T0 + timedelta(hours=2),
        )
    )
    check_id, result = run_check(library, STORY)
    assert [(u.claim.kind, u.sources[0].outlet) for u in result.untold if u.claim.kind == "arrested"] == [("arrested", "Pajhwok")]
    assert check_id is not None and library.get_check(check_id).to_dict()["untold"] == result.to_dict()["untold"]


def test_an_undated_story_is_placed_by_its_dateline_not_by_a_later_follow_up(store: Store) -> None:
    """The follow-up weeks later shares the most names (an arrest names everyone); without the
    dateline the window is drawn around it and the incident's own reports fall outside."""
    day = datetime(2024, 9, 22, 8, tzinfo=UTC)
    for hours, outlet, when in ((0, "WBRC", "late Saturday"), (9, "WBHM", "on Saturday night"), (30, "AP", "at the weekend")):
        store.add_document(Document(
            f"A mass shooting in Birmingham's Five Points South {when} left four people dead and 17 injured, "
            "Chief Scott Thurmond said.", outlet=outlet, published=day + timedelta(hours=hours),
        ))  # fmt: skip
    store.add_document(Document(
        "Police Chief Scott Thurmond said Randall Woodfin's city had charged a man over the four killed in "
        "Five Points South, Birmingham: Anitra Holloman, Tahj Booker, Carlos McCain and Roderick Patterson.",
        outlet="CNN", published=day + timedelta(days=25),
    ))  # fmt: skip
    text = (
        "Reward offered for gunmen who killed 4 in Birmingham\n\nSeptember 24, 2024\n\n"
        "Mayor Randall Woodfin said four people were killed and 17 injured in Five Points South. "
        "Chief Scott Thurmond named Anitra Holloman, Tahj Booker, Carlos McCain and Roderick Patterson."
    )
    from verifier.intake import document_from_text

    story = document_from_text(text, name="story.txt")
    _, result = run_check(store, story, save=False)
    assert result.sources == 3
    killed = next(f for f in result.findings if f.claim.kind == "killed")
    assert killed.verdict == "agrees" and {e.outlet for e in killed.evidence} == {"WBRC", "WBHM", "AP"}
