"""The editors' review on real SQLite and PostgreSQL: decisions beside the tool's verdicts, review
states, their audit entries, and a saved check re-run against today's library."""

from __future__ import annotations

import pytest

from db import Store, run_check
from db.audit import AuditFilter
from db.check import rerun_check
from verifier import example
from verifier.errors import InputError, NotFoundError
from verifier.review import decided_verdict, final_verdict, find_finding


@pytest.fixture
def checked(store: Store) -> tuple[Store, int]:
    desk = store.with_editor("Ana Ruiz")
    desk.add_documents(example.source_documents())
    check_id, _ = run_check(desk, example.story_document())
    assert check_id is not None
    return desk, check_id


def _other(verdict: str) -> str:
    return "agrees" if verdict != "agrees" else "conflicts"


def test_decisions_sit_beside_the_tools_verdicts(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    result = desk.get_check(check_id)
    first, second = result.findings[0], result.findings[1]
    desk.reviews.decide(check_id, 0, "confirm", note="matches the wire")
    desk.reviews.decide(check_id, 1, "override", verdict=_other(second.verdict), note="ministry figure is older")
    review = desk.reviews.get(check_id)
    assert review.state == "in review"  # the first decision opened the review
    one, two = review.decision(0), review.decision(1)
    assert one is not None and two is not None
    assert (one.action, one.verdict, one.editor, one.note) == ("confirm", first.verdict, "Ana Ruiz", "matches the wire")
    assert (two.action, two.verdict) == ("override", _other(second.verdict))
    assert review.decision(2) is None
    assert desk.get_check(check_id) == result  # the tool's verdicts are untouched
    assert final_verdict(second, two) == _other(second.verdict)


def test_the_newest_decision_is_in_force_and_the_old_ones_are_history(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    desk.reviews.decide(check_id, 0, "dismiss", note="not this story's")
    store_ben = Store(desk.engine, settings=desk.settings, editor="Ben Okafor")
    store_ben.reviews.decide(check_id, 0, "confirm")
    review = desk.reviews.get(check_id)
    assert [d.action for d in review.history] == ["dismiss", "confirm"]
    decision = review.decision(0)
    assert decision is not None and decision.editor == "Ben Okafor"
    entries = desk.audit.entries(AuditFilter(action="finding decided"), oldest_first=True)
    assert [e.editor for e in entries] == ["Ana Ruiz", "Ben Okafor"]
    assert entries[1].before["action"] == "dismiss" and entries[1].after["action"] == "confirm"


def test_states_move_and_are_audited(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    assert desk.reviews.get(check_id).state == "open"
    review = desk.reviews.set_state(check_id, "reviewed")
    assert (review.state, review.editor) == ("reviewed", "Ana Ruiz")
    desk.reviews.set_state(check_id, "reviewed")  # no change, no entry
    [entry] = desk.audit.entries(AuditFilter(action="check reviewed"))
    assert (dict(entry.before), dict(entry.after), entry.subject_id) == ({"state": "open"}, {"state": "reviewed"}, check_id)
    assert [c.id for c in desk.list_checks(state="reviewed")] == [check_id]
    assert desk.list_checks(state="open") == []
    assert desk.list_checks()[0].review_state == "reviewed"


@pytest.mark.parametrize(
    ("ordinal", "action", "verdict", "note", "message"),
    [
        (0, "approve", "", "", "unknown decision"),
        (0, "override", "", "", "needs a verdict"),
        (0, "override", "maybe", "", "needs a verdict"),
        (99, "confirm", "", "", "has findings 1 to"),
        (0, "confirm", "", "x" * 2001, "keep it under"),
    ],
)
def test_a_bad_decision_is_refused_and_stores_nothing(
    checked: tuple[Store, int], ordinal: int, action: str, verdict: str, note: str, message: str
) -> None:
    desk, check_id = checked
    with pytest.raises(InputError, match=message):
        desk.reviews.decide(check_id, ordinal, action, verdict=verdict, note=note)
    assert desk.reviews.get(check_id).history == ()
    assert desk.audit.count(AuditFilter(action="finding decided")) == 0


def test_overriding_with_the_tools_own_verdict_says_to_confirm(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    verdict = desk.get_check(check_id).findings[0].verdict
    with pytest.raises(InputError, match="confirm it"):
        desk.reviews.decide(check_id, 0, "override", verdict=verdict)


def test_nobody_cannot_decide(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    anonymous = desk.with_editor("")
    with pytest.raises(InputError, match="say who you are"):
        anonymous.reviews.decide(check_id, 0, "confirm")
    with pytest.raises(InputError, match="say who you are"):
        anonymous.reviews.set_state(check_id, "reviewed")


def test_unknown_check_and_state(checked: tuple[Store, int]) -> None:
    desk, check_id = checked
    with pytest.raises(NotFoundError):
        desk.reviews.get(check_id + 100)
    with pytest.raises(NotFoundError):
        desk.reviews.set_state(check_id + 100, "reviewed")
    with pytest.raises(InputError, match="unknown review state"):
        desk.reviews.set_state(check_id, "done")


def test_a_rerun_shows_the_new_report_and_the_verdict_it_moved(store: Store) -> None:
    desk = store.with_editor("Ana")
    sources = example.source_documents()
    desk.add_documents(sources[:1])
    story = example.story_document()
    check_id, _ = run_check(desk, story)
    assert check_id is not None
    unchanged = rerun_check(desk, check_id)
    assert unchanged.diff.unchanged and unchanged.saved_as is None
    desk.add_documents(sources[1:])
    rerun = rerun_check(desk, check_id, save=True)
    new = {s.outlet for s in rerun.diff.new_sources}
    assert new and new <= {d.outlet for d in sources[1:]}
    assert rerun.diff.moves, "a report that raises the toll moves a verdict"
    for move in rerun.diff.moves:
        finding = rerun.now.findings[move.number - 1]
        assert (move.verdict_after, move.status_after) == (finding.verdict, finding.state)
        assert (move.verdict_before, move.status_before) != (move.verdict_after, move.status_after)
    assert rerun.saved_as is not None and rerun.saved_as != check_id
    assert desk.get_check(check_id) == rerun.saved  # the saved check is kept as it was


def test_a_rerun_no_longer_counts_a_deleted_report(store: Store) -> None:
    desk = store.with_editor("Ana")
    ids = [r.report_id for r in desk.add_documents(example.source_documents())]
    check_id, saved = run_check(desk, example.story_document())
    assert check_id is not None
    used = next(i for i in ids if i in {e.report_id for f in saved.findings for e in f.evidence})
    assert used is not None
    desk.delete_report(used)
    rerun = rerun_check(desk, check_id)
    assert rerun.diff.gone_sources and not rerun.diff.new_sources


def test_findings_are_named_by_number_or_claim_id() -> None:
    _, result = run_check(Store.memory(), example.story_document(), save=False)
    assert find_finding(result, "1") == 0
    assert find_finding(result, result.findings[1].claim.id) == 1
    with pytest.raises(InputError, match="no finding"):
        find_finding(result, str(len(result.findings) + 1))
    with pytest.raises(InputError):
        decided_verdict(result.findings[0], "override", result.findings[0].verdict)
