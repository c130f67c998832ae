"""Reports: the history of checks, each reopened as it was saved and downloadable in every format."""

from __future__ import annotations

import streamlit as st

from ui import components, services
from verifier.report import format_time

HISTORY_SIZE = 200

st.title("Reports")
store = services.store()
with components.page_errors():
    checks = store.list_checks(limit=HISTORY_SIZE)
    if not checks:
        st.info("No checks yet: check a story on the first page and it will be listed here.")
    else:
        st.dataframe(
            [
                {
                    "id": c.id,
                    "checked": format_time(c.created_at),
                    "story": c.story_title or c.story_url or "untitled",
                    "agrees": c.agrees,
                    "conflicts": c.conflicts,
                    "unverified": c.unverified,
                }
                for c in checks
            ],
            hide_index=True,
        )
        labels = {c.id: f"{c.id} · {format_time(c.created_at)} · {c.story_title or 'untitled'}" for c in checks}
        chosen = st.selectbox(
            "Open a check", list(labels), format_func=labels.__getitem__, index=0, key="reports_open"
        )
        if chosen is not None:
            result = store.get_check(chosen)
            st.header(components.plain(result.story.title or "Untitled story"))
            st.caption("Download the discrepancy report")
            components.download_buttons(result, stem=f"check-{chosen}", key="reports")
            components.check_result(result, key="reports")
