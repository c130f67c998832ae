"""Many rows into one table at once, in the caller's transaction: the claims of an ingest batch.

On PostgreSQL, psycopg's ``executemany`` (what SQLAlchemy uses for an ``insert()`` without
``RETURNING``) runs the statement once per row; ``COPY`` sends the rows as one stream and the
server stores them in one command, which is most of an ingest's database time saved. SQLite's own
``executemany`` is already one prepared statement stepped per row, in process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys, the columns to fill) into ``table``."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    # what an insert() would do to each value on its way in (``models.storable`` for text, times to UTC)
    bind = [(name, table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)) for name in columns]
    names = ", ".join(f'"{name}"' for name in columns)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] if process is None else process(row[name]) for name, process in bind])
