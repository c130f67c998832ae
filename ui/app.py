"""Verifier's editor app: one entry point that sets up the page and the navigation.

Shared state is set up once here (page config, navigation); the store is a cached resource in
``ui.services``, opened from ``VERIFIER_DATABASE_URL`` (the embedded SQLite file by default). Each
page is a thin script in ``ui/pages``. Run it with ``make run``.
"""

from __future__ import annotations

import streamlit as st

from ui import components, services
from verifier import VerifierError

st.set_page_config(page_title="Verifier", page_icon=":material/fact_check:", layout="wide")

try:
    services.store()
except VerifierError as exc:
    st.error(components.plain(f"{exc} (check VERIFIER_DATABASE_URL, or unset it to use the built-in library file)"))
    st.stop()
except Exception as exc:  # a fault of ours while opening the library: a reference to quote, not a redacted page
    st.error(components.plain(services.unexpected_message(exc, services.log_unexpected(exc))))
    st.stop()
services.warm_up()

navigation = st.navigation(
    [
        st.Page("pages/check.py", title="Check a story", icon=":material/fact_check:", default=True),
        st.Page("pages/sources.py", title="Reference sources", icon=":material/library_books:"),
        st.Page("pages/reports.py", title="Reports", icon=":material/history:"),
        st.Page("pages/review.py", title="Review", icon=":material/rate_review:", url_path="review"),
        st.Page("pages/audit.py", title="Audit log", icon=":material/manage_search:", url_path="audit"),
        st.Page("pages/feeds.py", title="Feeds", icon=":material/rss_feed:"),
    ]
)
navigation.run()
