"""The reference library on real databases: every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import multiprocessing
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from sqlalchemy import event, insert, text

from db import Store, make_engine, run_check
from db.convert import content_hash
from db.migrate import alembic_config
from db.models import Outlet, ReportRow, described_by_models, metadata
from verifier import Settings, extract_claims, parse_report_file
from verifier.errors import ConfigError, InputError, NotFoundError, StoreError
from verifier.types import CheckResult, Claim, Document, Evidence, Finding, Range

T0 = datetime(2020, 11, 21, 8, 0, tzinfo=UTC)
KABUL = "Rockets hit Kabul on Saturday. Officials in Kabul said the Taliban denied any role in the attack."
MOSUL = "A car bomb exploded in Mosul on Sunday. Officials in Mosul blamed Islamic State for the blast."


def claim(kind: str = "killed", low: float | None = 8, high: float | None = None, **fields: Any) -> Claim:
    value = None if kind == "responsibility" else Range(low, high, fields.pop("qualifier", "at_least"), "at least eight")
    defaults: dict[str, Any] = {"sentence": "Rockets killed at least eight people.", "span": (15, 29), "noun": "people"}
    return Claim(id=fields.pop("id", "c1"), kind=kind, value=value, **{**defaults, **fields})


def count_rows(store: Store, table: str, report_id: int) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE report_id = :id"), {"id": report_id}).scalar_one())


def stored_claims_match_extractor(store: Store, report_id: int) -> None:
    report = store.get_report(report_id)
    assert report.claims == tuple(extract_claims(report.text))


# -- engine and schema -----------------------------------------------------------------------


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": described_by_models}), metadata)
    assert diff == []


def test_opening_twice_keeps_the_library(db_url: str) -> None:
    with Store.open(db_url) as first:
        first.add_document(Document(KABUL, outlet="Reuters"))
    with Store.open(db_url) as second:
        assert second.count_reports() == 1


def test_sqlite_file_is_set_up_for_several_processes(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'folder' / 'lib.db'}")
    with engine.connect() as conn:
        pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "foreign_keys", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10_000}


def test_memory_store_is_one_library_per_process() -> None:
    with Store.memory() as store:
        store.add_document(Document(KABUL, outlet="Reuters"))
        assert store.count_reports() == 1


@pytest.mark.parametrize("url", ["", "not a url", "mysql://user@host/db", "postgresql+asyncpg://u@h/db"])
def test_unusable_urls_are_config_errors(url: str) -> None:
    with pytest.raises(ConfigError, match="database URL"):
        make_engine(url)


@pytest.mark.parametrize("url", ["sqlite:///", " sqlite:/// ", "sqlite+pysqlite:///"])
def test_a_sqlite_url_with_an_empty_path_is_an_error(url: str) -> None:
    # "sqlite:///$LIBRARY" with the variable unset: an in-memory library would lose every report
    with pytest.raises(ConfigError, match="names no file.*sqlite://"):
        make_engine(url)


def test_unreachable_database_names_it_without_the_password() -> None:
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://editor:s3cret@127.0.0.1:1/library")
    message = str(info.value)
    assert "127.0.0.1:1/library" in message and "s3cret" not in message and "check that the server" in message


# -- ingest ----------------------------------------------------------------------------------

HTML_PAGE = """<!doctype html><html><head><title>Kabul rockets</title></head><body>
<nav>Home | World | Latest Stories</nav>
<article><h1>Kabul rockets</h1>
<p>Rockets hit Kabul on Saturday, killing at least eight people, officials in Kabul said.</p>
<p>The Taliban denied any role in the attack on Kabul, which wounded 31 others.</p>
</article></body></html>"""

JSONL = "\n".join(
    [
        json.dumps({"outlet": "AP", "published": "2020-11-21T09:00:00Z", "url": "https://ap.example/1", "title": "One", "text": KABUL}),
        "{not json",
        json.dumps({"outlet": "AFP", "published": None, "url": "", "title": "Two", "text": MOSUL}),
    ]
)


@pytest.mark.parametrize(
    ("name", "content", "statuses", "expected"),
    [
        ("reuters.txt", KABUL, ["added"], {"outlet": "reuters", "published": None}),
        (
            "wire.txt",
            f"Outlet: Reuters\nPublished: 2020-11-21T08:15:00Z\nURL: https://example.org/kabul\nTitle: Rockets hit Kabul\n\n{KABUL}",
            ["added"],
            {"outlet": "Reuters", "url": "https://example.org/kabul", "title": "Rockets hit Kabul", "published": T0 + timedelta(minutes=15)},
        ),
        ("feed.jsonl", JSONL, ["rejected", "added", "added"], {"outlet": "AP", "url": "https://ap.example/1"}),
        ("page.html", HTML_PAGE, ["added"], {"title": "Kabul rockets"}),
    ],
)
def test_ingest_reference_files(
    store: Store, tmp_path: Path, name: str, content: str, statuses: list[str], expected: dict[str, Any]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    results = store.add_paths([path])
    assert sorted(r.status for r in results) == sorted(statuses)
    rejected = [r for r in results if r.status == "rejected"]
    assert [r.line for r in rejected] == [2] * len(rejected)
    added = [r for r in results if r.status == "added"]
    first = store.get_report(added[0].report_id or 0)
    assert {key: getattr(first, key) for key in expected} == expected
    assert "Kabul" in first.text and "Latest Stories" not in first.text
    for result in added:
        assert result.claims == len(extract_claims(store.get_report(result.report_id or 0).text))
        stored_claims_match_extractor(store, result.report_id or 0)


@pytest.mark.parametrize(
    ("first", "second", "status", "reason"),
    [
        (Document(KABUL, url="https://a.example/1"), Document(KABUL, url="https://a.example/1"), "duplicate", "same URL"),
        (Document(KABUL, url="https://a.example/1"), Document(MOSUL, url="https://a.example/1"), "added", "new version"),
        (Document(KABUL), Document("  " + KABUL.upper().replace(" ", "\n\t ") + "\n"), "duplicate", "same text"),
        (Document(KABUL, url="https://a.example/1"), Document(KABUL, url="https://b.example/2"), "duplicate", "same text"),
        (Document(KABUL, url="https://a.example/1"), Document(MOSUL, url="https://b.example/2"), "added", ""),
        (Document(KABUL), Document(MOSUL), "added", ""),
    ],
)
def test_duplicates_by_url_and_by_text(store: Store, first: Document, second: Document, status: str, reason: str) -> None:
    original = store.add_document(first)
    again = store.add_document(second)
    assert (original.status, again.status) == ("added", status)
    if status == "duplicate":
        assert again.report_id == original.report_id
        assert again.reason == f"{reason} as report {original.report_id}"
    else:
        assert reason in again.reason
    assert store.count_reports() == (1 if status == "duplicate" else 2)


def test_a_bad_file_among_good_ones_is_rejected_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(KABUL, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "c.txt").write_text("", encoding="utf-8")
    (folder / "d.txt").write_text(MOSUL, encoding="utf-8")
    results = store.add_paths([folder, tmp_path / "missing.txt"])
    by_name = {Path(r.source).name: r for r in results}
    assert {name: r.status for name, r in by_name.items()} == {
        "a.txt": "added",
        "b.txt": "rejected",
        "c.txt": "rejected",
        "d.txt": "added",
        "missing.txt": "rejected",
    }
    assert all(r.reason and r.line is None for r in results if r.status == "rejected")
    assert store.count_reports() == 2


def test_progress_is_reported_per_file(store: Store, tmp_path: Path) -> None:
    for i, body in enumerate((KABUL, MOSUL)):
        (tmp_path / f"{i}.txt").write_text(body, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    store.add_paths([tmp_path], progress=lambda done, total, _name: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_a_report_without_text_is_rejected(store: Store, body: str) -> None:
    assert store.add_document(Document(body, origin="x.txt")).status == "rejected"
    assert store.count_reports() == 0


@pytest.mark.parametrize("reliability", [-0.1, 1.5])
def test_reliability_outside_zero_to_one_is_refused(store: Store, reliability: float) -> None:
    with pytest.raises(InputError):
        store.add_document(Document(KABUL), reliability=reliability)


def test_claims_round_trip_field_by_field(store: Store) -> None:
    sentence = "Rockets killed at least eight people and wounded 31 others."
    extracted = extract_claims(sentence)
    if not extracted:
        pytest.xfail("the claim extractor finds nothing in the sentence yet")
    result = store.add_document(Document(sentence, outlet="Reuters"))
    stored = store.get_report(result.report_id or 0).claims
    assert len(stored) == len(extracted) == result.claims
    for got, want in zip(stored, extracted, strict=True):
        for field in ("id", "kind", "value", "sentence", "span", "sentence_span", "noun", "actor", "stance", "attributed_to"):
            assert getattr(got, field) == getattr(want, field), field
    values = {c.kind: (c.value.low, c.value.high) for c in stored if c.value}
    assert values == {"killed": (8, None), "injured": (31, 31)}


@pytest.mark.parametrize(
    "given",
    [
        claim(),
        claim(low=None, high=None, qualifier="vague"),
        claim(low=20, high=30, qualifier="between", actor="army", attributed_to="the ministry"),
        claim("responsibility", actor="Taliban", stance="denied", span=(40, 46), sentence_span=(31, 90)),
    ],
)
def test_given_claims_are_stored_as_they_are(store: Store, given: Claim) -> None:
    result = store.add_document(Document(KABUL, outlet="Reuters"), claims=[given])
    assert store.get_report(result.report_id or 0).claims == (given,)


def test_published_times_come_back_aware_in_utc(store: Store) -> None:
    kabul_time = datetime(2020, 11, 21, 12, 45, tzinfo=timezone(timedelta(hours=4, minutes=30)))
    result = store.add_document(Document(KABUL, outlet="Reuters", published=kabul_time))
    published = store.get_report(result.report_id or 0).published
    assert published == kabul_time and published is not None and published.tzinfo == UTC


# -- browse and edit -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": "Corrected title"}, {"title": "Corrected title", "outlet": "Reuters"}),
        ({"outlet": "Associated Press"}, {"outlet": "Associated Press"}),
        ({"published": T0 + timedelta(days=1)}, {"published": T0 + timedelta(days=1)}),
        ({"reliability": 0.4}, {"reliability": 0.4, "outlet": "Reuters"}),
        ({"outlet": "AFP", "reliability": 0.7}, {"outlet": "AFP", "reliability": 0.7}),
    ],
)
def test_update_report(store: Store, changes: dict[str, Any], expected: dict[str, Any]) -> None:
    report_id = store.add_document(Document(KABUL, title="Rockets", outlet="Reuters", published=T0)).report_id or 0
    updated = store.update_report(report_id, **changes)
    assert {key: getattr(updated, key) for key in expected} == expected
    assert store.get_report(report_id) == updated
    assert {o.name: o.reliability for o in store.outlets()}[updated.outlet] == updated.reliability


def test_a_deleted_report_is_no_candidate_and_comes_back_whole_when_restored(store: Store) -> None:
    kept = store.add_document(Document(MOSUL, outlet="AFP"), claims=[claim()]).report_id or 0
    gone = store.add_document(Document(KABUL, outlet="Reuters"), claims=[claim(), claim("injured", id="c2")]).report_id or 0
    assert count_rows(store, "claim", gone) == 2
    assert {c.report.id for c in store.candidates([claim()], terms=["kabul"])} == {gone}
    store.delete_report(gone)
    assert store.candidates([claim()], terms=["kabul"]) == []
    assert store.matching_reports(["kabul"]) == []
    assert count_rows(store, "claim", kept) == 1
    with pytest.raises(NotFoundError):
        store.get_report(gone)
    store.restore_report(gone)
    assert count_rows(store, "claim", gone) == 2  # deleting is soft: the claims waited
    assert {c.report.id for c in store.candidates([claim()], terms=["kabul"])} == {gone}


def test_an_edited_title_is_searched_by_its_new_words(store: Store) -> None:
    report_id = store.add_document(Document(MOSUL, title="Blast", outlet="AFP"), claims=[claim()]).report_id or 0
    assert store.candidates([claim()], terms=["nineveh"]) == []
    store.update_report(report_id, title="Blast in Nineveh")
    assert [c.report.id for c in store.candidates([claim()], terms=["nineveh"])] == [report_id]
    store.update_report(report_id, title="Blast")
    assert store.candidates([claim()], terms=["nineveh"]) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.get_report(999),
        lambda s: s.delete_report(999),
        lambda s: s.update_report(999, title="x"),
        lambda s: s.get_check(999),
    ],
)
def test_missing_ids_raise_not_found(store: Store, call: Any) -> None:
    with pytest.raises(NotFoundError):
        call(store)


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({}, ["late", "mosul", "kabul", "undated"]),
        ({"search": "mosul"}, ["mosul"]),
        ({"search": "50%"}, ["late"]),
        ({"outlet": "reuters"}, ["late", "kabul"]),
        ({"since": T0 + timedelta(hours=1)}, ["late", "mosul"]),
        ({"until": T0}, ["kabul"]),
        ({"limit": 2, "offset": 1}, ["mosul", "kabul"]),
    ],
)
def test_list_reports(store: Store, filters: dict[str, Any], titles: list[str]) -> None:
    store.add_document(Document(KABUL, title="kabul", outlet="Reuters", published=T0))
    store.add_document(Document(MOSUL, title="mosul", outlet="AFP", published=T0 + timedelta(days=1)))
    store.add_document(Document(KABUL + " Prices rose 50% later.", title="late", outlet="Reuters", published=T0 + timedelta(days=2)))
    store.add_document(Document(KABUL + " Undated.", title="undated", outlet="AP"))
    assert [r.title for r in store.list_reports(**filters)] == titles
    counted = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
    assert store.count_reports(**counted) == len(store.list_reports(**counted))


def test_outlets_with_report_counts(store: Store) -> None:
    store.add_document(Document(KABUL, outlet="Reuters", url="https://www.reuters.com/a"), reliability=0.9)
    store.add_document(Document(MOSUL, outlet="Reuters"))
    store.add_document(Document(KABUL + " More.", outlet="AFP"))
    assert [(o.name, o.domain, o.reliability, o.reports) for o in store.outlets()] == [
        ("AFP", "", 1.0, 1),
        ("Reuters", "reuters.com", 0.9, 2),
    ]


# -- candidates ------------------------------------------------------------------------------

LIBRARY = [
    # title, text, published (days after T0, None = unknown), claim kinds
    ("kabul-taliban", KABUL, 0, ["killed", "injured"]),
    ("kabul-later", "Later in Kabul, hospitals counted more victims of the rockets.", 3, ["killed"]),
    ("kabul-undated", "Residents of Kabul described the rockets.", None, ["killed", "responsibility"]),
    ("kabul-old", "An old report from Kabul about another attack.", -40, ["killed"]),
    ("mosul", MOSUL, 0, ["killed"]),
]


@pytest.fixture
def library(store: Store) -> Store:
    for title, body, days, kinds in LIBRARY:
        published = None if days is None else T0 + timedelta(days=days)
        claims = [claim(kind, id=f"c{i}", stance="denied" if kind == "responsibility" else "") for i, kind in enumerate(kinds)]
        store.add_document(Document(body, title=title, outlet=title.upper(), published=published), claims=claims, reliability=0.5)
    return store


@pytest.mark.parametrize(
    ("kinds", "terms", "published", "options", "expected"),
    [
        (["killed"], ["kabul", "taliban"], T0, {}, ["kabul-taliban", "kabul-later", "kabul-undated"]),
        # an undated story is placed at its best match's time (kabul-taliban): a month earlier is another incident
        (["killed"], ["Kabul", "taliban"], None, {}, ["kabul-taliban", "kabul-later", "kabul-undated"]),
        (["injured"], ["kabul"], T0, {}, ["kabul-taliban"]),
        (["responsibility", "injured"], ["kabul"], T0, {}, ["kabul-taliban", "kabul-undated"]),
        (["killed"], ["kabul"], T0, {"window_days": 1}, ["kabul-taliban", "kabul-undated"]),
        (["killed"], ["kabul", "taliban"], T0, {"max_reports": 1}, ["kabul-taliban"]),
        (["killed"], ["mosul"], T0, {}, ["mosul"]),
        (["killed"], ["baghdad"], T0, {}, []),
        (["killed"], [], T0, {}, []),
        ([], ["kabul"], T0, {}, []),
    ],
)
def test_candidates_share_terms_and_time(
    library: Store, kinds: list[str], terms: list[str], published: datetime | None, options: dict[str, Any], expected: list[str]
) -> None:
    found = library.candidates([claim(k) for k in kinds], terms=terms, published=published, **options)
    titles = list(dict.fromkeys(c.report.title for c in found))
    assert sorted(titles) == sorted(expected)
    if len(expected) > 1 and "taliban" in terms:
        assert titles[0] == "kabul-taliban"  # shares two terms, so it ranks first
    assert all(c.claim.kind in kinds for c in found)
    assert all(c.report.text == "" and c.report.reliability == 0.5 and c.report.id for c in found)
    assert all(c.report.outlet == c.report.title.upper() for c in found)


def test_candidates_go_through_indexes_only(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'lib.db'}") as store:
        for i in range(30):
            store.add_document(Document(f"{KABUL} Report {i} from Herat.", outlet=f"o{i % 3}", published=T0), claims=[claim()])
        statements: list[str] = []
        event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]) if a[2].lstrip().startswith("SELECT") else None)
        assert store.candidates([claim()], terms=["kabul", "herat"], published=T0)
        with store.engine.connect() as conn:
            plans = [
                " | ".join(str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(_params(sql))))
                for sql in statements
            ]
    # how common each name is, the full-text query, the window's reports, the reports, their claims
    assert len(plans) == 5
    for plan in plans:
        assert not re.search(r"\bSCAN (report|claim|report_term)\b", plan), plan


def _params(sql: str) -> list[Any]:
    """Placeholder values good enough for the query planner."""
    return ["kabul"] * sql.count("?")


# -- check history ---------------------------------------------------------------------------


def _result(title: str, verdicts: list[str], checked_at: datetime) -> CheckResult:
    evidence = Evidence("Reuters", "https://r.example/1", T0, "Eight were killed.", Range(8, 8, "exact", "eight"), "agrees", 91.5, note="n", report_id=3)
    findings = tuple(
        Finding(claim(id=f"c{i}"), v, f"reason {i}", evidence=(evidence,) if v != "unverified" else (), consensus=Range(8, 9, "between", ""))
        for i, v in enumerate(verdicts)
    )
    story = Document(KABUL, title=title, url="https://story.example", outlet="Desk", published=T0)
    return CheckResult(story, findings, sources=2, checked_at=checked_at, settings={"window_days": 14})


def test_check_history(store: Store) -> None:
    older = _result("older", ["agrees"], T0)
    newer = _result("newer", ["agrees", "conflicts", "unverified", "unverified"], T0 + timedelta(hours=1))
    ids = [store.save_check(older), store.save_check(newer)]
    summaries = store.list_checks()
    assert [(s.id, s.story_title, s.agrees, s.conflicts, s.unverified, s.claims) for s in summaries] == [
        (ids[1], "newer", 1, 1, 2, 4),
        (ids[0], "older", 1, 0, 0, 1),
    ]
    assert store.list_checks(limit=1)[0].id == ids[1]
    loaded = store.get_check(ids[1])
    assert loaded.to_dict() == newer.to_dict()
    assert (loaded.sources, loaded.settings, loaded.checked_at) == (2, {"window_days": 14}, newer.checked_at)


# -- export and import -----------------------------------------------------------------------


def test_export_import_round_trip(library: Store, db_factory: Any, tmp_path: Path) -> None:
    library.add_document(Document(MOSUL + " Again.", url="https://www.afp.example/x", outlet="AFP", published=T0))
    first = io.StringIO()
    assert library.export_jsonl(first) == len(LIBRARY) + 1
    with Store.open(db_factory()) as empty:
        result = empty.import_jsonl(io.StringIO(first.getvalue()))
        assert (result.added, result.duplicates, result.errors) == (len(LIBRARY) + 1, 0, ())
        second = io.StringIO()
        empty.export_jsonl(second)
        assert empty.import_jsonl(io.StringIO(first.getvalue())).duplicates == len(LIBRARY) + 1
    assert second.getvalue() == first.getvalue()
    # An export is also a reference file that intake reads.
    path = tmp_path / "export.jsonl"
    path.write_text(first.getvalue(), encoding="utf-8")
    documents, errors = parse_report_file(path)
    assert (len(documents), errors) == (len(LIBRARY) + 1, [])


def test_import_reports_bad_lines_and_goes_on(store: Store) -> None:
    lines = [
        json.dumps({"outlet": "AP", "text": KABUL}),
        "{broken",
        json.dumps({"outlet": "AP", "text": ""}),
        "",
        json.dumps({"outlet": "AP", "text": MOSUL, "reliability": 3}),
        json.dumps({"outlet": "AP", "text": MOSUL, "published": "yesterday"}),
        json.dumps({"outlet": "AP", "text": KABUL.lower()}),
    ]
    result = store.import_jsonl(io.StringIO("\n".join(lines)))
    assert (result.added, result.duplicates) == (1, 1)
    assert [e.line for e in result.errors] == [2, 3, 5, 6]
    report = store.get_report(store.list_reports()[0].id)
    assert report.claims == tuple(extract_claims(KABUL))  # no stored claims given: extracted on import


# -- two processes at once -------------------------------------------------------------------


def ingest_in_another_process(url: str, folder: str) -> list[tuple[str, str]]:
    with Store.open(url) as store:
        return [(Path(r.source).name, r.status) for r in store.add_paths([folder])]


def test_two_processes_store_each_report_once(db_factory: Any, tmp_path: Path) -> None:
    """Both processes also open the brand-new library at once, so the migration races too."""
    db_url = db_factory()
    folder = tmp_path / "wire"
    folder.mkdir()
    files = 40
    for i in range(files):
        (folder / f"r{i:02}.txt").write_text(
            f"Outlet: Wire {i % 4}\nURL: https://wire.example/{i}\n\nReport {i}: {KABUL} Casualties: {i}.", encoding="utf-8"
        )
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        runs = pool.starmap(ingest_in_another_process, [(db_url, str(folder))] * 2)
    per_file: dict[str, list[str]] = {}
    for run in runs:
        assert len(run) == files
        for name, status in run:
            per_file.setdefault(name, []).append(status)
    assert all(sorted(statuses) == ["added", "duplicate"] for statuses in per_file.values()), per_file
    with Store.open(db_url) as store:
        assert store.count_reports() == files
        assert len(store.outlets()) == 4


def test_a_report_committed_by_another_writer_meanwhile_is_a_duplicate(store: Store, db_url: str) -> None:
    """The race itself, made deterministic: our duplicate check passes, then the insert collides."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers queue at BEGIN IMMEDIATE, so the check and the insert cannot interleave")
    collisions: list[str] = []
    event.listen(store.engine, "handle_error", lambda ctx: collisions.append(type(ctx.original_exception).__name__))
    doc = Document(KABUL, outlet="Reuters", url="https://r.example/1")
    with Store.open(db_url) as other, other.engine.connect() as conn, conn.begin():
        outlet_id = conn.execute(insert(Outlet.__table__).values(name="AP", domain="", reliability=1.0)).inserted_primary_key[0]
        row = {"outlet_id": outlet_id, "url": doc.url, "title": "", "text": KABUL, "content_hash": content_hash(KABUL), "created_at": T0}
        conn.execute(insert(ReportRow.__table__).values(**row))
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(store.add_document, doc)
            time.sleep(0.5)  # the other insert now waits on our uncommitted row
            conn.commit()
            result = pending.result(timeout=10)
    assert result.status == "duplicate" and result.reason.startswith("same URL")
    assert collisions == ["UniqueViolation"]
    assert store.count_reports() == 1


