"""Landing a batch: one DuckDB transaction, keyed by event id.

An event id already in ``events`` (or twice in the batch) is a duplicate: a
redelivery after a crash, a replay from offset 0, a dead letter replayed onto its
topic. It lands nowhere again, so each event is in the store exactly once, in the
raw table and in its typed table alike (one transaction holds both).

Rows go in column by column (``unnest`` of one list parameter per column): DuckDB
takes a few thousand rows that way in about the time ``executemany`` takes for one
hundred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import duckdb

from stint_analytics.domain.columns import ENVELOPE_COLUMNS, TableLayout
from stint_analytics.domain.records import DeadLetterRow, LandedEvent, RawEvent, UnkeyedRecord
from stint_analytics.store.schema import ensure_typed_table, qualified, quoted

__all__ = ["Landed", "land"]

_RAW_COLUMNS = (
    ("event_id", "UUID"),
    ("event_type", "VARCHAR"),
    ("topic", "VARCHAR"),
    ("kafka_partition", "INTEGER"),
    ("kafka_offset", "BIGINT"),
    ("kafka_key", "VARCHAR"),
    ("occurred_at", "TIMESTAMPTZ"),
    ("producer", "VARCHAR"),
    ("aggregate_id", "VARCHAR"),
    ("schema_version", "VARCHAR"),
    ("traceparent", "VARCHAR"),
    ("headers", "JSON"),
    ("payload", "BLOB"),
    ("payload_json", "JSON"),
    ("decode_error", "VARCHAR"),
)
_UNKEYED_COLUMNS = (
    ("topic", "VARCHAR"),
    ("kafka_partition", "INTEGER"),
    ("kafka_offset", "BIGINT"),
    ("kafka_key", "VARCHAR"),
    ("headers", "JSON"),
    ("payload", "BLOB"),
    ("reason", "VARCHAR"),
)
_LETTER_COLUMNS = (
    ("topic", "VARCHAR"),
    ("kafka_partition", "INTEGER"),
    ("kafka_offset", "BIGINT"),
    ("event_id", "UUID"),
    ("event_type", "VARCHAR"),
    ("original_topic", "VARCHAR"),
    ("error", "VARCHAR"),
    ("error_type", "VARCHAR"),
    ("consumer", "VARCHAR"),
    ("failed_at", "VARCHAR"),
    ("headers", "JSON"),
    ("payload", "BLOB"),
)
assert len(_RAW_COLUMNS) == len(RawEvent.__dataclass_fields__)


@dataclass(frozen=True)
class Landed:
    events: int
    """Events new to the store."""
    duplicates: int
    others: int
    """Unkeyed records and dead letters new to the store."""


def _insert(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[Any]],
    extra: Sequence[tuple[str, str, Any]] = (),
) -> None:
    """INSERT the rows, column lists unnested side by side; ``extra`` columns take one
    value for every row. Rows already there (by primary key) are left alone."""
    if not rows:
        return
    names = [quoted(name) for name, _ in columns] + [quoted(name) for name, _, _ in extra]
    lists = [list(values) for values in zip(*rows, strict=True)]
    selected = [f"unnest(${i + 1}::{sql_type}[])" for i, (_, sql_type) in enumerate(columns)]
    selected += [f"${len(columns) + i + 1}::{t}" for i, (_, t, _) in enumerate(extra)]
    conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(selected)} "
        "ON CONFLICT DO NOTHING",
        [*lists, *(value for _, _, value in extra)],
    )


def _row(record: Any) -> tuple[Any, ...]:
    """A record's fields, in order (shallow: ``astuple`` deep-copies every value)."""
    return tuple(getattr(record, f.name) for f in fields(record))


def _known_ids(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    rows = conn.execute(
        "SELECT event_id::VARCHAR FROM events WHERE event_id IN (SELECT unnest($1::UUID[]))",
        [ids],
    ).fetchall()
    return {row[0] for row in rows}


def _typed(conn: duckdb.DuckDBPyConnection, fresh: Sequence[LandedEvent]) -> None:
    by_layout: dict[str, tuple[TableLayout, list[tuple[Any, ...]]]] = {}
    for event in fresh:
        if event.layout is not None and event.typed is not None:
            entry = by_layout.setdefault(event.layout.event_type, (event.layout, []))
            entry[1].append(event.typed)
    for layout, rows in by_layout.values():
        ensure_typed_table(conn, layout)
        columns = [*ENVELOPE_COLUMNS, *((c.name, c.sql_type) for c in layout.columns)]
        _insert(conn, qualified(layout), columns, rows)


def land(
    conn: duckdb.DuckDBPyConnection,
    events: Sequence[LandedEvent],
    unkeyed: Sequence[UnkeyedRecord],
    letters: Sequence[DeadLetterRow],
    landed_at: datetime,
) -> Landed:
    """Everything in one transaction: all of the batch is landed, or none of it."""
    conn.begin()
    try:
        first: dict[str, LandedEvent] = {}
        for event in events:
            first.setdefault(event.raw.event_id, event)
        known = _known_ids(conn, list(first)) if first else set()
        fresh = [event for event_id, event in first.items() if event_id not in known]
        stamp = ("landed_at", "TIMESTAMPTZ", landed_at)
        _insert(conn, "events", _RAW_COLUMNS, [_row(e.raw) for e in fresh], [stamp])
        _typed(conn, fresh)
        others = 0
        if unkeyed or letters:
            before = _count_others(conn)
            rows = [_row(r) for r in unkeyed]
            _insert(conn, "unkeyed_records", _UNKEYED_COLUMNS, rows, [stamp])
            _insert(conn, "dead_letters", _LETTER_COLUMNS, [_row(r) for r in letters], [stamp])
            others = _count_others(conn) - before
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return Landed(len(fresh), len(events) - len(fresh), others)


def _count_others(conn: duckdb.DuckDBPyConnection) -> int:
    row = conn.execute(
        "SELECT (SELECT count(*) FROM unkeyed_records) + (SELECT count(*) FROM dead_letters)"
    ).fetchone()
    return int(row[0]) if row else 0
