"""The editors' desk in process (AppTest): the name asked once per session, decisions on the review
page opened by its own address, the re-run, the downloads with the decisions, soft delete and
restore on the sources page, and the audit log page with its filters and downloads."""

from __future__ import annotations

import codecs
import csv
import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from db import Store, run_check
from db.audit import AuditFilter
from db.check import rerun_check
from tests import test_app
from tests.test_app import Deferred, _built
from ui import desk
from verifier import example

app = test_app.app
db_url = test_app.db_url
deferred = test_app.deferred


@pytest.fixture
def check_id(db_url: str) -> int:
    with Store.open(db_url) as store:
        store.add_documents(example.source_documents()[:2])
        saved, _ = run_check(store, example.story_document())
    assert saved is not None
    return saved


def _review(at: AppTest, check: int) -> AppTest:
    at.query_params["check"] = str(check)
    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    return at


def _sign_in(at: AppTest, name: str = "Ana Ruiz") -> None:
    at.text_input(key="desk_name_input").input(name)
    at.button(key="desk_name_submit").click().run()
    assert not at.exception


def _decide(at: AppTest, check: int, n: int, action: str, *, verdict: str | None = None, note: str = "") -> None:
    at.radio(key=f"review_action_{check}_{n}").set_value(action)
    if verdict is not None:
        at.selectbox(key=f"review_verdict_{check}_{n}").set_value(verdict)
    at.text_input(key=f"review_note_{check}_{n}").input(note)
    at.button(key=f"review_save_{check}_{n}").click().run()
    assert not at.exception, at.exception


