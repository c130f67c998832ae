"""Reference sources: add reports (URL, paste, files), browse and correct them, delete and restore
them, move the library. Every change is made as the session's editor, for the audit log."""

from __future__ import annotations

from functools import partial

import streamlit as st

from db import IngestResult, Store
from ui import components, desk, services
from verifier.dates import spell_out
from verifier.reasons import plural
from verifier.report import format_time

SOURCE_TYPES = ["txt", "md", "html", "htm", "jsonl"]
PAGE_SIZE = 50
ADD_TABS = ("By URL", "Paste", "Upload files")
UPLOAD_TAB = ADD_TABS[2]
URL_FIELDS = ("sources_url",)
PASTE_FIELDS = (
    "sources_paste_outlet",
    "sources_paste_published",
    "sources_paste_url",
    "sources_paste_title",
    "sources_paste_text",
)
# Shown in a table cell that has nothing to say, instead of None.
NOTHING = "—"


def _ingest_table(results: list[IngestResult]) -> None:
    """What became of each offered report, so a rejected file is never silently lost."""
    rows = [
        {
            "file": r.source + (f":{r.line}" if r.line else ""),
            "result": r.status + (" (undated)" if r.warnings else ""),
            "report": str(r.report_id) if r.report_id is not None else NOTHING,
            "claims": str(r.claims) if r.status == "added" else NOTHING,
            "why": "; ".join(part for part in (r.reason, *r.warnings) if part) or NOTHING,
        }
        for r in results
    ]
    st.dataframe(rows, hide_index=True)


def _open_tab(label: str) -> None:
    st.session_state["sources_add_tab"] = label


def _announce(result: IngestResult, *, tab: str) -> None:
    """One report's outcome; a refusal that says to upload the page offers the tab that does it."""
    if result.status == "added":
        found = plural(result.claims, "claim")
        version = f" It is a {result.reason}." if result.reason else ""
        st.success(components.plain(f"Added report {result.report_id}; {found} found in it.{version}"))
        for warning in result.warnings:
            st.warning(components.plain(warning))
    elif result.status == "duplicate":
        st.warning(components.plain(f"Already in the library: {result.reason}."))
    else:
        st.error(components.plain(f"Not added: {result.reason}"))
        if "upload it" in result.reason.lower():
            st.button("Upload it instead", key=f"sources_to_upload_{ADD_TABS.index(tab)}", on_click=_open_tab, args=(UPLOAD_TAB,))


def _settle(result: IngestResult, *, tab: str, fields: tuple[str, ...]) -> None:
    """After a report went in, empty its form for the next one and say what happened there.

    The outcome is kept for the next run, whose first step (``_clear_added_forms``) empties the
    fields before they are drawn: Streamlit lets a widget's value be reset only then. A refused
    report keeps what the editor typed, so they can correct it.
    """
    if not result.ok:
        _announce(result, tab=tab)
        return
    st.session_state["sources_added"] = (tab, result, fields)
    st.rerun()


def _clear_added_forms() -> None:
    """Empty the fields of the form whose report went in. Assigned, not deleted: only a value set
    through session state is sent to the browser, which would otherwise show the old text again."""
    if "sources_added" in st.session_state:
        for field in st.session_state["sources_added"][2]:
            st.session_state[field] = ""


def _announce_added(tab: str) -> None:
    """The outcome ``_settle`` kept, shown once, in the tab it came from."""
    kept = st.session_state.get("sources_added")
    if kept and kept[0] == tab:
        del st.session_state["sources_added"]
        _announce(kept[1], tab=tab)


def _add_by_url(library: Store) -> None:
    # A form sends the typed URL with the click: a button outside one would take the first click as
    # the field losing focus and ignore it (issue 10).
    with st.form("sources_url_form", border=False, enter_to_submit=True):
        url = st.text_input("Report URL", key="sources_url", placeholder="https://")
        fetch = st.form_submit_button("Fetch and add", key="sources_add_url")
    _announce_added(ADD_TABS[0])
    if fetch:
        if not url.strip():
            st.error("Give the report's address first (https://…).")
            return
        _settle(services.add_url(library, url), tab=ADD_TABS[0], fields=URL_FIELDS)


def _add_by_paste(library: Store) -> None:
    outlet = st.text_input("Outlet", key="sources_paste_outlet")
    left, right = st.columns(2)
    with left:
        published = st.text_input(services.published_label(), key="sources_paste_published")
        components.time_read_back(published)
    link = right.text_input("URL", key="sources_paste_url")
    title = st.text_input("Title", key="sources_paste_title")
    text = st.text_area("Report text", key="sources_paste_text", height=180)
    _announce_added(ADD_TABS[1])
    if st.button("Add pasted report", key="sources_add_paste"):
        result = services.add_pasted(library, text, outlet=outlet, url=link, published=published, title=title)
        _settle(result, tab=ADD_TABS[1], fields=PASTE_FIELDS)


def _add_by_upload(library: Store) -> None:
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
        undated = sum(bool(r.warnings) for r in results)
        st.write(
            f"{added} added, {sum(r.status == 'duplicate' for r in results)} duplicate, "
            f"{sum(r.status == 'rejected' for r in results)} rejected."
        )
        if undated:
            their = "its" if undated == 1 else "their"
            st.warning(f"{plural(undated, 'report')} added without a date: {their} Published: header could not be read (see why below).")
        _ingest_table(results)


