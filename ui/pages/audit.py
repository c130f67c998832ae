"""Audit log: every change to the library and at the desk, who made it and when, filterable and
downloadable as CSV and JSONL. Names, titles and notes are untrusted: the table shows them as text."""

from __future__ import annotations

import json

import streamlit as st

from db import Store
from db.audit import AuditFilter
from ui import components, desk, services
from verifier.audit import ACTIONS
from verifier.report import format_time

ALL = "All"


def _filters(store: Store) -> AuditFilter:
    action_col, editor_col, words_col, since_col, until_col = st.columns([2, 2, 3, 1.5, 1.5])
    action = action_col.selectbox("Action", [ALL, *ACTIONS], key="audit_action")
    editor = editor_col.selectbox("Editor", [ALL, *store.audit.editors()], key="audit_editor")
    words = words_col.text_input("Words in the entry", key="audit_words")
    since = since_col.date_input("From", value=None, key="audit_since")
    until = until_col.date_input("To", value=None, key="audit_until")
    return AuditFilter(
        action="" if action == ALL else action,
        editor="" if editor == ALL else editor,
        search=words,
        since=components.day_bound(since, end=False),
        until=components.day_bound(until, end=True),
    )


def _compact(values: object) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str) if values else ""


st.title("Audit log")
desk.identity()
store = services.store()
with components.page_errors():
    where = _filters(store)
    total = desk.log_count(store, where)
    offset = (components.page_number(total, desk.LOG_PAGE, key="audit_page") - 1) * desk.LOG_PAGE
    entries = desk.log_entries(store, where, offset=offset)
    held = "; the downloads below hold all of them" if len(entries) < total else ""
    st.caption(f"{total:,} {'entry matches' if total == 1 else 'entries match'}{components.shown_range(offset, len(entries), total)}{held}")
    st.dataframe(
        [
            {
                "id": e.id,
                "when": format_time(e.at),
                "editor": e.who,
                "action": e.action,
                "subject": e.subject + (f" {e.subject_id}" if e.subject_id is not None else ""),
                "summary": e.summary,
                "before": _compact(dict(e.before)),
                "after": _compact(dict(e.after)),
            }
            for e in entries
        ],
        hide_index=True,
    )
    desk.log_downloads(store, where)
