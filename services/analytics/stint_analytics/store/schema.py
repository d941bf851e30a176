"""The store's tables.

- ``events``: one row per event id, the envelope (topic, partition, offset, key,
  headers), the payload's bytes and its JSON;
- one typed table per event type, ``<area>_<version>.<event>`` (e.g.
  ``application_v1.application_submitted``), its columns from the message
  (``domain.columns``); a field added to a message becomes a column at the next start;
- ``typed_tables``: which table holds which event type;
- ``unkeyed_records``: records without a valid event id, by topic, partition, offset;
- ``dead_letters``: the DLQ topics' records, when they are landed.

Identifiers come from ``domain.columns`` ([a-z0-9_] only) and are quoted besides;
every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from stint_analytics.domain.columns import ENVELOPE_COLUMNS, TableLayout

__all__ = ["RAW_TABLES", "drop_everything", "ensure_tables", "qualified", "quoted"]

RAW_TABLES = {
    "events": """
        event_id UUID PRIMARY KEY,
        event_type VARCHAR NOT NULL,
        topic VARCHAR NOT NULL,
        kafka_partition INTEGER NOT NULL,
        kafka_offset BIGINT NOT NULL,
        kafka_key VARCHAR,
        occurred_at TIMESTAMPTZ NOT NULL,
        producer VARCHAR,
        aggregate_id VARCHAR,
        schema_version VARCHAR,
        traceparent VARCHAR,
        headers JSON,
        payload BLOB,
        payload_json JSON,
        decode_error VARCHAR,
        landed_at TIMESTAMPTZ NOT NULL""",
    "typed_tables": """
        event_type VARCHAR PRIMARY KEY,
        schema_name VARCHAR NOT NULL,
        table_name VARCHAR NOT NULL""",
    "unkeyed_records": """
        topic VARCHAR NOT NULL,
        kafka_partition INTEGER NOT NULL,
        kafka_offset BIGINT NOT NULL,
        kafka_key VARCHAR,
        headers JSON,
        payload BLOB,
        reason VARCHAR,
        landed_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (topic, kafka_partition, kafka_offset)""",
    "dead_letters": """
        topic VARCHAR NOT NULL,
        kafka_partition INTEGER NOT NULL,
        kafka_offset BIGINT NOT NULL,
        event_id UUID,
        event_type VARCHAR,
        original_topic VARCHAR,
        error VARCHAR,
        error_type VARCHAR,
        consumer VARCHAR,
        failed_at VARCHAR,
        headers JSON,
        payload BLOB,
        landed_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (topic, kafka_partition, kafka_offset)""",
}


def quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def qualified(layout: TableLayout) -> str:
    return f"{quoted(layout.schema)}.{quoted(layout.table)}"


def ensure_tables(conn: duckdb.DuckDBPyConnection, layouts: Iterable[TableLayout]) -> None:
    """Create what is missing, add columns a message gained; never drops anything."""
    for name, columns in RAW_TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {quoted(name)} ({columns})")
    for layout in layouts:
        ensure_typed_table(conn, layout)


def ensure_typed_table(conn: duckdb.DuckDBPyConnection, layout: TableLayout) -> None:
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {quoted(layout.schema)}")
    wanted = [*ENVELOPE_COLUMNS, *((c.name, c.sql_type) for c in layout.columns)]
    existing = {
        row[0]
        for row in conn.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
            [layout.schema, layout.table],
        ).fetchall()
    }
    if not existing:
        body = ", ".join(f"{quoted(name)} {sql_type}" for name, sql_type in wanted)
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {qualified(layout)} ({body}, PRIMARY KEY (event_id))"
        )
    for name, sql_type in wanted:
        if existing and name not in existing:
            conn.execute(f"ALTER TABLE {qualified(layout)} ADD COLUMN {quoted(name)} {sql_type}")
    conn.execute(
        """INSERT INTO typed_tables VALUES (?, ?, ?)
           ON CONFLICT (event_type) DO UPDATE SET
               schema_name = excluded.schema_name, table_name = excluded.table_name""",
        [layout.event_type, layout.schema, layout.table],
    )


def drop_everything(conn: duckdb.DuckDBPyConnection) -> None:
    """Every table this store made, for a rebuild from offset 0."""
    found = conn.execute(
        "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'typed_tables'"
    ).fetchall()
    if found:
        for schema, table in conn.execute(
            "SELECT schema_name, table_name FROM typed_tables"
        ).fetchall():
            conn.execute(f"DROP TABLE IF EXISTS {quoted(schema)}.{quoted(table)}")
    for name in RAW_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