def _add_sources(library: Store) -> None:
    """Three ways in, each drawn in full whatever happened in another: an error stays in its own tab."""
    by_url, by_paste, by_files = st.tabs(list(ADD_TABS), key="sources_add_tab", on_change="rerun")
    with by_url, components.page_errors():
        _add_by_url(library)
    with by_paste, components.page_errors():
        _add_by_paste(library)
    with by_files, components.page_errors():
        _add_by_upload(library)


def _browse(library: Store) -> int | None:
    """The filtered list of reports; returns the id the editor picked to open."""
    outlets = services.outlet_names(library)
    search_col, outlet_col, since_col, until_col = st.columns([3, 2, 1, 1])
    search = search_col.text_input("Search title, URL and text", key="sources_search")
    outlet = outlet_col.selectbox("Outlet", ["All outlets", *outlets], key="sources_outlet")
    since = since_col.date_input("From", value=None, key="sources_since")
    until = until_col.date_input("To", value=None, key="sources_until")
    chosen = "" if outlet == "All outlets" else outlet
    start, end = components.day_bound(since, end=False), components.day_bound(until, end=True)
    # counted on every run, unlike the outlets: the total must agree with the list it pages
    total = library.count_reports(search=search, outlet=chosen, since=start, until=end)
    offset = (components.page_number(total, PAGE_SIZE, key="sources_page") - 1) * PAGE_SIZE
    reports = library.list_reports(search=search, outlet=chosen, since=start, until=end, limit=PAGE_SIZE, offset=offset)
    st.caption(f"{plural(total, 'report')} {'matches' if total == 1 else 'match'}{components.shown_range(offset, len(reports), total)}")
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
            services.published_label(),
            report.published.isoformat() if report.published else "",
            key=f"sources_edit_published_{report_id}",
        )
        reliability = st.slider(
            "Outlet reliability", 0.0, 1.0, float(report.reliability), step=0.05, key=f"sources_edit_rel_{report_id}"
        )
        if st.form_submit_button("Save changes", key=f"sources_edit_save_{report_id}"):
            when = services.parse_optional_time(published)
            with services.changing_library():
                library.update_report(report_id, outlet=outlet, published=when, reliability=reliability)
            st.session_state["sources_saved"] = (report_id, spell_out(when) if when else "no date")
            st.rerun()
    confirm_key = f"sources_confirm_delete_{report_id}"
    if not st.session_state.get(confirm_key):
        if st.button("Delete this report", key=f"sources_delete_{report_id}"):
            st.session_state[confirm_key] = True
            st.rerun()
        return
    st.warning(components.plain(f"Delete report {report_id} ({report.outlet})? It leaves the library and every check; "
                                "you can restore it under Deleted reports."))
    yes, no = st.columns(2)
    if yes.button("Yes, delete it", key=f"sources_delete_yes_{report_id}", type="primary"):
        with services.changing_library():
            library.delete_report(report_id)
        del st.session_state[confirm_key]
        st.session_state["sources_deleted"] = report_id
        st.rerun()
    if no.button("Keep it", key=f"sources_delete_no_{report_id}"):
        del st.session_state[confirm_key]
        st.rerun()


def _deleted(library: Store) -> None:
    """The deleted reports, each with a button that brings it back."""
    total = services.deleted_count(library)
    with st.expander(f"Deleted reports ({total})", icon=":material/delete:"):
        if not total:
            st.caption("Nothing deleted. A deleted report can be restored here.")
            return
        for r in library.list_reports(deleted=True, limit=PAGE_SIZE):
            left, right = st.columns([5, 1])
            left.write(components.plain(f"{r.id} · {r.outlet} · {format_time(r.published)} · {r.title or r.url or 'untitled'}"))
            if right.button("Restore", key=f"sources_restore_{r.id}"):
                with services.changing_library():
                    library.restore_report(r.id)
                st.session_state["sources_restored"] = r.id
                st.rerun()
        if total > PAGE_SIZE:
            st.caption(f"The newest {PAGE_SIZE} of {total}; `verifier sources list --deleted` lists them all.")


def _library_files(library: Store) -> None:
    export_col, import_col = st.columns(2)
    with export_col:
        st.download_button(
            "Export the library (JSONL)",
            data=partial(services.export_library, library),
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
store = desk.store_for(desk.identity())
_clear_added_forms()
with components.page_errors():
    # One slot for messages that is always there, so the tabs below never move (see the check page).
    notices = st.container()
    if "sources_deleted" in st.session_state:
        notices.success(f"Deleted report {st.session_state.pop('sources_deleted')}; Deleted reports below can restore it.")
    if "sources_restored" in st.session_state:
        notices.success(f"Restored report {st.session_state.pop('sources_restored')}.")
    if "sources_saved" in st.session_state:
        saved, when = st.session_state.pop("sources_saved")
        notices.success(f"Saved the changes to report {saved}; it is dated {when}.")
    st.subheader("Add reports")
    _add_sources(store)
with components.page_errors():
    st.subheader("Library")
    chosen = _browse(store)
    if chosen is not None:
        _report_detail(store, chosen)
    _deleted(store)
with components.page_errors():
    st.subheader("Export and import")
    _library_files(store)
