"""Shared fixtures: real libraries on SQLite and PostgreSQL, each test on an empty one.

PostgreSQL tests get a schema of their own (through ``search_path`` in the URL), so runs are
independent and several test runs can share one server. An unreachable server fails the tests
rather than skipping them: CI starts it, and a skip would hide a broken setup.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from db import Store

POSTGRES_URL = os.environ.get("VERIFIER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
SKIP_POSTGRES = "VERIFIER_TEST_SKIP_POSTGRES"

DbFactory = Callable[[], str]


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    if os.environ.get(SKIP_POSTGRES) == "1":
        pytest.skip(f"PostgreSQL tests skipped on request ({SKIP_POSTGRES}=1)")
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL} ({exc.orig}).\n"
            f"Start it with:  {START_POSTGRES}\n"
            f"(the database 'test' must exist: createdb -h 127.0.0.1 -U postgres test), "
            f"or set {SKIP_POSTGRES}=1 to skip the PostgreSQL tests on purpose.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DbFactory]:
    """Makes URLs of empty databases on the backend under test; each call gives a new one."""
    schemas: list[str] = []
    admin: Engine | None = request.getfixturevalue("postgres_admin") if request.param == "postgres" else None

    def make() -> str:
        if admin is None:
            return f"sqlite:///{tmp_path / f'library-{uuid.uuid4().hex[:8]}.db'}"
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture
def db_url(db_factory: DbFactory) -> str:
    return db_factory()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened
