"""Reference sources: add reports (URL, paste, files), browse and correct them, move the library."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import streamlit as st

from db import IngestResult, Store
from ui import components, services
from verifier.report import format_time

SOURCE_TYPES = ["txt", "md", "html", "htm", "jsonl"]
PAGE_SIZE = 50


def _ingest_table(results: list[IngestResult]) -> None:
    """What became of each offered report, so a rejected file is never silently lost."""
    rows = [
        {
            "file": r.source + (f":{r.line}" if r.line else ""),
            "result": r.status,
            "report": r.report_id,
            "claims": r.claims,
            "why": r.reason,
        }
        for r in results
    ]
    st.dataframe(rows, hide_index=True)


def _announce(result: IngestResult) -> None:
    if result.status == "added":
        version = f" It is a {result.reason}." if result.reason else ""
        st.success(f"Added report {result.report_id} with {result.claims} claims.{version}")
    elif result.status == "duplicate":
        st.warning(f"Already in the library: {result.reason}.")
    else:
        st.error(components.plain(f"Not added: {result.reason}"))


def _add_sources(library: Store) -> None:
    by_url, by_paste, by_files = st.tabs(["By URL", "Paste", "Upload files"])
    with by_url:
        url = st.text_input("Report URL", key="sources_url", placeholder="https://")
        if st.button("Fetch and add", key="sources_add_url", disabled=not url.strip()):
            _announce(library.add_url(url.strip(), settings=services.settings()))
    with by_paste:
        outlet = st.text_input("Outlet", key="sources_paste_outlet")
        left, right = st.columns(2)
        published = left.text_input("Published (e.g. 2020-11-21T09:05:00Z)", key="sources_paste_published")
        link = right.text_input("URL", key="sources_paste_url")
        title = st.text_input("Title", key="sources_paste_title")
        text = st.text_area("Report text", key="sources_paste_text", height=180)
        if st.button("Add pasted report", key="sources_add_paste"):
            _announce(
                services.add_pasted(library, text, outlet=outlet, url=link, published=published, title=title)
            )
    with by_files:
        files = st.file_uploader(
            "Reference files (.txt, .md, .html, .jsonl)",
            type=SOURCE_TYPES,
            accept_multiple_files=True,
            key="sources_files",
        )
        if st.button("Add files", key="sources_add_files", disabled=not files) and files:
            bar = st.progress(0.0, text="Reading files…")

            def advance(done: int, total: int, name: str) -> None:
                bar.progress(done / total, text=f"{done}/{total}: {name}")

            results = services.add_uploads(library, [(f.name, f.getvalue()) for f in files], progress=advance)
            added = sum(r.status == "added" for r in results)
            st.write(f"{added} added, {sum(r.status == 'duplicate' for r in results)} duplicate, "
                     f"{sum(r.status == 'rejected' for r in results)} rejected.")
            _ingest_table(results)


def _day_bound(day: date | None, end: bool) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


def _browse(library: Store) -> int | None:
    """The filtered list of reports; returns the id the editor picked to open."""
    outlets = [o.name for o in library.outlets() if o.reports]
    search_col, outlet_col, since_col, until_col = st.columns([3, 2, 1, 1])
    search = search_col.text_input("Search title, URL and text", key="sources_search")
    outlet = outlet_col.selectbox("Outlet", ["All outlets", *outlets], key="sources_outlet")
    since = since_col.date_input("From", value=None, key="sources_since")
    until = until_col.date_input("To", value=None, key="sources_until")
    chosen = "" if outlet == "All outlets" else outlet
    start, end = _day_bound(since, end=False), _day_bound(until, end=True)
    total = library.count_reports(search=search, outlet=chosen, since=start, until=end)
    reports = library.list_reports(search=search, outlet=chosen, since=start, until=end, limit=PAGE_SIZE)
    st.caption(f"{total} report(s) match" + (f"; showing the newest {PAGE_SIZE}" if total > PAGE_SIZE else ""))
    rows = [
        {
            "id": r.id,
            "outlet": r.outlet,
            "published": format_time(r.published),
            "title": r.title,
            "claims": r.claims,
            "reliability": r.reliability,
            "url": r.url,
        }
        for r in reports
    ]
    return components.table_picker(
        rows,
        label="Open a report",
        describe=lambda row: f"{row['id']} · {row['outlet']} · {row['title'] or row['url'] or 'untitled'}",
        key="sources_open",
    )


def _report_detail(library: Store, report_id: int) -> None:
    """One report: its text and claims, a form to correct its facts, and deletion behind a confirmation."""
    report = library.get_report(report_id)
    st.subheader(components.plain(report.title or f"Report {report.id}"))
    st.caption(components.plain(f"{report.outlet} · {format_time(report.published)} · {report.url or 'no URL'}"))
    text_col, claims_col = st.columns([3, 2])
    text_col.text_area("Text", report.text, height=260, disabled=True, key=f"sources_text_{report_id}")
    claims_col.dataframe(
        [
            {"kind": c.kind, "figure": c.value.text if c.value else f"{c.actor} {c.stance}".strip(), "sentence": c.sentence}
            for c in report.claims
        ],
        hide_index=True,
    )
    with st.form(key=f"sources_edit_{report_id}"):
        outlet = st.text_input("Outlet", report.outlet, key=f"sources_edit_outlet_{report_id}")
        published = st.text_input(
            "Published",
            report.published.isoformat() if report.published else "",
            key=f"sources_edit_published_{report_id}",
        )
        reliability = st.slider(
            "Outlet reliability", 0.0, 1.0, float(report.reliability), step=0.05, key=f"sources_edit_rel_{report_id}"
        )
        if st.form_submit_button("Save changes", key=f"sources_edit_save_{report_id}"):
            library.update_report(
                report_id,
                outlet=outlet,
                published=services.parse_optional_time(published),
                reliability=reliability,
            )
            st.session_state["sources_saved"] = report_id
            st.rerun()
    confirm_key = f"sources_confirm_delete_{report_id}"
    if not st.session_state.get(confirm_key):
        if st.button("Delete this report", key=f"sources_delete_{report_id}"):
            st.session_state[confirm_key] = True
            st.rerun()
        return
    st.warning(components.plain(f"Delete report {report_id} ({report.outlet}) and its claims? This cannot be undone."))
    yes, no = st.columns(2)
    if yes.button("Yes, delete it", key=f"sources_delete_yes_{report_id}", type="primary"):
        library.delete_report(report_id)
        del st.session_state[confirm_key]
        st.session_state["sources_deleted"] = report_id
        st.rerun()
    if no.button("Keep it", key=f"sources_delete_no_{report_id}"):
        del st.session_state[confirm_key]
        st.rerun()


def _library_files(library: Store) -> None:
    export_col, import_col = st.columns(2)
    with export_col:
        st.download_button(
            "Export the library (JSONL)",
            data=services.export_library(library),
            file_name="verifier-library.jsonl",
            mime="application/x-ndjson",
            key="sources_export",
            on_click="ignore",
        )
    with import_col:
        upload = st.file_uploader("Import a library export (.jsonl)", type=["jsonl"], key="sources_import_file")
        if st.button("Import", key="sources_import", disabled=upload is None) and upload:
            outcome = services.import_library(library, upload.name, upload.getvalue())
            st.write(f"{outcome.added} added, {outcome.duplicates} duplicate, {len(outcome.errors)} rejected.")
            for error in outcome.errors:
                st.error(components.plain(str(error)))


st.title("Reference sources")
store = services.store()
with components.page_errors():
    if "sources_deleted" in st.session_state:
        st.success(f"Deleted report {st.session_state.pop('sources_deleted')}.")
    if "sources_saved" in st.session_state:
        st.success(f"Saved the changes to report {st.session_state.pop('sources_saved')}.")
    st.subheader("Add reports")
    _add_sources(store)
with components.page_errors():
    st.subheader("Library")
    chosen = _browse(store)
    if chosen is not None:
        _report_detail(store, chosen)
with components.page_errors():
    st.subheader("Export and import")
    _library_files(store)
