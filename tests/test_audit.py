"""The audit log on real SQLite and PostgreSQL: every change to the library is an entry with who,
when, and the subject before and after, written in the change's own transaction; deleting is soft."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import inspect

from db import Store, run_check
from db.audit import AuditFilter
from verifier import example
from verifier.audit import ACTIONS, AuditEntry, changed_fields, to_csv, to_jsonl
from verifier.errors import InputError, NotFoundError
from verifier.types import Document

T0 = datetime(2020, 11, 21, 8, 0, tzinfo=UTC)
KABUL = "Rockets hit Kabul on Saturday, killing at least eight people, officials said."


@pytest.fixture
def ana(store: Store) -> Store:
    return store.with_editor("Ana Ruiz")


def test_adding_a_report_is_an_entry_by_the_editor(ana: Store) -> None:
    added = ana.add_document(Document(KABUL, title="Kabul rockets", outlet="Wire", published=T0))
    [entry] = ana.audit.entries()
    assert (entry.editor, entry.action, entry.subject, entry.subject_id) == ("Ana Ruiz", "report added", "report", added.report_id)
    assert entry.after["claims"] == added.claims >= 1
    assert entry.summary == "Kabul rockets"


def test_a_duplicate_adds_no_entry(ana: Store) -> None:
    ana.add_document(Document(KABUL, outlet="Wire"))
    ana.add_document(Document(KABUL, outlet="Wire"))
    assert ana.audit.count() == 1


def test_a_batch_has_one_entry_per_report_added(ana: Store) -> None:
    results = ana.add_documents(example.source_documents())
    entries = ana.audit.entries(AuditFilter(action="report added"), oldest_first=True)
    assert [e.subject_id for e in entries] == [r.report_id for r in results if r.status == "added"]


def test_an_edit_records_only_what_changed_before_and_after(ana: Store) -> None:
    rid = ana.add_document(Document(KABUL, title="Kabul", outlet="Wire", published=T0)).report_id
    assert rid is not None
    ana.update_report(rid, outlet="Daily", title="Kabul")
    [entry] = ana.audit.entries(AuditFilter(action="report edited"))
    assert (dict(entry.before), dict(entry.after)) == ({"outlet": "Wire"}, {"outlet": "Daily"})
    ana.update_report(rid, title="Kabul")  # nothing changed: nothing to record
    assert ana.audit.count(AuditFilter(action="report edited")) == 1


def test_deleting_is_soft_and_restoring_brings_the_report_back(ana: Store) -> None:
    docs = example.source_documents()
    ids = [r.report_id for r in ana.add_documents(docs)]
    story = example.story_document()
    _, before = run_check(ana, story, save=False)
    used = {e.report_id for f in before.findings for e in f.evidence}
    gone = next(i for i in ids if i in used)
    assert gone is not None
    ana.delete_report(gone)
    assert gone not in {r.id for r in ana.list_reports()}
    assert ana.count_reports() == len(ids) - 1
    assert [r.id for r in ana.list_reports(deleted=True)] == [gone]
    with pytest.raises(NotFoundError):
        ana.get_report(gone)
    assert ana.get_report(gone, deleted=True).id == gone
    _, after = run_check(ana, story, save=False)
    assert gone not in {e.report_id for f in after.findings for e in f.evidence}
    buffer = io.StringIO()
    assert ana.export_jsonl(buffer) == len(ids) - 1
    again = ana.add_document(docs[ids.index(gone)])
    assert again.status == "duplicate" and "deleted" in again.reason
    ana.restore_report(gone)
    assert ana.count_reports() == len(ids)
    _, restored = run_check(ana, story, save=False)
    assert gone in {e.report_id for f in restored.findings for e in f.evidence}
    actions = [e.action for e in ana.audit.entries(AuditFilter(subject_id=gone), oldest_first=True)]
    assert actions == ["report added", "report deleted", "report restored"]


def test_deleting_twice_or_restoring_a_live_report_is_not_found(ana: Store) -> None:
    rid = ana.add_document(Document(KABUL, outlet="Wire")).report_id
    assert rid is not None
    with pytest.raises(NotFoundError, match="no deleted report"):
        ana.restore_report(rid)
    ana.delete_report(rid)
    with pytest.raises(NotFoundError):
        ana.delete_report(rid)
    with pytest.raises(NotFoundError):
        ana.update_report(rid, title="x")


def test_an_import_is_one_entry_with_its_counts(ana: Store) -> None:
    source = Store.memory()
    source.add_documents(example.source_documents())
    buffer = io.StringIO()
    source.export_jsonl(buffer)
    buffer.seek(0)
    buffer.name = "library.jsonl"  # type: ignore[misc]
    result = ana.import_jsonl(buffer)
    [entry] = ana.audit.entries(AuditFilter(action="library imported"))
    assert entry.after["added"] == result.added == 4
    assert entry.after["file"] == "library.jsonl"
    assert ana.audit.count(AuditFilter(action="report added")) == 0


def test_a_dismissed_change_is_one_call(ana: Store) -> None:
    entry = ana.audit.record(
        "change dismissed", subject="watched story", subject_id=7, summary="killed: confirmed -> updated",
        before={"state": "updated"}, after={"dismissed": True},
    )  # fmt: skip
    assert (entry.editor, entry.action, entry.subject_id, dict(entry.after)) == ("Ana Ruiz", "change dismissed", 7, {"dismissed": True})
    assert ana.audit.entries() == [entry]


@pytest.mark.parametrize(("action", "subject"), [("report burned", "report"), ("report added", "planet")])
def test_an_action_outside_the_list_is_refused(ana: Store, action: str, subject: str) -> None:
    with pytest.raises(InputError, match="unknown audit"):
        ana.audit.record(action, subject=subject)
    assert ana.audit.count() == 0


def test_filters_by_editor_action_and_words(store: Store) -> None:
    store.with_editor("Ana").add_document(Document(KABUL, title="Kabul", outlet="Wire"))
    store.with_editor("Ben").add_document(Document("A blast in Mosul killed 5 people.", title="Mosul", outlet="AP"))
    assert [e.summary for e in store.audit.entries(AuditFilter(editor="ben"))] == ["Mosul"]
    assert [e.summary for e in store.audit.entries(AuditFilter(search="kab"))] == ["Kabul"]
    assert store.audit.count(AuditFilter(action="report deleted")) == 0
    assert store.audit.editors() == ["Ana", "Ben"]
    assert store.audit.count(AuditFilter(search="%")) == 0  # a wildcard is a character, not a pattern


def test_migration_0006_down_and_up(store: Store) -> None:
    from alembic import command

    from db.migrate import alembic_config

    kept = store.add_document(Document(KABUL, outlet="Wire")).report_id
    gone = store.add_document(Document("A blast in Mosul killed 5 people.", outlet="AP")).report_id
    assert gone is not None
    store.delete_report(gone)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    tables = set(inspect(store.engine).get_table_names())
    assert not {"audit_entry", "finding_decision"} & tables
    assert "deleted_at" not in {c["name"] for c in inspect(store.engine).get_columns("report")}
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert [r.id for r in store.list_reports()] == [kept]  # the deleted report went for good on the way down
    assert store.audit.count() == 0
    assert store.list_checks() == []


# -- exports, without a database ---------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(editor=_text, summary=_text, note=_text)
def test_csv_is_formula_safe_and_reads_back(editor: str, summary: str, note: str) -> None:
    entry = AuditEntry(1, T0, editor, "finding decided", "finding", 3, summary, {}, {"note": note})
    data = to_csv([entry])
    assert data.startswith("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff"), newline="")))
    for name, value in (("editor", editor), ("summary", summary)):
        cell = row[name]
        assert not cell.lstrip().startswith(("=", "+", "-", "@")) or cell.startswith("'")
        assert cell.removeprefix("'") == value or cell == value


@given(summary=_text)
def test_jsonl_reads_back(summary: str) -> None:
    entry = AuditEntry(2, T0, "Ana", "report added", "report", 9, summary, {"a": 1}, {"b": [1, 2]})
    [line] = to_jsonl([entry]).removesuffix("\n").split("\n")  # JSON escapes every newline in it
    assert json.loads(line) == entry.to_dict()


def test_changed_fields_keeps_only_differences() -> None:
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})


def test_every_action_is_listed_once() -> None:
    assert len(set(ACTIONS)) == len(ACTIONS) and "change dismissed" in ACTIONS
