"""Feeds: subscribe to outlets' feeds, pause or remove them, see each one's state, and fetch now;
watch saved checks and see what moved in them.

"Fetch now" does what `verifier watch` does once: every due feed, with a progress bar, then, when
reports were added, a re-check of the watched stories. Each change is listed until an editor
dismisses it, which the audit log records under the name the editor gave (``ui.desk``). Feed
URLs, outlets, story sentences and errors come from outside and are shown through
``components.plain`` or in tables.
"""

from __future__ import annotations

import streamlit as st

from db.feeds import FeedStore, StoryChanges, WatchedStories
from db.watch import RobotsCache, run_watch
from ui import components, desk, services
from verifier.changes import Change
from verifier.feeds import format_interval, parse_interval
from verifier.reasons import plural
from verifier.report import format_time

DISMISSED_KEY = "feeds_dismissed"


@st.cache_resource
def robots() -> RobotsCache:
    """robots.txt kept across every "Fetch now" of this server, for an hour each (as ``watch --every`` keeps it)."""
    return RobotsCache()


st.title("Feeds")
st.caption("Outlets' RSS and Atom feeds and news sitemaps; new items' pages are added to the reference library.")
editor = desk.identity()
store = desk.store_for(editor)
feeds = FeedStore(store)
watched = WatchedStories(store)


def change_card(story: StoryChanges, n: int, change: Change) -> None:
    """One change: what the story said, what it is now and on whose word, the suggested line, and Dismiss."""
    with st.container(border=True, key=f"feeds_change_{story.check_id}_{n}"):
        st.markdown(
            f"**Check {story.check_id} · {components.plain(story.title)}** — {change.kind}: "
            f"was **{change.before}**, now **{change.after}**"
        )
        st.caption(components.plain(f"The story: {change.story_sentence}"))
        if change.figure:
            when = f", {format_time(change.when)}" if change.when else ""
            st.markdown(components.plain(f"New figure: {change.figure} ({change.who}{when})"))
        if change.suggestion:
            st.markdown(components.plain(f"Suggested update: {change.suggestion}"))
        if st.button(
            "Dismiss", key=f"feeds_dismiss_{story.check_id}_{change.key}", disabled=not editor,
            help="Set this change aside; the audit log records who and when." if editor else "Give your name in the sidebar first.",
        ):  # fmt: skip
            with components.page_errors():
                watched.dismiss(story.check_id, change.key)
                st.session_state[DISMISSED_KEY] = f"Dismissed change {n} of check {story.check_id}; the audit log records it under {editor}."
                st.rerun()


with st.form("feeds_add", clear_on_submit=True):
    url = st.text_input("Feed or news sitemap URL", key="feeds_url")
    outlet = st.text_input("Outlet", key="feeds_outlet")
    every = st.text_input("Look every", value="10m", key="feeds_every", help="10m, 2h, 1d")
    reliability = st.slider("Reliability", 0.0, 1.0, 1.0, 0.05, key="feeds_reliability")
    if st.form_submit_button("Subscribe"):
        with components.page_errors():
            added = feeds.add(url, outlet=outlet, interval=parse_interval(every), reliability=reliability)
            st.success(components.plain(f"Subscribed to feed {added.id}: {added.url}"))

if st.button("Fetch now", key="feeds_fetch_now", type="primary"):
    bar = st.progress(0.0, text="Looking at the feeds that are due")

    def progress(done: int, total: int, url: str) -> None:
        bar.progress(done / total if total else 1.0, text=components.plain(url))

    with components.page_errors():
        with services.changing_library():
            runs = run_watch(feeds, settings=services.settings(), progress=progress, robots=robots())
        bar.progress(1.0, text="Done")
        if not runs:
            st.info("No feed is due.")
        for run in runs:
            summary = f"{run.feed.outlet}: {run.status}, {plural(run.items, 'item')}, {run.added} added, {plural(run.duplicates, 'duplicate')}"
            (st.error if run.status == "failed" else st.success)(components.plain(summary))
            for problem in ([run.error] if run.error else []) + [f"{p.url}: {p.reason}" for p in run.problems]:
                st.caption(components.plain(problem))
        if any(run.added for run in runs):
            moved = sum(len(story.changes) for story in watched.recheck())
            st.info(f"Watched stories checked again: {plural(moved, 'change')}.")

with components.page_errors():
    listed = feeds.list_feeds()
    if not listed:
        st.info("No feeds yet: subscribe to one above.")
    else:
        st.dataframe(
            [
                {
                    "id": f.id,
                    "outlet": f.outlet,
                    "url": f.url,
                    "every": format_interval(f.interval_seconds),
                    "state": "paused" if f.paused else (f.last_status or "new"),
                    "last fetch": format_time(f.last_fetch_at) if f.last_fetch_at else "never",
                    "new items": f.new_items,
                    "total": f.total_items,
                    "last error": f.last_error,
                }
                for f in listed
            ],
            hide_index=True,
            key="feeds_table",
        )
        chosen = st.selectbox(
            "Feed", [f.id for f in listed], format_func=lambda i: components.plain(next(f"{f.id} · {f.outlet} · {f.url}" for f in listed if f.id == i)), key="feeds_pick"
        )
        picked = next(f for f in listed if f.id == chosen)
        left, right = st.columns(2)
        if left.button("Resume" if picked.paused else "Pause", key="feeds_pause"):
            feeds.set_paused(picked.id, not picked.paused)
            st.rerun()
        if right.button("Remove", key="feeds_remove"):
            feeds.remove(picked.id)
            st.rerun()

st.header("Watched stories")
st.caption("A saved check (its number on the Reports page) is checked again whenever new reports arrive.")
with st.form("feeds_watch", clear_on_submit=True):
    check_id = st.number_input("Check number", min_value=1, step=1, key="feeds_watch_id")
    if st.form_submit_button("Watch"):
        with components.page_errors():
            story = watched.watch(int(check_id))
            st.success(components.plain(f"Watching check {story.check_id}: {story.title}"))

with components.page_errors():
    stories = watched.list_watched()
    if not stories:
        st.info("No watched stories yet.")
    else:
        st.subheader("Changes")
        if DISMISSED_KEY in st.session_state:
            st.success(components.plain(st.session_state.pop(DISMISSED_KEY)))
        pending = [(story, n, c) for story in stories for n, c in enumerate(story.changes, 1)]
        for story, n, c in pending:
            change_card(story, n, c)
        if not pending:
            st.caption("Nothing has moved in the watched stories, or every change was dismissed.")
        chosen_story = st.selectbox(
            "Watched story", [s.check_id for s in stories],
            format_func=lambda i: components.plain(next(f"{s.check_id} · {s.title}" for s in stories if s.check_id == i)),
            key="feeds_watched_pick",
        )  # fmt: skip
        if st.button("Stop watching", key="feeds_unwatch"):
            watched.unwatch(chosen_story)
            st.rerun()
