"""Bring a database to the current schema with Alembic, from code, without an alembic.ini.

Every process that opens a library calls ``init_db``; several may do so at once on a fresh
database, so the upgrade runs under a lock (SQLite's write lock, a PostgreSQL advisory lock).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, text

from verifier.errors import StoreError

from .engine import WRITE_LOCK, translate_errors

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant shared by all verifier processes; it names the advisory lock, nothing else.
_PG_MIGRATION_LOCK = 0x7665726966


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def init_db(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest migration (a no-op when it is there)."""
    config = alembic_config()
    head = head_revision()
    with translate_errors(engine):
        with engine.connect() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
        with engine.connect().execution_options(**{WRITE_LOCK: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, "head")
            except CommandError as exc:
                # a library written by a newer verifier (or another tool) names a revision we lack
                raise StoreError(
                    f"this library's schema is not one this version of verifier knows ({exc}); "
                    "upgrade verifier, or point VERIFIER_DATABASE_URL at another library"
                ) from exc