def test_the_address_opens_the_check_and_decisions_wait_for_a_name(app: AppTest, check_id: int) -> None:
    at = _review(app, check_id)
    assert at.selectbox(key=f"review_pick_{check_id}").value == check_id
    assert any("Give your name" in i.value for i in at.info)
    assert at.button(key=f"review_save_{check_id}_1").disabled
    _sign_in(at)
    assert not at.button(key=f"review_save_{check_id}_1").disabled
    assert any("Working as Ana Ruiz" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/sources.py").run()  # the name is kept for the whole session
    assert any("Working as Ana Ruiz" in c.value for c in at.sidebar.caption)


def test_confirm_one_and_override_another_then_download_both_with_the_name(
    app: AppTest, check_id: int, db_url: str, deferred: Deferred
) -> None:
    at = _review(app, check_id)
    _sign_in(at)
    with Store.open(db_url) as store:
        findings = store.get_check(check_id).findings
    other = "agrees" if findings[1].verdict != "agrees" else "conflicts"
    _decide(at, check_id, 1, "confirm", note="wire agrees")
    assert any("Finding 1: confirmed by Ana Ruiz" in s.value for s in at.success)
    _decide(at, check_id, 2, "override", verdict=other, note="ministry figure is older")
    with Store.open(db_url) as store:
        review = store.reviews.get(check_id)
        assert review.state == "in review"
        assert {o: (d.action, d.verdict, d.editor) for o, d in review.decisions.items()} == {
            0: ("confirm", findings[0].verdict, "Ana Ruiz"), 1: ("override", other, "Ana Ruiz"),
        }  # fmt: skip
        assert store.get_check(check_id).findings == findings
    deferred.clear()
    at.run()
    files = _built(deferred)
    page = files[f"check-{check_id}-review.html"][0].decode()
    assert "confirmed by Ana Ruiz" in page and f"overridden: {other} by Ana Ruiz" in page and "ministry figure is older" in page
    data = json.loads(files[f"check-{check_id}-review.json"][0])
    assert data["claims"][1]["verdict"] == findings[1].verdict and data["claims"][1]["decision"]["verdict"] == other


def test_state_moves_to_reviewed(app: AppTest, check_id: int, db_url: str) -> None:
    at = _review(app, check_id)
    _sign_in(at, "Ben")
    at.selectbox(key=f"review_state_{check_id}").set_value("reviewed").run()
    at.button(key=f"review_set_state_{check_id}").click().run()
    assert not at.exception
    with Store.open(db_url) as store:
        assert (store.reviews.get(check_id).state, store.reviews.get(check_id).editor) == ("reviewed", "Ben")
    assert any("Review: reviewed (Ben" in c.value for c in at.caption)


def test_rerun_shows_the_new_sources_and_moved_verdicts(app: AppTest, check_id: int, db_url: str) -> None:
    at = _review(app, check_id)
    at.button(key=f"review_rerun_button_{check_id}").click().run()
    assert any("Nothing changed" in s.value for s in at.success)
    with Store.open(db_url) as store:
        store.add_documents(example.source_documents()[2:])
    at.button(key=f"review_rerun_button_{check_id}").click().run()
    assert not at.exception
    table = at.dataframe[-1].value
    assert "new source" in set(table["change"])
    assert "verdict moved" in set(table["change"])
    with Store.open(db_url) as store:
        assert len(store.list_checks()) == 1  # a re-run in the app is not saved to the history


def test_a_rerun_can_be_saved_as_a_new_check_as_the_command_line_does(app: AppTest, check_id: int, db_url: str) -> None:
    with Store.open(db_url) as store:
        store.add_documents(example.source_documents()[2:])
    at = _review(app, check_id)
    at.button(key=f"review_rerun_button_{check_id}").click().run()
    shown = at.dataframe[-1].value
    at.button(key=f"review_rerun_{check_id}_save").click().run()
    assert not at.exception
    with Store.open(db_url) as store:
        checks = store.list_checks()
        assert [c.id for c in checks] == [check_id + 1, check_id]
        saved, before = store.get_check(check_id + 1), store.get_check(check_id)
        again = rerun_check(store, check_id, save=False).now  # what `verifier checks rerun` finds now
    assert [(f.claim.kind, f.verdict, f.state) for f in saved.findings] == [(f.claim.kind, f.verdict, f.state) for f in again.findings]
    assert saved.summary["sources"] == 4 and before.summary["sources"] == 2  # the saved check stays as it was
    assert any(f"saved to the history as check {check_id + 1}" in s.value for s in at.success)
    assert not [b for b in at.button if b.key == f"review_rerun_{check_id}_save"]  # saved once, not twice
    assert at.dataframe[-1].value.equals(shown)  # what changed is still on screen


def test_an_unchanged_rerun_can_be_saved_too(app: AppTest, check_id: int, db_url: str) -> None:
    at = _review(app, check_id)
    at.button(key=f"review_rerun_button_{check_id}").click().run()
    assert any("Nothing changed" in s.value for s in at.success)
    at.button(key=f"review_rerun_{check_id}_save").click().run()
    assert not at.exception
    with Store.open(db_url) as store:
        assert len(store.list_checks()) == 2


def test_the_audit_log_pages_reach_every_entry(
    app: AppTest, check_id: int, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk, "LOG_PAGE", 3)
    with Store.open(db_url) as store:
        for n in range(5):
            store.with_editor("Ana").reviews.decide(check_id, 0, "dismiss", note=f"note {n}")
        total = store.audit.count()
        oldest = store.audit.entries(limit=1, oldest_first=True)[0]
    pages = -(-total // 3)
    app.switch_page("pages/audit.py").run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 3
    assert any(f"{total} entries match; showing 1–3, newest first" in c.value for c in app.caption)
    app.number_input(key="audit_page").set_value(pages).run()
    assert not app.exception
    listed = app.dataframe[0].value
    assert list(listed["id"])[-1] == oldest.id
    assert any(f"showing {3 * (pages - 1) + 1}–{total}" in c.value for c in app.caption)
    app.selectbox(key="audit_action").set_value("finding decided").run()  # fewer entries: back to a page that exists
    assert not app.exception
    assert set(app.dataframe[0].value["action"]) == {"finding decided"} and len(app.dataframe[0].value) == 2


def test_an_address_naming_no_check_says_so(app: AppTest, check_id: int) -> None:
    app.query_params["check"] = str(check_id + 50)
    app.switch_page("pages/review.py").run()
    assert not app.exception
    assert any("no saved check" in e.value for e in app.error)


def test_the_reports_page_links_to_the_review_and_shows_its_state(app: AppTest, check_id: int) -> None:
    app.switch_page("pages/reports.py").run()
    assert not app.exception
    assert list(app.dataframe[0].value["review"]) == ["open"]


def test_delete_and_restore_on_the_sources_page_are_logged_with_the_name(app: AppTest, check_id: int, db_url: str) -> None:
    at = app
    at.switch_page("pages/sources.py").run()
    _sign_in(at, "Cleo")
    with Store.open(db_url) as store:
        report_id = store.list_reports()[0].id
    at.selectbox(key="sources_open").set_value(report_id).run()
    at.button(key=f"sources_delete_{report_id}").click().run()
    at.button(key=f"sources_delete_yes_{report_id}").click().run()
    assert not at.exception
    assert any(f"Deleted report {report_id}" in s.value for s in at.success)
    at.button(key=f"sources_restore_{report_id}").click().run()
    assert not at.exception
    assert any(f"Restored report {report_id}" in s.value for s in at.success)
    with Store.open(db_url) as store:
        entries = store.audit.entries(AuditFilter(subject_id=report_id, editor="Cleo"), oldest_first=True)
        assert [e.action for e in entries] == ["report deleted", "report restored"]
        assert store.count_reports() == 2


def test_the_audit_log_page_filters_and_downloads(app: AppTest, check_id: int, db_url: str, deferred: Deferred) -> None:
    with Store.open(db_url) as store:
        store.with_editor("=HYPERLINK(\"x\")").reviews.decide(check_id, 0, "dismiss", note="not this story's")
    app.switch_page("pages/audit.py").run()
    assert not app.exception
    actions = set(app.dataframe[0].value["action"])
    assert {"report added", "finding decided", "check reviewed"} <= actions
    app.selectbox(key="audit_action").set_value("finding decided").run()
    assert set(app.dataframe[0].value["action"]) == {"finding decided"}
    deferred.clear()
    app.run()
    files = _built(deferred)
    data, mime = files["verifier-audit-log.csv"]
    assert data.startswith(codecs.BOM_UTF8) and mime.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["action"] for r in rows] == ["finding decided"]
    assert rows[0]["editor"].startswith("'=")  # a name that looks like a formula stays text
    lines = files["verifier-audit-log.jsonl"][0].decode().splitlines()
    assert [json.loads(line)["after"]["note"] for line in lines] == ["not this story's"]
    app.selectbox(key="audit_action").set_value("All").run()
    app.text_input(key="audit_words").input("no such words").run()
    assert any("0 entries match" in c.value for c in app.caption)


AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "verifier",
        "client_secret": "s", "server_metadata_url": "https://id.example/.well-known/openid-configuration"}  # fmt: skip


def _with_login(check: int, user: dict[str, object]) -> AppTest:
    at = AppTest.from_file(test_app.APP, default_timeout=test_app.TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = user
    at.query_params["check"] = str(check)
    at.run()
    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    return at


def test_with_an_identity_provider_the_editor_logs_in_instead_of_typing_a_name(db_url: str, check_id: int) -> None:
    at = _with_login(check_id, {"is_logged_in": False})
    assert at.button(key="desk_login").label == "Log in"
    assert not [t for t in at.text_input if t.key == "desk_name_input"]
    assert at.button(key=f"review_save_{check_id}_1").disabled


def test_a_logged_in_editors_decisions_carry_the_providers_name(db_url: str, check_id: int) -> None:
    at = _with_login(check_id, {"is_logged_in": True, "name": "Dana Ivers", "email": "dana@newsroom.example"})
    assert any("Signed in as Dana Ivers" in c.value for c in at.sidebar.caption)
    assert at.button(key="desk_logout").label == "Log out"
    _decide(at, check_id, 1, "dismiss", note="not this story's")
    with Store.open(db_url) as store:
        decision = store.reviews.get(check_id).decision(0)
        assert decision is not None and (decision.editor, decision.action) == ("Dana Ivers", "dismiss")
