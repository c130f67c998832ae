"""Reports: the history of checks, each reopened as it was saved and downloadable in every format,
with the editors' review (state and decisions) in every download and a link to review it."""

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
        rows = [
            {
                "id": c.id,
                "checked": format_time(c.created_at),
                "story": c.story_title or c.story_url or "untitled",
                "agrees": c.agrees,
                "conflicts": c.conflicts,
                "unverified": c.unverified,
                "review": c.review_state,
            }
            for c in checks
        ]
        chosen = components.table_picker(
            rows,
            label="Open a check",
            describe=lambda row: f"{row['id']} · {row['checked']} · {row['story']}",
            key="reports_open",
            first=True,
        )
        if chosen is not None:
            result = store.get_check(chosen)
            review = store.reviews.get(chosen)
            st.header(components.plain(result.story.title or "Untitled story"))
            st.page_link("pages/review.py", label=f"Review check {chosen}", icon=":material/rate_review:", query_params={"check": str(chosen)})
            st.caption("Download the discrepancy report (with the editors' decisions)")
            components.download_buttons(result, stem=f"check-{chosen}", key="reports", review=review)
            components.check_result(result, key="reports")
