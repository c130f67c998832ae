"""The editors' desk in the app: who the editor is, and the review, re-run and audit services the
pages call (compositions of ``db.Store``'s public API; no SQL, no matching).

Who: with an identity provider configured (an ``[auth]`` section in ``.streamlit/secrets.toml``)
the editor logs in with Streamlit's own ``st.login`` and their name comes from ``st.user``;
without one, the app asks for a name once per browser session and keeps it in the session state.
Either way the pages work on ``store_for(identity())``, a view of the shared store that records that name
in the audit log and on every decision.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

# Imported whole before any chart is drawn: altair looks pandas up in ``sys.modules`` without
# importing it, so on a cold server a page drawing a chart while another thread is still importing
# pandas saw a half-made module (AttributeError: partially initialized module 'pandas'). An import
# here waits for that one to finish.
import pandas  # noqa: F401
import streamlit as st

from db import Store
from db.audit import AuditFilter
from db.check import Rerun, rerun_check
from ui import components, services
from verifier.audit import AUDIT_FORMATS, AuditEntry, export_log

NAME_KEY = "desk_editor"
MAX_NAME = 200
# The audit log page shows this many entries a page, newest first; the downloads hold every matching one.
LOG_PAGE = 500
LOG_EXPORT_MAX = 1_000_000
_LOG_LABELS = {"csv": "CSV", "jsonl": "JSONL"}


def login_configured() -> bool:
    """Whether the server has an identity provider: Streamlit reads it from ``[auth]`` in secrets.toml."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own "not found" error
        return False


def editor_name() -> str:
    """The editor of this browser session: the logged-in user's name, or the name they gave; "" if none yet."""
    if login_configured():
        if not st.user.is_logged_in:
            return ""
        name = st.user.get("name") or st.user.get("email") or st.user.get("sub") or ""
        return " ".join(str(name).split())[:MAX_NAME]
    return str(st.session_state.get(NAME_KEY, ""))


def _set_name() -> None:
    name = " ".join(str(st.session_state.get("desk_name_input", "")).split())[:MAX_NAME]
    if name:
        st.session_state[NAME_KEY] = name


def _forget_name() -> None:
    st.session_state.pop(NAME_KEY, None)


def identity() -> str:
    """The sidebar's "who am I": log in / out with a provider, or give a name once per session."""
    sidebar = st.sidebar
    name = editor_name()
    if login_configured():
        if name:
            sidebar.caption(components.plain(f"Signed in as {name}"))
            sidebar.button("Log out", key="desk_logout", on_click=st.logout)
        else:
            sidebar.info("Log in so that your changes and decisions carry your name.")
            sidebar.button("Log in", key="desk_login", on_click=st.login, type="primary")
        return name
    if name:
        sidebar.caption(components.plain(f"Working as {name} (for the audit log)"))
        sidebar.button("Change name", key="desk_change_name", on_click=_forget_name)
        return name
    with sidebar.form("desk_name_form"):
        st.text_input("Your name, for the audit log", key="desk_name_input", max_chars=MAX_NAME)
        st.form_submit_button("Use this name", on_click=_set_name, key="desk_name_submit")
    return ""


def store_for(editor: str) -> Store:
    """The shared store, recording ``editor`` (``identity()``'s answer) as the one who makes its changes."""
    return services.store().with_editor(editor)


def review_link(check_id: int) -> str:
    """The review page's own address for a check (relative to the app), as the check page links it."""
    return f"/review?check={check_id}"


def check_from_query() -> int | None:
    """The check named by ``?check=<id>`` in the address, or None when there is none or it is not a number."""
    raw = st.query_params.get("check", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**31 else None


def rerun(store: Store, check_id: int) -> Rerun:
    """The saved check's story checked again against today's library (not saved to the history)."""
    return rerun_check(store, check_id, save=False)


def save_rerun(store: Store, done: Rerun) -> Rerun:
    """Keep the re-run the editor is looking at in the history as a new check, as
    ``verifier checks rerun --save`` keeps its own (``rerun_check(save=True)`` saves with
    ``Store.save_check``): the result shown is saved, not a third run that might differ from it.
    The saved check stays as it was."""
    if done.saved_as is not None:
        return done
    return replace(done, saved_as=store.save_check(done.now))


def log_count(store: Store, where: AuditFilter) -> int:
    """How many entries match ``where``."""
    return store.audit.count(where)


def log_entries(store: Store, where: AuditFilter, *, offset: int = 0) -> list[AuditEntry]:
    """``LOG_PAGE`` entries matching ``where`` from the ``offset``-th newest on."""
    return store.audit.entries(where, limit=LOG_PAGE, offset=offset)


def _log_file(store: Store, where: AuditFilter, fmt: str) -> bytes:
    return export_log(store.audit.entries(where, limit=LOG_EXPORT_MAX), fmt).encode("utf-8")


def log_downloads(store: Store, where: AuditFilter) -> None:
    """The filtered log as CSV (with a byte-order mark, for Excel) and JSONL, built when clicked."""
    columns = st.columns(len(AUDIT_FORMATS))
    for column, (name, (extension, mime)) in zip(columns, AUDIT_FORMATS.items(), strict=True):
        column.download_button(
            f"Download {_LOG_LABELS[name]}",
            data=partial(_log_file, store, where, name),
            file_name=f"verifier-audit-log{extension}",
            mime=mime,
            key=f"audit_download_{name}",
            on_click="ignore",
        )
