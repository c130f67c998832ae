"""The Reference sources page in process (AppTest): dates as editors type them, forms that empty after
adding, tabs that survive an error, undated uploads, and a library longer than one page (issue 10)."""

from __future__ import annotations

import re

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from db import Store
from tests import test_app
from tests.samples import PAGE
from tests.test_app import _errors, _sources
from ui import components, services
from verifier.types import Document

# The app's fixtures: each test on its own SQLite library, the app run once on it.
app = test_app.app
db_url = test_app.db_url

KABUL = "Rockets hit Kabul on Saturday, killing at least eight people, officials said."


def _text(at: AppTest, kind: str) -> str:
    """What the editor reads in every element of one kind, without the Markdown escapes."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in getattr(at, kind)))


@pytest.mark.parametrize(
    ("order", "typed", "kind", "shown"),
    [
        ("DMY", "14/03/2025 16:00", "caption", "Reads as Friday 14 March 2025, 16:00 UTC"),
        ("DMY", "04/03/2025", "caption", "Reads as Tuesday 4 March 2025, 00:00 UTC"),
        ("MDY", "04/03/2025", "caption", "Reads as Thursday 3 April 2025, 00:00 UTC"),
        ("DMY", "March 14, 2025", "caption", "Reads as Friday 14 March 2025, 00:00 UTC"),
        ("DMY", "14/03/2025 16:00 CET", "caption", "Reads as Friday 14 March 2025, 15:00 UTC"),
        ("DMY", "03/14/2025", "warning", "does not read day first"),
        ("MDY", "14/03/2025", "warning", "does not read month first"),
        ("DMY", "yesterday 16:00", "warning", "relative to today"),
    ],
)
def test_a_typed_publication_time_is_shown_back_as_it_was_read(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, order: str, typed: str, kind: str, shown: str
) -> None:
    monkeypatch.setenv("VERIFIER_DATE_ORDER", order)
    at = _sources(app)
    field = at.text_input(key="sources_paste_published")
    assert ("day first" if order == "DMY" else "month first") in field.label
    field.set_value(typed).run()
    assert not at.exception
    assert shown in _text(at, kind)


def test_a_pasted_report_is_stored_at_the_time_as_it_was_read(app: AppTest, db_url: str) -> None:
    at = _sources(app)
    at.text_input(key="sources_paste_published").set_value("14/03/2025 16:00")
    at.text_area(key="sources_paste_text").set_value(KABUL)
    at.button(key="sources_add_paste").click().run()
    assert "Added report 1" in at.success[0].value
    with Store.open(db_url) as store:
        [report] = store.list_reports()
    assert report.published is not None and report.published.isoformat() == "2025-03-14T16:00:00+00:00"


def test_an_uploaded_file_with_a_bad_published_header_is_added_undated_and_says_so(
    app: AppTest,
    db_url: str,
) -> None:
    at = _sources(app)
    files = [
        ("ap.txt", f"Outlet: AP\nPublished: last Tuesday\n\n{KABUL}\n".encode(), "text/plain"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "text/plain"),
    ]
    at.file_uploader(key="sources_files").set_value(files).run()
    at.button(key="sources_add_files").click().run()
    assert not at.exception
    rows = at.dataframe[0].value.to_dict("records")
    assert [r["result"] for r in rows] == ["added (undated)", "rejected"]
    assert "ap.txt:2" in rows[0]["why"] and "last Tuesday" in rows[0]["why"] and "no date" in rows[0]["why"]
    assert "1 report added without a date: its Published: header" in _text(at, "warning")
    # Nothing to say is a dash, never "None".
    assert (rows[1]["report"], rows[1]["claims"]) == ("—", "—")
    assert not any(
        value is None or str(value) in {"None", "nan", ""} for row in rows for value in row.values()
    )
    with Store.open(db_url) as store:
        [report] = store.list_reports()
    assert (report.outlet, report.published) == ("AP", None)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("empty paste", "has no story text"),
        ("bad date", "cannot read the publication date"),
        ("blocked URL", "a loopback address"),
    ],
)
def test_after_an_error_every_input_tab_is_still_there(app: AppTest, action: str, expected: str) -> None:
    at = _sources(app)
    if action == "blocked URL":
        at.text_input(key="sources_url").set_value("http://127.0.0.1:8080/report")
        at.button(key="sources_add_url").click().run()
    else:
        at.text_input(key="sources_paste_published").set_value("soon" if action == "bad date" else "")
        at.text_area(key="sources_paste_text").set_value(KABUL if action == "bad date" else "")
        at.button(key="sources_add_paste").click().run()
    assert not at.exception
    assert expected in _errors(at)
    assert at.text_input(key="sources_url").label == "Report URL"
    assert at.text_area(key="sources_paste_text") is not None
    assert at.file_uploader(key="sources_files") is not None
    assert at.button(key="sources_add_files").label == "Add files"


def test_a_refusal_that_says_upload_it_instead_opens_the_upload_tab(app: AppTest) -> None:
    at = _sources(app)
    at.text_input(key="sources_url").set_value("http://127.0.0.1:8080/report")
    at.button(key="sources_add_url").click().run()
    assert "upload it instead" in _errors(at)
    at.button(key="sources_to_upload_0").click().run()
    assert not at.exception
    assert at.session_state["sources_add_tab"] == "Upload files"
    assert at.file_uploader(key="sources_files") is not None


def test_the_url_form_is_emptied_after_a_report_is_added(
    app: AppTest,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERIFIER_ALLOW_PRIVATE_ADDRESSES", "1")  # the test server is on 127.0.0.1
    httpserver.expect_request("/storm").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    at = _sources(app)
    at.button(key="sources_add_url").click().run()
    assert "Give the report's address first" in _errors(at)
    at.text_input(key="sources_url").set_value(httpserver.url_for("/storm"))
    at.button(key="sources_add_url").click().run()
    assert not at.exception
    assert "Added report 1" in at.success[0].value
    assert at.text_input(key="sources_url").value == ""
    at.switch_page("pages/check.py").run()
    assert not _offers_example(at)  # the report fetched counts at once, not 30 s later


def _offers_example(at: AppTest) -> bool:
    """Whether the check page says the library is empty: it asks the cached count of reports."""
    return any("library is empty" in i.value for i in at.info)


def test_a_delete_or_restore_counts_at_once_on_the_check_page(db_url: str) -> None:
    with Store.open(db_url) as store:
        (added,) = store.add_documents([Document(text=KABUL, outlet="Wire", title="Kabul")])
    at = AppTest.from_file(test_app.APP, default_timeout=test_app.TIMEOUT).run()
    assert not _offers_example(at)  # the check page counted one report
    _sources(at)
    report_id = added.report_id
    at.selectbox(key="sources_open").set_value(report_id).run()
    at.button(key=f"sources_delete_{report_id}").click().run()
    at.button(key=f"sources_delete_yes_{report_id}").click().run()
    assert not at.exception
    at.switch_page("pages/check.py").run()
    assert _offers_example(at)
    _sources(at).button(key=f"sources_restore_{report_id}").click().run()
    assert not at.exception
    at.switch_page("pages/check.py").run()
    assert not _offers_example(at)


def test_the_sources_page_reads_typed_times_back_with_the_shared_helper(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """One "Reads as" for the check and sources pages, so the two can never read a date differently."""
    read: list[str] = []
    monkeypatch.setattr(components, "time_read_back", read.append)
    _sources(app).text_input(key="sources_paste_published").set_value("14/03/2025 16:00").run()
    assert not app.exception
    assert read[-1] == "14/03/2025 16:00"


@pytest.mark.parametrize(
    ("reports", "page", "rows", "caption"),
    [
        (1, None, 1, "1 report matches"),
        (50, None, 50, "50 reports match"),
        (120, 1, 50, "120 reports match; showing 1–50, newest first"),
        (120, 3, 20, "120 reports match; showing 101–120, newest first"),
    ],
)
def test_the_library_list_pages_past_fifty_reports(
    app: AppTest,
    db_url: str,
    reports: int,
    page: int | None,
    rows: int,
    caption: str,
) -> None:
    with Store.open(db_url) as store:
        for n in range(reports):
            store.add_document(Document(text=f"Report {n}: {KABUL}", outlet="Wire", title=f"Report {n}"))
    at = _sources(app)
    if page is None:
        assert not [w for w in at.number_input if w.key == "sources_page"]
    else:
        at.number_input(key="sources_page").set_value(page).run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert len(listed) == rows and caption in _text(at, "caption")
    if page == 3:
        assert set(listed["title"]) == {f"Report {n}" for n in range(20)}  # the oldest are on the last page


@pytest.mark.parametrize("action", ["check pasted text", "blocked URL", "empty paste"])
def test_the_check_pages_input_tabs_are_all_there_after_a_check_or_an_error(app: AppTest, action: str) -> None:
    if action == "check pasted text":
        app.button(key="check_load_example").click().run()
        app.button(key="check_example_story").click().run()
        app.button(key="check_run_text").click().run()
        assert app.metric  # the check ran
    elif action == "blocked URL":
        app.text_input(key="check_url").set_value("http://127.0.0.1/story")
        app.button(key="check_run_url").click().run()
        assert "upload it instead" in _errors(app)
    else:
        app.button(key="check_run_text").click().run()
        assert "no story text" in _errors(app)
    assert not app.exception
    assert app.text_area(key="check_text").label == "Story text"
    assert app.text_input(key="check_url").label == "Story URL"
    assert app.file_uploader(key="check_file") is not None
    assert app.button(key="check_run_file").label == "Check the file"


def test_a_rerun_of_the_sources_page_does_not_count_the_outlets_and_deleted_reports_again(db_url: str) -> None:
    """Counting every outlet's reports and the deleted reports takes a tenth of a second and more in
    a newsroom's library: they are counted once, and again at once after a change made on the page;
    the list's own total is counted on every run, so that it always agrees with the list."""
    with Store.open(db_url) as store:
        (added,) = store.add_documents([Document(text=KABUL, outlet="Wire", title="Kabul")])
    at = _sources(AppTest.from_file(test_app.APP, default_timeout=test_app.TIMEOUT).run())
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(" ".join(statement.lower().split()))

    engine = services.store().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        at.text_input(key="sources_paste_title").set_value("A title").run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not [s for s in statements if "group by" in s or "deleted_at is not null" in s]
    assert len([s for s in statements if s.startswith("select count(")]) == 1  # the list's total
    at.selectbox(key="sources_open").set_value(added.report_id).run()
    at.button(key=f"sources_delete_{added.report_id}").click().run()
    at.button(key=f"sources_delete_yes_{added.report_id}").click().run()
    assert not at.exception
    assert "0 reports match" in _text(at, "caption")
    assert any(e.label == "Deleted reports (1)" for e in at.expander)
    assert "Wire" not in at.selectbox(key="sources_outlet").options
