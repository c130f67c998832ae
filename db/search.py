"""Which reports speak of a story's event: the databases' own full-text ranking over report text.

Candidates for a check are the reports that share the story's names (``verifier.salient_terms``),
ranked so that a rare name (a village, a militia, a spokesman) counts for more than a common one
(the capital, the army): that is what tells one attack in a city from the dozens of others there.

The index is searched for the story's rarest names only, as many as ``SEARCHED_ENTRIES`` report
entries hold together: a report must hold one of them to be found, and must share ``min_shared``
of all the story's names. A name held by thousands of reports costs time on every check in
proportion to them and finds only other events of its place; in a library of up to a few
thousand reports every name is searched.

- **SQLite**: one full-text query per check, FTS5's ``bm25`` over ``report_fts`` (migration 0003)
  for the searched names; its inverse document frequency is the weighting, and a name in the title
  counts ``TITLE_WEIGHT`` times one in the text. Both rankings of an undated story read its scores.
- **PostgreSQL**: ``ts_rank`` has no document frequencies, so each name is weighted by the inverse
  of the share of reports holding it that the server's own statistics give (``pg_stats``'
  ``most_common_elems`` of ``report.search``, kept by ANALYZE and autovacuum), plus ``ts_rank``
  for how often and where (title A, text B) the names stand; every name of the story counts in the
  score of a report the searched names found.

Scores that differ by less than ``SCORE_STEP`` (copies of one wire story, reports of one update) are
ties, broken by closeness to the story's time (the check's time when the story has none), then by
the newer report. A report must lie within the window around the story's time when both are known.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import islice

from sqlalchemy import Connection, TextClause, bindparam, select, text

from .models import REPORT, UTCDateTime

# Both indexes hold a report's title and this many characters of its text (migration 0003).
INDEXED_CHARS = 100_000

# A name in a report's title says more about what the report is about than one in its body.
TITLE_WEIGHT = 4.0
# Reports whose scores differ by less than this are equally good matches; time decides between them.
SCORE_STEP = 0.1
# Reports ranked before the ``min_shared`` filter, per report asked for: the filter drops reports
# that share one name only, which rank low anyway.
POOL_FACTOR = 3
# PostgreSQL: the share assumed for a name the statistics do not list (ANALYZE lists the most
# common ones only), relative to the least common share they list.
UNLISTED_SHARE = 0.5
# The index is searched for the story's rarest names, as many as this many report entries hold
# together (at least one name); the commoner ones (the capital, a wire's name, "United Nations" in a
# large library) still count towards ``min_shared`` and the PostgreSQL score, but find no report on
# their own. Looking a name up costs time in proportion to the reports holding it, on every check,
# and the reports that only common names lead to are the other events of those places and groups
# (in the 1M-claim benchmark library: other attacks within days of the story's that share the
# words "Liberation Front"). Every name is searched in a library where they hold this many entries
# together at most, such as any library of up to this many reports.
SEARCHED_ENTRIES = 3_000
# PostgreSQL places an undated story's incident by its rarest names of at most this many entries
# together (all of ``SEARCHED_ENTRIES`` when they find no report that qualifies).
LOCATING_ENTRIES = 500
# Reports whose shared names are counted in one read of their texts, beyond the score step that needs them.
SHARED_AHEAD = 16


@dataclass(frozen=True)
class Query:
    """What to rank: the story's names, its time (or the check's), and the window around it."""

    terms: Sequence[str]
    anchor: datetime
    window: timedelta | None
    limit: int
    min_shared: int = 1


def ranked_reports(conn: Connection, query: Query) -> list[int]:
    """Ids of the best-matching reports, best first (at most ``query.limit``)."""
    if not query.terms or query.limit <= 0:
        return []
    return [row.id for row in _ranked(conn, query)]


def located_reports(conn: Connection, query: Query, around: timedelta) -> list[int]:
    """An undated story's reports: ranked within ``around`` of the time of the report that matches it best.

    The best report is the first of the ranking that is not deleted; the ranking stops there (on
    SQLite the shared names are counted only that far). When no report qualifies, or the best one has
    no time either, the first ranking is the answer.
    """
    if not query.terms or query.limit <= 0:
        return []
    found = _Found.search(conn, query.terms)
    # PostgreSQL reads each found report's tsvector from its TOAST storage to score it (about
    # 0.1 ms a report), so there the incident is placed by the rarest names of fewer reports first.
    locating = _ranked(conn, query, found) if found else _postgres(conn, query, LOCATING_ENTRIES)
    best = next((row for row in locating if not row.deleted), None)
    if best is None and found is None:
        locating = _postgres(conn, query)
        best = next((row for row in locating if not row.deleted), None)
    published = None if best is None else conn.execute(select(REPORT.c.published).where(REPORT.c.id == best.id)).scalar()
    if published is None:
        return [row.id for row in (locating if found else _postgres(conn, query))]
    return [row.id for row in _ranked(conn, replace(query, anchor=published, window=around), found)]


def _fts_phrase(term: str) -> str:
    """A term as an FTS5 phrase: quoted, so hyphens and apostrophes are not operators."""
    return '"' + term.replace('"', '""') + '"'


def _window_params(query: Query) -> tuple[str, dict[str, object]]:
    if query.window is None:
        return "", {}
    return (
        " AND (r.published IS NULL OR r.published BETWEEN :since AND :until)",
        {"since": query.anchor - query.window, "until": query.anchor + query.window},
    )


def _times(statement: str, params: dict[str, object]) -> TextClause:
    times = [bindparam(name, type_=UTCDateTime()) for name in ("anchor", "since", "until") if name in params]
    return text(statement).bindparams(*times)


@dataclass(frozen=True)
class _Ranked:
    id: int
    score: float
    distance: float | None
    deleted: bool


class _Lazy(Sequence[_Ranked]):
    """The ranking as a sequence computed only as far as it is read (SQLite's shared-name counts)."""

    def __init__(self, rows: Iterator[_Ranked], limit: int) -> None:
        self._rows = islice(rows, limit)
        self._seen: list[_Ranked] = []
        self._done = False

    def _fill(self, upto: int | None) -> None:
        while not self._done and (upto is None or len(self._seen) <= upto):
            row = next(self._rows, None)
            if row is None:
                self._done = True
            else:
                self._seen.append(row)

    def __getitem__(self, index: int) -> _Ranked:  # type: ignore[override]
        self._fill(index if index >= 0 else None)
        return self._seen[index]

    def __iter__(self) -> Iterator[_Ranked]:
        at = 0
        while True:
            self._fill(at)
            if at >= len(self._seen):
                return
            yield self._seen[at]
            at += 1

    def __len__(self) -> int:
        self._fill(None)
        return len(self._seen)


class _Found:
    """SQLite: the reports the story's searched names find, scored once by bm25 (best first), and
    the shared-name counts read so far; both rankings of an undated story use them."""

    def __init__(self, conn: Connection, terms: Sequence[str], scores: list[tuple[int, float]]) -> None:
        self.conn, self.terms, self.scores = conn, terms, scores
        self._shared: dict[int, int] = {}

    @classmethod
    def search(cls, conn: Connection, terms: Sequence[str]) -> _Found | None:
        """One full-text query for the whole check (None on PostgreSQL, which ranks in SQL)."""
        if conn.dialect.name == "postgresql":
            return None
        searched = _rarest(terms, _sqlite_entries(conn, terms))
        statement = f"SELECT rowid, bm25(report_fts, {TITLE_WEIGHT}, 1.0) AS score FROM report_fts WHERE report_fts MATCH ? ORDER BY score"
        scores = conn.exec_driver_sql(statement, (" OR ".join(_fts_phrase(t) for t in searched),)).all()
        return cls(conn, terms, [(rid, score) for rid, score in scores])

    def shared(self, ids: Sequence[int], ahead: Sequence[int]) -> dict[int, int]:
        """How many of the terms each of ``ids`` holds; counted with ``ahead`` (the next in the ranking) in one read."""
        missing = [i for i in ids if i not in self._shared]
        if missing:
            extra = [i for i in ahead if i not in self._shared][:SHARED_AHEAD]
            self._shared.update(_shared_counts(self.conn, [*missing, *extra], self.terms))
        return {i: self._shared.get(i, 0) for i in ids}


def _ranked(conn: Connection, query: Query, found: _Found | None = None) -> Sequence[_Ranked]:
    found = found or _Found.search(conn, query.terms)
    if found is None:
        return _postgres(conn, query)
    return _Lazy(_sqlite_order(found, _sqlite_pool(found, query), query), query.limit)


def _rarest(terms: Sequence[str], entries: dict[str, int], budget: int | None = None) -> list[str]:
    """The terms to search the index for: the rarest, as many as hold ``budget`` (by default
    ``SEARCHED_ENTRIES``) entries together (at least one), in the story's order."""
    budget = SEARCHED_ENTRIES if budget is None else budget
    chosen: set[str] = set()
    total = 0
    for term in sorted(terms, key=lambda t: entries.get(t, 0)):
        total += entries.get(term, 0)
        if chosen and total > budget:
            break
        chosen.add(term)
    return [t for t in terms if t in chosen]


def _sqlite_entries(conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """How many reports hold each term, counted up to ``SEARCHED_ENTRIES`` + 1 (all that ``_rarest`` needs)."""
    counts = ", ".join(
        f"(SELECT count(*) FROM (SELECT 1 FROM report_fts WHERE report_fts MATCH ? LIMIT {SEARCHED_ENTRIES + 1}))"
        for _ in terms
    )
    row = conn.exec_driver_sql(f"SELECT {counts}", tuple(_fts_phrase(t) for t in terms)).one()
    return dict(zip(terms, row, strict=True))


def _sqlite_pool(found: _Found, query: Query) -> list[_Ranked]:
    """The ``POOL_FACTOR`` times ``query.limit`` best-scored reports within the window (if any), best first.

    The SQL goes to the driver as it is: SQLAlchemy's compiling of a statement of hundreds of ids
    took longer than running it.
    """
    size = query.limit * POOL_FACTOR
    dialect = found.conn.dialect
    time = REPORT.c.published.type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
    statement = (
        "SELECT r.id, abs(julianday(r.published) - julianday(?)) AS distance, r.deleted_at IS NOT NULL AS deleted "
        "FROM report AS r WHERE "
    )
    params: tuple[object, ...] = (time(query.anchor),)
    if query.window is None:  # the best-scored reports are the pool
        statement += f"r.id IN ({', '.join(str(int(rid)) for rid, _ in found.scores[:size])})"
    else:  # the window's reports, through the index of publication times
        statement += "(r.published IS NULL OR r.published BETWEEN ? AND ?)"
        params += (time(query.anchor - query.window), time(query.anchor + query.window))
    if not found.scores:
        return []
    kept = {rid: (distance, bool(deleted)) for rid, distance, deleted in found.conn.exec_driver_sql(statement, params)}
    pool = [_Ranked(rid, score, *kept[rid]) for rid, score in found.scores if rid in kept]
    return pool[:size]


def _sqlite_order(found: _Found, pool: Sequence[_Ranked], query: Query) -> Iterator[_Ranked]:
    """The pool's reports that share ``query.min_shared`` terms, by score step, then time, then newness.

    The pool comes best score first, so its score steps come in order: the shared names are counted
    one step at a time, as far as the ranking is read.
    """
    start = 0
    while start < len(pool):
        step = round(pool[start].score / SCORE_STEP)
        end = start
        while end < len(pool) and round(pool[end].score / SCORE_STEP) == step:
            end += 1
        group = list(pool[start:end])
        if query.min_shared > 1:
            shared = found.shared([row.id for row in group], [row.id for row in pool[end : end + SHARED_AHEAD]])
            group = [row for row in group if shared[row.id] >= query.min_shared]
        group.sort(key=lambda row: (row.distance is None, row.distance or 0.0, -row.id))
        yield from group
        start = end


def _holds(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` as a whole word (a run of letters and digits, as ``_TOKEN`` splits)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


_TOKEN = re.compile(r"[^\W_]+")


def _shared_counts(conn: Connection, ids: Sequence[int], terms: Sequence[str]) -> dict[int, int]:
    """How many of ``terms`` each report holds, read from the indexed text with FTS5's word split.

    FTS5 has no per-term match count in SQL, and a full-text lookup per term and report costs more
    than reading the few ranked reports' texts once. Each of the terms' words is looked for as a
    whole word (``_holds``) rather than splitting the whole text into words, which took ten times longer.
    """
    if not ids:
        return {}
    wanted = [frozenset(_TOKEN.findall(t.lower())) for t in terms]
    words = sorted(frozenset().union(*wanted))
    rows = conn.exec_driver_sql(
        f"SELECT id, title, substr(text, 1, {INDEXED_CHARS}) FROM report WHERE id IN ({', '.join(str(int(i)) for i in ids)})"
    )
    counts: dict[int, int] = {}
    for rid, title, text_ in rows:
        body = f"{title} {text_}".lower()
        present = {w for w in words if _holds(body, w)}
        counts[rid] = sum(bool(w) and w <= present for w in wanted)
    return counts


def _shares(conn: Connection, terms: Sequence[str]) -> tuple[dict[str, float], dict[str, int]]:
    """The share of reports holding each term, from the server's statistics of ``report.search``, and
    about how many reports hold it (0 for a name rarer than any the statistics list).

    Empty when ANALYZE has not run yet (a new library): every name then weighs the same.
    """
    row = conn.execute(
        text(
            "SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs, "
            "(SELECT reltuples FROM pg_class WHERE oid = 'report'::regclass) AS reports FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'report' AND attname = 'search'"
        )
    ).first()
    if row is None or not row.elems or not row.freqs:
        return {}, {}
    listed = dict(zip(row.elems, row.freqs, strict=False))
    # the three numbers after the per-element ones are the least and greatest share and the NULLs' share
    unlisted = row.freqs[len(row.elems)] * UNLISTED_SHARE
    reports = max(0.0, float(row.reports or 0.0))
    return {t: float(listed.get(t, unlisted)) for t in terms}, {t: round(listed.get(t, 0.0) * reports) for t in terms}


def _postgres(conn: Connection, query: Query, budget: int | None = None) -> list[_Ranked]:
    window, params = _window_params(query)
    terms = list(query.terms)
    shares, entries = _shares(conn, terms)
    weights = [math.log(1 + 1 / shares[t]) if shares else 1.0 for t in terms]
    tsq = [f"plainto_tsquery('simple', :t{i})" for i in range(len(terms))]
    searched = _rarest(terms, entries, budget)
    found = [q for t, q in zip(terms, tsq, strict=True) if t in searched]
    params.update({f"t{i}": t for i, t in enumerate(terms)})
    params.update({f"w{i}": w for i, w in enumerate(weights)})
    weighted = " + ".join(f":w{i} * r.m{i}" for i in range(len(tsq)))
    shared = " + ".join(f"r.m{i}" for i in range(len(tsq)))
    tests = ", ".join(f"(r.search @@ {q})::int AS m{i}" for i, q in enumerate(tsq))
    # The inner query hands each found report's tsvector on once, read from its TOAST storage
    # (OFFSET 0 keeps it apart): otherwise every one of the dozens of tests reads it again. The
    # middle one tests each name once; the score and the count of shared names both use the tests.
    statement = f"""
        SELECT id, score, deleted FROM (
            SELECT r.id, r.published, r.deleted, {weighted} + r.rank AS score, {shared} AS shared
            FROM (
                SELECT r.id, r.published, r.deleted, {tests}, ts_rank(r.search, {" || ".join(tsq)}) AS rank
                FROM (
                    SELECT r.id, r.published, r.deleted_at IS NOT NULL AS deleted, r.search || ''::tsvector AS search
                    FROM report AS r
                    WHERE r.search @@ ({" || ".join(found)}){window}
                    OFFSET 0
                ) AS r
                OFFSET 0
            ) AS r
        ) AS ranked
        WHERE shared >= :min_shared
        ORDER BY round(score / {SCORE_STEP}) DESC, abs(extract(epoch FROM published - :anchor)) NULLS LAST, id DESC
        LIMIT :limit
    """
    params.update(limit=query.limit, anchor=query.anchor, min_shared=query.min_shared)
    # The planner's guess of how many reports an OR of names finds runs ten times high, and for
    # more than a few thousand it reads the whole table instead, every tsvector out of TOAST.
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    rows = [_Ranked(row.id, row.score, None, row.deleted) for row in conn.execute(_times(statement, params), params)]
    conn.execute(text("SET LOCAL enable_seqscan = on"))
    return rows
