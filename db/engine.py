"""Engines for the three places a library can live: a SQLite file, SQLite in memory, PostgreSQL.

SQLite is tuned for several processes sharing one file (WAL, a busy timeout, and write
transactions that take the write lock up front, so two writers queue instead of deadlocking);
PostgreSQL always goes through psycopg 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.pool import StaticPool

from verifier.errors import ConfigError, StoreError

# How long a writer waits for another process's write transaction before giving up. One report is
# one short transaction, so ten seconds only runs out when something is stuck.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option asking for a transaction that takes SQLite's write lock at BEGIN.
WRITE_LOCK = "verifier_write_lock"

_EXAMPLES = "e.g. sqlite:///path/to/verifier.db, sqlite:// (in memory) or postgresql://user@host/dbname"


def display_url(url: str | URL) -> str:
    """The URL with its password masked, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; bad URLs raise ConfigError, unreachable databases StoreError."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise ConfigError(f"database URL {url!r} cannot be parsed; {_EXAMPLES}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = _sqlite_engine(parsed)
    elif backend in ("postgresql", "postgres"):
        if "+" in parsed.drivername and parsed.get_driver_name() not in ("psycopg", "psycopg2"):
            raise ConfigError(f"database URL {display_url(parsed)}: only the psycopg driver is supported")
        engine = create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    else:
        raise ConfigError(f"database URL {display_url(parsed)}: unsupported database {backend!r}; {_EXAMPLES}")
    with translate_errors(engine), engine.connect():
        pass
    return engine


@contextmanager
def translate_errors(engine: Engine) -> Iterator[None]:
    """Turn driver errors into a StoreError naming the database (password hidden) and what to check.

    IntegrityError passes through untouched: the store reads it as "someone stored this first".
    """
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as exc:
        reason = _first_line(exc.orig)
        raise StoreError(f"cannot use the database {display_url(engine.url)}: {reason}; {_advice(engine, reason)}") from exc


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if exc and str(exc).strip() else type(exc).__name__


# Driver wording for a table or column that should be there (SQLite, then PostgreSQL, which names a
# qualified column without quotes: "column r.search does not exist").
_SCHEMA_TROUBLE = ("no such table", "no such column", "relation \"", "column \"")
_MISSING_COLUMN = re.compile(r"column \S+ does not exist")


def _advice(engine: Engine, reason: str) -> str:
    if any(words in reason.lower() for words in _SCHEMA_TROUBLE) or _MISSING_COLUMN.search(reason):
        return "the library is damaged or was made by another version; restore it from a `verifier library export`"
    if engine.dialect.name == "sqlite":
        return "check that the file's folder is writable and no other program holds a lock on it"
    return "check that the server is running and reachable, and that the user, password and database name are right"


def _sqlite_engine(url: URL) -> Engine:
    """``sqlite://`` (no path at all) is a library in memory; ``sqlite:///`` (an empty path, as
    ``sqlite:///$LIBRARY`` gives when the variable is unset) is refused, since SQLite would quietly
    open a library in memory too and every report said to be added would vanish with the process."""
    if url.database == "" and url.query.get("mode") != "memory":
        raise ConfigError(
            f"database URL {display_url(url)} names no file (is a shell variable in it unset?); give "
            "sqlite:///path/to/verifier.db, or sqlite:// for a library in memory that ends with the program"
        )
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    else:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot create the folder for the database {database!r}: {exc.strerror}") from exc
        kwargs["connect_args"]["timeout"] = SQLITE_BUSY_TIMEOUT_MS / 1000
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect(in_memory))
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(in_memory: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writers can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                # Safe with WAL (no corruption on power loss) and several times faster per commit.
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return on_connect


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_LOCK) else "BEGIN")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads, with driver errors translated into StoreErrors."""
    with translate_errors(engine), engine.connect() as conn:
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection holding the write lock (SQLite's BEGIN IMMEDIATE) in one transaction."""
    with translate_errors(engine), engine.connect().execution_options(**{WRITE_LOCK: True}) as conn, conn.begin():
        yield conn