def test_a_damaged_library_is_a_store_error(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE report_fts" if conn.dialect.name == "sqlite" else "ALTER TABLE report DROP COLUMN search"))
    with pytest.raises(StoreError, match="(report_fts|search).*damaged"):
        store.candidates([claim()], terms=["kabul"])


def test_add_url_fetches_stores_and_recognises_the_page_again(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/kabul").respond_with_data(HTML_PAGE, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/kabul")
    settings = Settings(allow_private_addresses=True)
    first = store.add_url(url, settings=settings)
    assert (first.status, first.source) == ("added", url)
    report = store.get_report(first.report_id or 0)
    assert report.url == url and "Kabul" in report.text
    assert store.add_url(url, settings=settings).status == "duplicate"


def test_add_url_refuses_what_cannot_be_fetched(store: Store) -> None:
    result = store.add_url("http://127.0.0.1:1/private", settings=Settings())
    assert result.status == "rejected" and result.reason and store.count_reports() == 0


# -- text the databases disagree about (issue 11, item 14) --------------------------------------

ODD_TEXT = "Eight people were killed in Kabul\x00 on Saturday\ud800, officials said."


def test_nul_and_lone_surrogates_are_stored_the_same_on_every_backend(store: Store) -> None:
    result = store.add_document(Document(ODD_TEXT, title="Kabul\x00", outlet="A\x00P", url="https://e.org/\x00"))
    assert result.status == "added"
    report = store.get_report(result.report_id or 0)
    assert report.text == ODD_TEXT.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")
    assert (report.title, report.outlet, report.url) == ("Kabul\ufffd", "A\ufffdP", "https://e.org/\ufffd")
    assert [c.value.low for c in report.claims if c.value] == [8]
    for claim in report.claims:
        assert report.text[claim.span[0] : claim.span[1]] == claim.value.text if claim.value else True
    again = store.add_document(Document(ODD_TEXT, outlet="AP"))
    assert (again.status, again.report_id) == ("duplicate", result.report_id)


def test_a_jsonl_line_with_nul_imports_and_a_check_with_nul_saves(store: Store) -> None:
    line = json.dumps({"outlet": "AP", "text": ODD_TEXT, "title": "T\x00"})
    outcome = store.import_jsonl(io.StringIO(line + "\n"))
    assert (outcome.added, outcome.errors) == (1, ())
    result = CheckResult(story=Document(ODD_TEXT, title="Story\x00"), findings=())
    check_id = store.save_check(result)
    assert store.get_check(check_id).story.title == "Story\x00"  # the record of what was shown, as JSON
    assert store.list_checks()[0].story_title == "Story\ufffd"


def test_import_validates_first_then_stores_every_good_line_at_once(store: Store) -> None:
    # A label longer than its column stopped a PostgreSQL import half-way (issue 11, item 13).
    too_long = {"kind": "k" * 65, "value": None, "span": [0, 1]}
    lines = [
        json.dumps({"outlet": "AP", "text": KABUL}),
        json.dumps({"outlet": "AP", "text": MOSUL, "claims": [too_long]}),
        json.dumps({"outlet": "AP", "text": MOSUL, "claims": [{"kind": "killed", "span": [1]}]}),
        json.dumps({"outlet": "AFP", "text": MOSUL + " Later."}),
    ]
    result = store.import_jsonl(io.StringIO("\n".join(lines)))
    assert (result.added, result.duplicates) == (2, 0)
    assert [(e.line, "kind" in str(e) or "span" in str(e)) for e in result.errors] == [(2, True), (3, True)]
    assert store.count_reports() == 2


def test_the_input_limit_applies_to_every_report_added(db_url: str) -> None:
    with Store.open(Settings(database_url=db_url, max_input_chars=60)) as small:
        refused = small.add_document(Document(KABUL, outlet="AP"))
        assert refused.status == "rejected" and "over the limit of 60" in refused.reason
        assert "VERIFIER_MAX_INPUT_CHARS" in refused.reason
        outcome = small.import_jsonl(io.StringIO(json.dumps({"text": KABUL}) + "\n" + json.dumps({"text": "Short."})))
        assert (outcome.added, [e.line for e in outcome.errors]) == (1, [1])
        assert small.count_reports() == 1


@pytest.mark.parametrize("report_id", [0, -1, 2**31, 2**63, 2**64 + 5])
@pytest.mark.parametrize("method", ["get_report", "delete_report", "update_report", "get_check"])
def test_ids_beyond_any_row_are_not_found(store: Store, report_id: int, method: str) -> None:
    # 2**63 overflowed SQLite's integers and 2**31 PostgreSQL's (issue 11, item 10)
    call = getattr(store, method)
    with pytest.raises(NotFoundError, match=str(report_id)):
        call(report_id, title="x") if method == "update_report" else call(report_id)


# -- an article updated at the same address (issue 11, item 18) ---------------------------------


def test_an_updated_article_at_the_same_url_is_a_new_version(store: Store, httpserver: HTTPServer) -> None:
    page = "<html><head><title>Kabul</title></head><body><article><p>{}</p></article></body></html>"
    first_text = "Rockets killed eight people in Kabul on Saturday, officials in Kabul said."
    later_text = "Rockets killed 12 people in Kabul on Saturday, officials in Kabul said, raising the toll."
    httpserver.expect_ordered_request("/kabul").respond_with_data(page.format(first_text), content_type="text/html")
    httpserver.expect_ordered_request("/kabul").respond_with_data(page.format(later_text), content_type="text/html")
    httpserver.expect_ordered_request("/kabul").respond_with_data(page.format(later_text), content_type="text/html")
    url = httpserver.url_for("/kabul")
    settings = Settings(allow_private_addresses=True)
    first = store.add_url(url, settings=settings)
    second = store.add_url(url, settings=settings)
    third = store.add_url(url, settings=settings)
    assert (first.status, second.status, third.status) == ("added", "added", "duplicate")
    assert second.reason == f"new version of report {first.report_id} (same URL, changed text)"
    assert third.report_id == second.report_id and third.reason.startswith("same URL")
    figures = sorted(c.value.low for r in store.list_reports() for c in store.get_report(r.id).claims if c.value)
    assert figures == [8, 12]


def test_versions_at_one_url_survive_export_and_import(store: Store, db_factory: Any) -> None:
    store.add_document(Document(KABUL, outlet="AP", url="https://a.example/1", published=T0))
    store.add_document(Document(KABUL + " Updated.", outlet="AP", url="https://a.example/1", published=T0 + timedelta(hours=2)))
    exported = io.StringIO()
    assert store.export_jsonl(exported) == 2
    with Store.open(db_factory()) as other:
        result = other.import_jsonl(io.StringIO(exported.getvalue()))
        assert (result.added, result.duplicates, result.errors) == (2, 0, ())
        assert [r.published for r in other.list_reports()] == [T0 + timedelta(hours=2), T0]


def test_a_library_made_before_versions_upgrades_with_its_reports(db_url: str) -> None:
    from alembic import command

    from db.migrate import alembic_config

    engine = make_engine(db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        outlet_id = conn.execute(insert(Outlet.__table__).values(name="AP", domain="", reliability=1.0)).inserted_primary_key[0]
        row = {"outlet_id": outlet_id, "url": "https://a.example/1", "title": "", "text": KABUL, "content_hash": content_hash(KABUL), "created_at": T0}
        conn.execute(insert(ReportRow.__table__).values(**row))
    engine.dispose()
    with Store.open(db_url) as store:
        assert store.count_reports() == 1
        assert store.add_document(Document(MOSUL, url="https://a.example/1")).reason == "new version of report 1 (same URL, changed text)"


BAD_IMPORT_LINES = [
    "{broken",
    "[]",
    json.dumps({"text": " "}),
    json.dumps({"text": "Eight.", "claims": [{"kind": "killed", "span": [1]}]}),
    json.dumps({"text": "Eight.", "claims": [{"kind": "k" * 65}]}),
    json.dumps({"text": "Eight.", "claims": [{"kind": "killed", "value": {"low": "abc"}}]}),
    '{"text": "Eight.", "claims": [{"kind": "killed", "value": {"low": 1e400}}]}',
    json.dumps({"text": "Eight.", "published": "0001-01-01T00:00:00+05:00"}),
    json.dumps({"text": "Eight.", "reliability": 2}),
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.sampled_from(BAD_IMPORT_LINES)), max_size=12))
def test_an_import_keeps_exactly_the_good_lines_and_names_every_bad_one(picks: list[str | None]) -> None:
    # None stands for a good line; every good line is a different report
    lines = [json.dumps({"outlet": "AP", "text": f"Report {i}: {KABUL}"}) if bad is None else bad for i, bad in enumerate(picks)]
    with Store.memory() as store:
        result = store.import_jsonl(io.StringIO("\n".join(lines)))
        good = [i for i, bad in enumerate(picks, 1) if bad is None]
        assert (result.added, result.duplicates) == (len(good), 0)
        assert [e.line for e in result.errors] == [i for i, bad in enumerate(picks, 1) if bad is not None]
        stored = sorted(int(store.get_report(r.id).text.split(":")[0].removeprefix("Report ")) for r in store.list_reports())
        assert stored == [i - 1 for i in good]


def test_a_figure_too_large_for_a_float_cannot_flip_a_verdict_through_export(store: Store, db_factory: Any) -> None:
    # It became infinity, written out as an open bound, so the verdict changed after import (issue 11, item 12).
    huge = "9" * 400
    store.add_document(Document(f"Rockets killed about {huge} people in Kabul on Saturday, officials in Kabul said.", outlet="AP", published=T0))
    store.add_document(Document("Rockets killed eight people in Kabul on Saturday, officials in Kabul said.", outlet="AFP", published=T0))
    story = Document("Rockets killed at least eight people in Kabul on Saturday, officials in Kabul said.", published=T0)
    exported = io.StringIO()
    store.export_jsonl(exported)
    assert "Infinity" not in exported.getvalue() and "1e+" not in exported.getvalue()
    with Store.open(db_factory()) as other:
        assert other.import_jsonl(io.StringIO(exported.getvalue())).errors == ()
        before = run_check(store, story, save=False)[1].to_dict()["claims"]
        after = run_check(other, story, save=False)[1].to_dict()["claims"]
    assert [(c["kind"], c["verdict"]) for c in before] == [(c["kind"], c["verdict"]) for c in after]
    assert all(c["value"] is None or c["value"]["low"] is None or c["value"]["low"] < 1e15 for c in before)


def test_migration_0003_down_and_up_keeps_reports_findable(store: Store) -> None:
    """Down to the term table (filled from the stored texts) and up again to full-text search."""
    report_id = store.add_document(Document(KABUL, outlet="Reuters", published=T0), claims=[claim()]).report_id
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with store.engine.connect() as conn:
        terms = {row[0] for row in conn.execute(text("SELECT term FROM report_term WHERE report_id = :id"), {"id": report_id})}
    assert {"kabul", "taliban"} <= terms
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert [c.report.id for c in store.candidates([claim()], terms=["taliban"])] == [report_id]


def test_add_documents_stores_in_batches_and_judges_each_report(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("db.store.INGEST_BATCH", 3)
    docs = [
        Document(f"{KABUL} Report {i}.", outlet=f"Wire {i % 2}", url=f"https://w.example/{i}") for i in range(7)
    ] + [Document("  "), Document(f"{KABUL} report 3.", outlet="Copy"), Document(MOSUL, outlet="AFP")]
    results = store.add_documents(docs)
    assert [r.status for r in results] == ["added"] * 7 + ["rejected", "duplicate", "added"]
    assert results[8].report_id == results[3].report_id
    assert store.count_reports() == 8
    assert len(store.matching_reports(["kabul"])) == 7
