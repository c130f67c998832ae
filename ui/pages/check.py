"""Check a story: paste it, fetch it from a URL or upload a file, then read each claim's verdict."""

from __future__ import annotations

import streamlit as st

from db import Store, run_check
from ui import components, services
from verifier import document_from_bytes, example, fetch_url
from verifier.types import Document

STORY_TYPES = ["txt", "md", "html", "htm"]


def _use_example_story() -> None:
    st.session_state["check_text"] = example.story_text()


def _offer_example(library: Store) -> None:
    """An empty library can only say "unverified"; offer the example so a first look shows all verdicts."""
    st.info("The reference library is empty, so every claim would come out unverified.")
    if st.button("Load the example library", key="check_load_example", type="primary"):
        results = services.load_example(library)
        st.session_state["check_example_loaded"] = sum(r.status == "added" for r in results)
        st.rerun()


def _story_details() -> tuple[str, str]:
    """The pasted story's outlet and publication time, optional, read back as they will be used."""
    left, right = st.columns(2)
    outlet = left.text_input("Outlet (optional)", key="check_outlet", placeholder="e.g. Kabul City Desk")
    with right:
        published = st.text_input(services.published_label(), key="check_published")
        components.time_read_back(published)
    st.caption(
        "When the story was published decides what a different figure means: a source published later "
        "has an **update** (the story was right when it went out), one of the same moment a **contradiction**. "
        "Left empty, the story is read as of the moment of the check. The outlet names the story in the "
        "report and the history. An `Outlet:` / `Published:` header block at the top of the pasted text "
        "works too; what is typed here wins over it."
    )
    return outlet, published


def _story_input() -> Document | None:
    """The story the editor gave this run, or None until they press one of the check buttons.

    Every tab is drawn in full whatever happens in another (a return or an error in the first
    would leave the others empty), and an error is shown in the tab that caused it.
    """
    paste, link, upload = st.tabs(["Paste text", "From a URL", "Upload a file"])
    story: Document | None = None
    with paste, components.page_errors():
        st.button("Use the example story", key="check_example_story", on_click=_use_example_story)
        text = st.text_area("Story text", key="check_text", height=220, placeholder="Paste the story here")
        outlet, published = _story_details()
        if st.button("Check pasted text", key="check_run_text", type="primary"):
            story = services.pasted_story(text, outlet=outlet, published=published)
    with link, components.page_errors():
        url = st.text_input("Story URL", key="check_url", placeholder="https://")
        if st.button("Fetch and check", key="check_run_url", type="primary"):
            story = fetch_url(url.strip(), settings=services.settings())
    with upload, components.page_errors():
        file = st.file_uploader("Story file (.txt, .md, .html)", type=STORY_TYPES, key="check_file")
        if st.button("Check the file", key="check_run_file", type="primary", disabled=file is None) and file:
            story = document_from_bytes(file.getvalue(), name=file.name, content_type=file.type or "")
    return story


st.title("Check a story")
store = services.store()
with components.page_errors():
    # Messages go in one slot that is always there: tabs that moved down or up the page would be
    # drawn anew, back on their first tab, with the old ones still on screen until the run ends.
    notices = st.container()
    if st.session_state.get("check_example_loaded"):
        notices.success(f"Loaded {st.session_state.pop('check_example_loaded')} example reports into the library.")
    if services.report_count(store) == 0:
        with notices:
            _offer_example(store)
    story = _story_input()
    if story is not None:
        with st.spinner("Checking the story's claims against the library…"):
            check_id, result = run_check(store, story, save=True)
        st.session_state["check_result"] = (check_id, result)

if "check_result" in st.session_state:
    check_id, result = st.session_state["check_result"]
    st.divider()
    st.header(components.plain(result.story.title or "Untitled story"))
    components.check_result(result, key="check")
    st.caption(f"Saved to the history as check {check_id}.")
    st.page_link(
        "pages/review.py",
        label=f"Review check {check_id}: confirm, override or dismiss its findings",
        icon=":material/rate_review:",
        query_params={"check": str(check_id)},
    )
    components.download_buttons(result, stem=f"check-{check_id}", key="check")
