"""Review: an editor confirms, overrides or dismisses each finding of a saved check, sets the check's
review state, runs it again against today's library (and keeps that re-run as a new check if asked),
and downloads the report with the decisions.

Opened at ``/review?check=<id>``: the address names the check, so a link opens it for anyone.
"""

from __future__ import annotations

import streamlit as st

from db import Store
from ui import components, desk
from verifier.report import decision_line, figure_label, format_time, review_line
from verifier.review import DECIDED, DECISIONS, REVIEW_STATES
from verifier.types import VERDICTS, CheckResult, Finding

HISTORY_SIZE = 200
_ACTION_LABELS = {"confirm": "Confirm", "override": "Override", "dismiss": "Dismiss"}


def _choose_check(store: Store) -> int | None:
    """The check in the address, else one picked from the history (which then goes into the address)."""
    named = desk.check_from_query()
    checks = store.list_checks(limit=HISTORY_SIZE)
    if not checks and named is None:
        st.info("No checks yet: check a story on the first page, then review it here.")
        return None
    ids = [c.id for c in checks]
    if named is not None and named not in ids:
        ids.insert(0, named)
    labels = {c.id: f"{c.id} · {format_time(c.created_at)} · {c.review_state} · {c.story_title or c.story_url or 'untitled'}" for c in checks}
    chosen = st.selectbox(
        "Check to review", ids, index=ids.index(named) if named in ids else 0,
        format_func=lambda i: labels.get(i, f"check {i}"), key=f"review_pick_{named}",
    )  # fmt: skip
    if chosen is not None and st.query_params.get("check") != str(chosen):
        st.query_params["check"] = str(chosen)
    return chosen


def _decide_form(store: Store, check_id: int, n: int, finding: Finding, editor: str) -> None:
    with st.form(key=f"review_form_{check_id}_{n}", border=True):
        action_col, verdict_col, note_col = st.columns([2, 2, 4])
        action = action_col.radio(
            "Decision", DECISIONS, format_func=_ACTION_LABELS.__getitem__, horizontal=True, key=f"review_action_{check_id}_{n}"
        )
        others = [v for v in VERDICTS if v != finding.verdict]
        verdict = verdict_col.selectbox("Editor's verdict (for an override)", others, key=f"review_verdict_{check_id}_{n}")
        note = note_col.text_input("Note", key=f"review_note_{check_id}_{n}", max_chars=2000)
        if st.form_submit_button("Save decision", disabled=not editor, key=f"review_save_{check_id}_{n}"):
            decision = store.reviews.decide(check_id, n - 1, action, verdict=verdict if action == "override" else "", note=note)
            st.session_state["review_saved"] = f"Finding {n}: {decision_line(decision)}"
            st.rerun()


def _findings(store: Store, check_id: int, result: CheckResult, editor: str) -> None:
    review = store.reviews.get(check_id)
    for n, finding in enumerate(result.findings, 1):
        components.finding_details(result, n, finding, key=f"review_{check_id}")
        decision = review.decision(n - 1)
        figure = figure_label(finding.claim.value, stance=finding.claim.stance, actor=finding.claim.actor)
        said = decision_line(decision) if decision else "not decided yet"
        st.markdown(components.plain(f"Finding {n} ({finding.claim.kind}: {figure}): the tool says {finding.verdict}; editor: {said}"))
        _decide_form(store, check_id, n, finding, editor)


def _state_control(store: Store, check_id: int, state: str, editor: str) -> None:
    left, right = st.columns([3, 1])
    chosen = left.selectbox("Review state", REVIEW_STATES, index=REVIEW_STATES.index(state), key=f"review_state_{check_id}")
    right.write("")
    if right.button("Set state", key=f"review_set_state_{check_id}", disabled=not editor or chosen == state):
        store.reviews.set_state(check_id, chosen)
        st.session_state["review_saved"] = f"Check {check_id} is now {chosen}."
        st.rerun()


def _save_rerun(store: Store, key: str) -> None:
    """Offer to keep the re-run on screen in the history, as ``verifier checks rerun --save`` does;
    once kept, say under which number, with a link to review it."""
    done = st.session_state[key]
    if done.saved_as is not None:
        st.success(f"This re-run is saved to the history as check {done.saved_as}; check {done.check_id} stays as it was.")
        st.page_link("pages/review.py", label=f"Review check {done.saved_as}", icon=":material/rate_review:",
                     query_params={"check": str(done.saved_as)})  # fmt: skip
        return
    if st.button("Save this re-run", key=f"{key}_save", icon=":material/save:",
                 help="Keep it in the history as a new check; the saved check and its decisions stay as they were."):  # fmt: skip
        st.session_state[key] = desk.save_rerun(store, done)
        st.rerun()


def _rerun(store: Store, check_id: int) -> None:
    """Run the check again on demand; what changed stays shown until another check is opened."""
    key = f"review_rerun_{check_id}"
    if st.button("Re-run against today's library", key=f"review_rerun_button_{check_id}", icon=":material/refresh:"):
        st.session_state[key] = desk.rerun(store, check_id)
    done = st.session_state.get(key)
    if done is None:
        return
    diff = done.diff
    if diff.unchanged:
        st.success("Nothing changed since the check was saved: same sources, same verdicts.")
    else:
        st.subheader("What changed since the check was saved")
        rows = [{"change": "new source", "what": f"{s.outlet} · {format_time(s.published)}", "before": "", "now": "", "url": s.url} for s in diff.new_sources]
        rows += [{"change": "source gone", "what": f"{s.outlet} · {format_time(s.published)}", "before": "", "now": "", "url": s.url} for s in diff.gone_sources]
        rows += [
            {"change": "verdict moved", "what": f"{m.number}. {m.kind}: {m.sentence}",
             "before": f"{m.verdict_before or '—'} ({m.status_before or 'new'})", "now": f"{m.verdict_after} ({m.status_after})", "url": ""}
            for m in diff.moves
        ]  # fmt: skip
        st.dataframe(rows, hide_index=True)
    _save_rerun(store, key)


st.title("Review")
editor = desk.identity()
store = desk.store_for(editor)
with components.page_errors():
    if "review_saved" in st.session_state:
        st.success(components.plain(st.session_state.pop("review_saved")))
    check_id = _choose_check(store)
    if check_id is not None:
        result = store.get_check(check_id)
        review = store.reviews.get(check_id)
        st.header(components.plain(result.story.title or result.story.url or "Untitled story"))
        st.caption(components.plain(f"{review_line(review)} Link to this review: {desk.review_link(check_id)}"))
        if not editor:
            st.info("Give your name in the sidebar (or log in) to decide: every decision carries who took it.")
        _state_control(store, check_id, review.state, editor)
        _rerun(store, check_id)
        st.caption("Download the report with the decisions")
        components.download_buttons(result, stem=f"check-{check_id}-review", key=f"review_{check_id}", review=review)
        st.caption(" · ".join(f"{_ACTION_LABELS[a]}: {DECIDED[a]}" for a in DECISIONS))
        _findings(store, check_id, result, editor)
