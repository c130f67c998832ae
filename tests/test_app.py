"""The app's pages, driven in process with Streamlit's AppTest on a temporary SQLite library.

Each test gets its own database through ``VERIFIER_DATABASE_URL`` and an empty resource cache, so
no store opened by one test leaks into the next. Download buttons are read by recording what the
page hands Streamlit's media file manager, which is exactly what a browser would download.
"""

from __future__ import annotations

import codecs
import colorsys
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import event
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from db import Store
from ui import components, services
from verifier import example
from verifier.types import Document

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
TIMEOUT = 60


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("VERIFIER_DATABASE_URL", url)
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bytes, str]]:
    """File name -> (data, MIME type) of every download button the pages rendered."""
    files: dict[str, tuple[bytes, str]] = {}
    original = MediaFileManager.add

    def add(self: MediaFileManager, data: bytes | str, mimetype: str, *args: object, **kwargs: object) -> str:
        file_name = kwargs.get("file_name")
        if isinstance(file_name, str) and isinstance(data, bytes):
            files[file_name] = (data, mimetype)
        return original(self, data, mimetype, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(MediaFileManager, "add", add)
    return files


Deferred = dict[str, tuple[Callable[[], object], str]]


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> Deferred:
    """File name -> (the callable a download button builds its file with on the click, MIME type)."""
    files: Deferred = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self: MediaFileManager, data: Callable[[], object], mimetype: str, *args: object, **kwargs: object) -> str:
        if isinstance(kwargs.get("file_name"), str):
            files[str(kwargs["file_name"])] = (data, mimetype)
        return original(self, data, mimetype, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return files


def _built(deferred: Deferred) -> dict[str, tuple[bytes, str]]:
    """What each deferred download gives the browser when clicked."""
    files = {name: (build(), mime) for name, (build, mime) in deferred.items()}
    assert all(isinstance(data, bytes) for data, _ in files.values())
    return files  # type: ignore[return-value]


@pytest.fixture
def app(db_url: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def _load_example(at: AppTest) -> None:
    at.button(key="check_load_example").click().run()
    assert not at.exception


def _check_example(at: AppTest) -> None:
    _load_example(at)
    at.button(key="check_example_story").click().run()
    at.button(key="check_run_text").click().run()
    assert not at.exception


def _errors(at: AppTest) -> str:
    """The error boxes' text as the editor reads it (the pages backslash-escape Markdown)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in at.error))


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label.split()[-1]: m.value for m in at.metric}


def test_an_empty_paste_is_an_error(app: AppTest) -> None:
    app.button(key="check_run_text").click().run()
    assert not app.exception
    assert "has no story text" in _errors(app)


def test_empty_library_offers_the_example(app: AppTest, db_url: str) -> None:
    assert [t.value for t in app.title] == ["Check a story"]
    assert "library is empty" in app.info[0].value
    _load_example(app)
    assert "Loaded 4 example reports" in app.success[0].value
    assert not [b for b in app.button if b.key == "check_load_example"]
    with Store.open(db_url) as store:
        assert store.count_reports() == len(example.source_documents())


def test_check_the_example_shows_every_verdict_and_the_wounded_conflict(app: AppTest, db_url: str) -> None:
    _check_example(app)
    assert _metrics(app) == {"agrees": "2", "conflicts": "1", "unverified": "1", "sources": "4"}
    labels = [e.label for e in app.expander]
    assert any("injured: 20 — conflicts" in label for label in labels)
    assert any("killed" in label and "agrees" in label for label in labels)
    assert any("arrested" in label and "unverified" in label for label in labels)
    table = app.dataframe[0].value
    assert list(table["verdict"]) == ["agrees", "conflicts", "agrees", "unverified"]
    evidence = "\n".join(h.proto.body for h in app.get("html"))
    assert "Evening Bulletin" in evidence and "<mark" in evidence and ">31</mark>" in evidence
    with Store.open(db_url) as store:
        assert len(store.list_checks()) == 1


def test_findings_filter_by_verdict(app: AppTest) -> None:
    _check_example(app)
    _labelled(app.multiselect, "Verdict").set_value(["conflicts"]).run()  # type: ignore[attr-defined]
    assert list(app.dataframe[0].value["kind"]) == ["injured"]
    findings = [e.label for e in app.expander if e.label[0].isdigit()]
    assert findings == [next(e.label for e in app.expander if "conflicts" in e.label)]


def test_story_text_is_escaped_not_rendered(app: AppTest) -> None:
    _load_example(app)
    app.text_area(key="check_text").set_value(
        "<script>alert(1)</script> Rockets killed at least eight people in Kabul, officials said. "
        "[Read more](https://evil.example) about $5 and $6."
    )
    app.button(key="check_run_text").click().run()
    html = "\n".join(h.proto.body for h in app.get("html"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[Read more](https://evil.example) about $5 and $6." in html
    assert "evil.example\"" not in html and "<a href=\"https://evil" not in html


def test_bad_uploads_and_blocked_urls_are_errors_not_tracebacks(app: AppTest) -> None:
    for name, data, expected in [
        ("story.txt", b"\x00\x01\x02binary\x00" * 20, "binary"),
        ("story.txt", b"", "empty"),
        ("story.html", b"%PDF-1.7 not a page", "PDF"),
    ]:
        app.file_uploader(key="check_file").set_value((name, data, "text/plain")).run()
        app.button(key="check_run_file").click().run()
        assert not app.exception
        assert expected in _errors(app)
    for url, expected in [
        ("http://127.0.0.1/story", "127.0.0.1, a loopback address"),
        ("file:///etc/passwd", "not an http(s) address"),
    ]:
        app.text_input(key="check_url").set_value(url)
        app.button(key="check_run_url").click().run()
        assert not app.exception
        assert expected in _errors(app)


def _sources(at: AppTest) -> AppTest:
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Reference sources"]
    return at


PASTED = {
    "sources_paste_outlet": "Night Desk",
    "sources_paste_published": "21/11/2020 18:00",
    "sources_paste_url": "https://example.org/night/kabul",
    "sources_paste_title": "Night update",
    "sources_paste_text": "Officials said 31 people were wounded in the Kabul rocket attack.",
}


def _paste(at: AppTest, fields: dict[str, str]) -> AppTest:
    for key, value in fields.items():
        (at.text_area if key == "sources_paste_text" else at.text_input)(key=key).set_value(value)
    return at.button(key="sources_add_paste").click().run()


def test_add_a_source_by_paste_then_reject_the_duplicate(app: AppTest, db_url: str) -> None:
    at = _paste(_sources(app), PASTED)
    assert "Added report 1; 1 claim found in it." in at.success[0].value
    # The form is empty again for the next report (issue 10).
    assert [at.text_input(key=k).value for k in PASTED if k != "sources_paste_text"] == ["", "", "", ""]
    assert at.text_area(key="sources_paste_text").value == ""
    _paste(at, PASTED)
    assert "Already in the library: same URL" in at.warning[0].value
    with Store.open(db_url) as store:
        [summary] = store.list_reports()
    assert (summary.outlet, summary.title, summary.published.hour) == ("Night Desk", "Night update", 18)


def test_a_bad_publication_time_is_an_error(app: AppTest) -> None:
    at = _sources(app)
    at.text_input(key="sources_paste_published").set_value("next tuesday")
    at.text_area(key="sources_paste_text").set_value("Eight people were killed.")
    at.button(key="sources_add_paste").click().run()
    assert not at.exception
    assert "the publication date 'next tuesday' is relative to today" in _errors(at)


def test_upload_many_files_reports_each_one(app: AppTest) -> None:
    at = _sources(app)
    folder = Path(__file__).resolve().parents[1] / "verifier" / "data" / "example" / "sources"
    files = [(p.name, p.read_bytes(), "text/plain") for p in sorted(folder.glob("*.txt"))]
    files += [("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "text/plain"), ("blank.txt", b"", "text/plain")]
    at.file_uploader(key="sources_files").set_value(files).run()
    at.button(key="sources_add_files").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["result"]) == ["added"] * 4 + ["rejected"] * 2
    assert "PNG" in table["why"][4] and "empty" in table["why"][5]
    assert all("verifier-upload-" not in why for why in table["why"])
    at.file_uploader(key="sources_files").set_value(files[:1]).run()
    at.button(key="sources_add_files").click().run()
    assert list(at.dataframe[0].value["result"]) == ["duplicate"]


def test_blocked_source_url_is_refused(app: AppTest) -> None:
    at = _sources(app)
    at.text_input(key="sources_url").set_value("http://127.0.0.1:8080/report")
    at.button(key="sources_add_url").click().run()
    assert not at.exception
    assert "Not added" in _errors(at) and "127.0.0.1" in _errors(at)


def test_open_edit_and_delete_a_source(app: AppTest, db_url: str) -> None:
    _load_example(app)
    at = _sources(app)
    with Store.open(db_url) as store:
        report_id = next(r.id for r in store.list_reports() if r.outlet == "Evening Bulletin")
    at.selectbox(key="sources_open").set_value(report_id).run()
    assert "Toll from Kabul rocket attack rises" in [s.value for s in at.subheader]
    claims = at.dataframe[1].value
    assert "injured" in set(claims["kind"])
    at.text_input(key=f"sources_edit_outlet_{report_id}").set_value("Evening Bulletin Online")
    at.text_input(key=f"sources_edit_published_{report_id}").set_value("2020-11-21T17:00:00Z")
    at.slider(key=f"sources_edit_rel_{report_id}").set_value(0.5)
    at.button(key=f"sources_edit_save_{report_id}").click().run()
    assert not at.exception
    assert f"Saved the changes to report {report_id}" in at.success[0].value
    with Store.open(db_url) as store:
        report = store.get_report(report_id)
    assert (report.outlet, report.published.hour, report.reliability) == ("Evening Bulletin Online", 17, 0.5)

    at.button(key=f"sources_delete_{report_id}").click().run()
    assert "you can restore it" in at.warning[0].value  # deleting is soft (issue 10)
    at.button(key=f"sources_delete_no_{report_id}").click().run()
    with Store.open(db_url) as store:
        assert store.count_reports() == 4
    at.button(key=f"sources_delete_{report_id}").click().run()
    at.button(key=f"sources_delete_yes_{report_id}").click().run()
    assert not at.exception
    assert f"Deleted report {report_id}" in at.success[0].value
    with Store.open(db_url) as store:
        assert store.count_reports() == 3


def test_library_export_then_import_into_an_empty_library(
    app: AppTest, deferred: Deferred, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports: list[Store] = []
    export_library = services.export_library

    def counted(library: Store) -> str:
        exports.append(library)
        return export_library(library)

    monkeypatch.setattr(services, "export_library", counted)
    _load_example(app)
    _sources(app)
    app.run()
    assert exports == []  # drawing the page (twice) wrote no export: it is written when clicked
    build, mime = deferred["verifier-library.jsonl"]
    built = build()
    assert len(exports) == 1 and isinstance(built, str)
    data = built.encode("utf-8")
    lines = [json.loads(line) for line in data.decode().splitlines()]
    assert mime == "application/x-ndjson"
    assert sorted(line["outlet"] for line in lines) == sorted(d.outlet for d in example.source_documents())

    other = f"sqlite:///{tmp_path / 'other.db'}"
    monkeypatch.setenv("VERIFIER_DATABASE_URL", other)
    at = _sources(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    at.file_uploader(key="sources_import_file").set_value(("library.jsonl", data + b"{broken\n", "application/json"))
    at.run()
    at.button(key="sources_import").click().run()
    assert not at.exception
    assert "4 added, 0 duplicate, 1 rejected." in [m.value for m in at.markdown]
    assert "library.jsonl:5: not a library record" in _errors(at)
    with Store.open(other) as store:
        assert store.count_reports() == 4


def test_reports_page_opens_a_saved_check_and_offers_every_export(app: AppTest, deferred: Deferred) -> None:
    _check_example(app)
    deferred.clear()
    app.switch_page("pages/reports.py").run()
    assert not app.exception
    assert list(app.dataframe[0].value["conflicts"]) == [1]
    assert _metrics(app)["conflicts"] == "1"
    assert [b.label for b in app.download_button] == [
        "Download JSON",
        "Download CSV",
        "Download Markdown",
        "Download HTML",
    ]
    check_id = app.selectbox(key="reports_open").value
    stem = f"check-{check_id}"
    assert set(deferred) == {f"{stem}.json", f"{stem}.csv", f"{stem}.md", f"{stem}.html"}
    downloads = _built(deferred)

    report = json.loads(downloads[f"{stem}.json"][0])
    assert report["summary"]["conflicts"] == 1
    assert [c["kind"] for c in report["claims"] if c["verdict"] == "conflicts"] == ["injured"]

    csv_text, csv_mime = downloads[f"{stem}.csv"]
    assert csv_mime.startswith("text/csv")
    assert csv_text.startswith(codecs.BOM_UTF8)  # Excel reads "≥" and dashes right only with it
    rows = csv_text.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("claim_id,kind,story_figure")
    assert any("injured" in row and "conflicts" in row and "Evening Bulletin" in row for row in rows)

    markdown = downloads[f"{stem}.md"][0].decode()
    assert markdown.startswith("# Discrepancy report: Rocket barrage hits central Kabul")
    assert "2 agree, 1 conflict, 1 unverified" in markdown

    page = downloads[f"{stem}.html"][0].decode()
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert '<mark class="v-conflicts"' in page


def test_reports_page_without_checks_says_how_to_make_one(app: AppTest) -> None:
    app.switch_page("pages/reports.py").run()
    assert "No checks yet" in app.info[0].value


def test_an_unusable_database_url_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_DATABASE_URL", "nosuchdb://nowhere/library")
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    st.cache_resource.clear()
    assert not at.exception
    assert "VERIFIER_DATABASE_URL" in _errors(at)


# -- hostile and unlucky input (issue 11, items 3, 10 and 19) -----------------------------------


def test_the_input_limit_holds_on_every_way_in(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_MAX_INPUT_CHARS", "200")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    long_text = "Rockets killed eight people in Kabul on Saturday, officials said. " * 5
    at.text_area(key="check_text").set_value(long_text)
    at.button(key="check_run_text").click().run()
    assert not at.exception
    assert "over the limit of 200" in _errors(at) and "VERIFIER_MAX_INPUT_CHARS" in _errors(at)
    _sources(at)
    at.text_area(key="sources_paste_text").set_value(long_text)
    at.button(key="sources_add_paste").click().run()
    assert "over the limit of 200" in _errors(at)
    at.file_uploader(key="sources_files").set_value([("long.txt", long_text.encode(), "text/plain")]).run()
    at.button(key="sources_add_files").click().run()
    assert not at.exception
    assert "over the limit" in at.dataframe[0].value["why"][0]
    with Store.open(db_url) as store:
        assert (store.count_reports(), store.list_checks()) == (0, [])


def test_hostile_upload_names_each_get_an_outcome(app: AppTest, db_url: str) -> None:
    at = _sources(app)
    body = b"Outlet: Wire\n\nRockets killed eight people in Kabul on Saturday, officials said."
    files = [
        ("x" * 300 + ".txt", body.replace(b"eight", b"nine"), "text/plain"),
        ("../../etc/ten.txt", body.replace(b"eight", b"ten"), "text/plain"),
        ("\u00e9" * 200 + ".txt", body.replace(b"eight", b"twelve"), "text/plain"),
        ("good.txt", body.replace(b"eight", b"eleven"), "text/plain"),
    ]
    at.file_uploader(key="sources_files").set_value(files).run()
    at.button(key="sources_add_files").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["result"]) == ["added"] * 4
    with Store.open(db_url) as store:
        assert store.count_reports() == 4


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("..", "upload"),
        (".", "upload"),
        ("", "upload"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win.txt", "win.txt"),
        ("a\x00b.txt", "ab.txt"),
        ("a\nb\tc.md", "abc.md"),
        ("x" * 300 + ".jsonl", "x" * 249 + ".jsonl"),
        ("\u00e9" * 200 + ".txt", "\u00e9" * 125 + ".txt"),
        ("report." + "y" * 300, "report." + "y" * 248),
    ],
)
def test_upload_names_are_made_safe(name: str, safe: str) -> None:
    assert services.safe_upload_name(name) == safe
    assert len(services.safe_upload_name(name).encode("utf-8")) <= services.MAX_NAME_BYTES


def test_an_unexpected_error_is_shown_with_a_reference_that_is_logged(
    app: AppTest, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    _check_example(app)
    with Store.open(db_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE check_run SET result_json = '{\"claims\": [{\"verdict\": \"agrees\"}]}'")
    app.switch_page("pages/reports.py").run()
    assert not app.exception
    message = _errors(app)
    match = re.search(r"reference ([A-Z0-9]{8})", message)
    assert match and "KeyError" in message
    logged = [r for r in caplog.records if match.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None


def test_a_check_shows_each_status_with_its_colour_and_a_legend(app: AppTest) -> None:
    _check_example(app)
    table = app.dataframe[0].value
    assert set(table["status"]) <= {"contradicted", "updated", "confirmed", "partial", "unverified"}
    assert list(table["verdict"] == "conflicts") == list(table["status"].isin(["contradicted", "updated"]))
    pages = "\n".join(h.proto.body for h in app.get("html"))
    for status in ("contradicted", "updated", "confirmed", "partial", "unverified"):
        assert f">{status}</mark>" in pages  # the legend names every status in its colour
    assert any("(" in e.label and ")" in e.label for e in app.expander)


# -- the check page and its findings (issue 10 §2, issue 9) -------------------------------------

# A story whose claims are of other kinds than the example's (munitions and troops, not tolls).
OTHER_KINDS_STORY = (
    "About 20 mortars were fired at the base in Kabul on Saturday, officials said. "
    "The United States will withdraw 2,000 troops from Afghanistan, the Pentagon said."
)


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _labelled(widgets: object, label: str) -> object:
    return next(w for w in widgets if w.label == label)  # type: ignore[attr-defined]


def _claims_counted(at: AppTest) -> int:
    return sum(int(value) for name, value in _metrics(at).items() if name != "sources")


def _check_text(at: AppTest, text: str) -> None:
    at.text_area(key="check_text").set_value(text)
    at.button(key="check_run_text").click().run()
    assert not at.exception


def test_a_second_check_shows_the_findings_of_its_own_kinds(app: AppTest) -> None:
    _check_example(app)
    _check_text(app, OTHER_KINDS_STORY)
    table = app.dataframe[0].value
    assert set(table["kind"]) == {"munitions", "troops"}
    assert len(table) == _claims_counted(app) == 2
    assert set(_labelled(app.multiselect, "Kind").value) == {"munitions", "troops"}


def test_opening_another_saved_check_shows_all_its_findings(app: AppTest) -> None:
    _check_example(app)
    _check_text(app, OTHER_KINDS_STORY)
    app.switch_page("pages/reports.py").run()
    picker = app.selectbox(key="reports_open")
    assert len(app.dataframe[1].value) == _claims_counted(app) == 2
    picker.set_value(min(picker.options, key=int) if isinstance(picker.options[0], int) else picker.options[-1]).run()
    assert not app.exception
    table = app.dataframe[1].value
    assert set(table["kind"]) == {"killed", "injured", "responsibility", "arrested"}
    assert len(table) == _claims_counted(app) == 4


def test_evidence_links_the_outlet_to_its_article(app: AppTest) -> None:
    _check_example(app)
    assert re.search(r'<a href="https://example.org/bulletin/kabul-toll-rises"[^>]*>Evening Bulletin</a>', _html(app))


def test_only_http_links_and_source_text_escaped_in_the_evidence(app: AppTest, db_url: str) -> None:
    hostile = [
        ('<img src=x onerror=alert(1)>', "javascript:alert(1)", "Rockets killed eight people in Kabul on Saturday, officials said."),
        ("Quote Desk", 'https://example.org/a"onmouseover="alert(1)', "Eight people were killed by rockets in Kabul on Saturday."),
    ]
    with Store.open(db_url) as store:
        for n, (outlet, url, text) in enumerate(hostile):
            published = datetime(2020, 11, 21, 8 + n, tzinfo=UTC)
            store.add_document(Document(text=text, outlet=outlet, url=url, published=published))
    _check_text(app, "Rockets killed at least eight people in Kabul on Saturday, officials said.")
    page = _html(app)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert "javascript:" not in re.findall(r'href="([^"]*)"', page).__repr__()
    assert 'onmouseover="' not in page
    assert re.search(r'<a href="https://example.org/a&quot;onmouseover=&quot;alert\(1\)"[^>]*>Quote Desk</a>', page)


EXAMPLE_BODY = example.story_text().split("\n\n", 1)[1]  # the story without its header block


def test_pasted_copy_takes_an_outlet_and_a_publication_time(app: AppTest, db_url: str) -> None:
    _load_example(app)
    app.text_input(key="check_outlet").set_value("Night Desk")
    app.text_input(key="check_published").set_value("21/11/2020 11:30").run()
    assert "Reads as Saturday 21 November 2020, 11:30 UTC" in [c.value for c in app.caption]
    _check_text(app, EXAMPLE_BODY)
    with Store.open(db_url) as store:
        saved = store.get_check(store.list_checks()[0].id)
    assert (saved.story.outlet, saved.story.published) == ("Night Desk", datetime(2020, 11, 21, 11, 30, tzinfo=UTC))
    # the time decides the verdict: the 31 wounded came after the story, so it was updated, not wrong
    assert {f.claim.kind: f.state for f in saved.findings}["injured"] == "updated"


def test_a_bad_story_date_is_refused_and_the_text_kept(app: AppTest, db_url: str) -> None:
    _load_example(app)
    app.text_input(key="check_published").set_value("yesterday 16:00")
    _check_text(app, EXAMPLE_BODY)
    assert "relative" in _errors(app)
    assert app.text_area(key="check_text").value == EXAMPLE_BODY
    with Store.open(db_url) as store:
        assert store.list_checks() == []


def _expander(at: AppTest, starts: str) -> object:
    return next(e for e in at.expander if e.label.startswith(starts))


def test_evidence_is_capped_per_finding_with_show_all(app: AppTest, db_url: str) -> None:
    with Store.open(db_url) as store:
        for n in range(7):
            text = f"Officials told outlet {n} that rockets killed eight people in Kabul on Saturday ({n + 1} hours ago)."
            published = datetime(2020, 11, 21, 8 + n, tzinfo=UTC)
            store.add_document(Document(text=text, outlet=f"Outlet {n}", url=f"https://example.org/{n}", published=published))
    _check_text(app, "Rockets killed eight people in Kabul on Saturday, officials said.")
    panel = _expander(app, "1. killed")
    shown = "\n".join(h.proto.body for h in panel.get("html"))  # type: ignore[attr-defined]
    assert len(re.findall(r">Outlet \d</a>", shown)) == components.EVIDENCE_SHOWN == 5
    show_all = _labelled(panel.toggle, "Show all 7 sources")  # type: ignore[attr-defined]
    show_all.set_value(True).run()
    panel = _expander(app, "1. killed")
    shown = "\n".join(h.proto.body for h in panel.get("html"))  # type: ignore[attr-defined]
    assert len(re.findall(r">Outlet \d</a>", shown)) == 7


def test_downloads_are_built_on_the_click_not_on_every_rerun(
    app: AppTest, downloads: dict[str, tuple[bytes, str]], deferred: Deferred
) -> None:
    _check_example(app)
    check_id = app.session_state["check_result"][0]
    stem = f"check-{check_id}"
    assert not [name for name in downloads if name.startswith(stem)]  # nothing built while drawing
    assert set(deferred) == {f"{stem}.json", f"{stem}.csv", f"{stem}.md", f"{stem}.html"}
    built = _built(deferred)
    assert built[f"{stem}.md"][0].decode().startswith("# Discrepancy report: Rocket barrage hits central Kabul")
    assert built[f"{stem}.csv"][0].startswith(codecs.BOM_UTF8)


def test_a_rerun_does_not_recount_the_library(app: AppTest) -> None:
    _load_example(app)
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement.lower())

    engine = services.store().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        app.run()
        app.text_area(key="check_text").set_value("Eight people were killed.").run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not app.exception
    assert not [s for s in statements if "count(" in s]
    assert not [i for i in app.info if "library is empty" in i.value]


# Streamlit's primary colour when the theme names none: red, the colour of a conflict.
STREAMLIT_DEFAULT_PRIMARY = "#ff4b4b"
CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def _hue(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(red, green, blue)[0] * 360


def test_the_theme_leaves_verdict_colours_to_verdicts() -> None:
    """Buttons, chips and progress bars in the primary colour must not look like a verdict."""
    primary = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("theme", {}).get("primaryColor", STREAMLIT_DEFAULT_PRIMARY)
    styles = [*components.VERDICT_STYLE.values(), *components.STATUS_STYLE.values()]
    verdict_colours = {c for style in styles for part in style for c in re.findall(r"#[0-9a-fA-F]{6}", part)}
    assert verdict_colours
    for colour in verdict_colours:
        apart = abs(_hue(primary) - _hue(colour)) % 360
        assert min(apart, 360 - apart) > 40, (primary, colour)


def test_the_marked_story_has_a_legend_on_the_page(app: AppTest) -> None:
    _check_example(app)
    page = _html(app)
    legend, story = page.index("Legend"), page.index("KABUL")
    assert legend < story
    assert "number the findings below" in page[legend:story]


def test_a_check_links_to_its_review_page(app: AppTest) -> None:
    _check_example(app)
    check_id = app.session_state["check_result"][0]
    links = [link.proto for link in app.get("page_link") if link.proto.page == "review"]
    assert [link.query_string for link in links] == [f"check={check_id}"]
    assert f"Review check {check_id}" in links[0].label


def test_a_rerun_does_not_build_the_charts_again(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check's charts are built once: a filter or a keystroke reruns the page without building and
    validating every chart again (0.3 s a rerun for a check against a newsroom's library)."""
    built: list[str] = []
    overview, timeline = components.overview_chart, components.timeline_chart

    def counted_overview(result: object) -> object:
        built.append("overview")
        return overview(result)  # type: ignore[arg-type]

    def counted_timeline(result: object, finding: object) -> object:
        built.append("timeline")
        return timeline(result, finding)  # type: ignore[arg-type]

    monkeypatch.setattr(components, "overview_chart", counted_overview)
    monkeypatch.setattr(components, "timeline_chart", counted_timeline)
    _check_example(app)
    charts = [c.proto.spec for c in app.get("vega_lite_chart")]
    assert built.count("overview") == 1 and built.count("timeline") == 4 and len(charts) >= 2
    first = list(built)
    _labelled(app.multiselect, "Verdict").set_value(["conflicts"]).run()  # type: ignore[attr-defined]
    app.text_area(key="check_text").set_value("Eight people were killed.").run()
    _labelled(app.multiselect, "Verdict").set_value(["agrees", "conflicts", "unverified"]).run()  # type: ignore[attr-defined]
    assert not app.exception
    assert built == first
    assert [c.proto.spec for c in app.get("vega_lite_chart")] == charts  # the same charts, drawn from the kept specs


def test_the_server_warms_the_extractor_once_beside_the_first_page(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    monkeypatch.setattr(services, "analyse", read.append)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    services.warm_up().join(timeout=TIMEOUT)
    at.switch_page("pages/sources.py").run()
    AppTest.from_file(APP, default_timeout=TIMEOUT).run()  # another editor's session
    assert not at.exception
    assert read == [services.WARM_UP_TEXT]
