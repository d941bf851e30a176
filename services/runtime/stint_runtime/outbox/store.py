"""The relay's SQL on the service's ``outbox`` table (the search_path is the schema)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

__all__ = [
    "OutboxRow",
    "fetch_unsent",
    "mark_sent",
    "mark_unsent",
    "prune",
    "record_failure",
    "sent_per_key",
]

Executor = asyncpg.Connection | asyncpg.Pool

_ERROR_LIMIT = 2000


@dataclass(frozen=True)
class OutboxRow:
    """One event waiting to be published."""

    id: int
    """Publication order: a later row of a key has a larger id."""
    event_id: uuid.UUID
    topic: str
    key: str
    event_type: str
    payload: bytes
    trace_context: dict[str, str]
    """``traceparent``/``tracestate`` captured when the event was enqueued."""
    occurred_at: datetime


async def fetch_unsent(db: Executor, limit: int, exclude: Sequence[int] = ()) -> list[OutboxRow]:
    """The oldest unsent rows, in id order, leaving out ``exclude`` (rows in flight)."""
    records = await db.fetch(
        """SELECT id, event_id, topic, key, event_type, payload, headers, occurred_at
             FROM outbox
            WHERE sent_at IS NULL AND id <> ALL($2::bigint[])
            ORDER BY id
            LIMIT $1""",
        limit,
        list(exclude),
    )
    return [
        OutboxRow(
            id=r["id"],
            event_id=r["event_id"],
            topic=r["topic"],
            key=r["key"],
            event_type=r["event_type"],
            payload=bytes(r["payload"]),
            trace_context=_trace_context(r["headers"]),
            occurred_at=r["occurred_at"],
        )
        for r in records
    ]


async def mark_sent(db: Executor, ids: Sequence[int]) -> None:
    """Record the broker's acknowledgement of ``ids``."""
    if ids:
        await db.execute(
            """UPDATE outbox
                  SET sent_at = now(), attempts = attempts + 1, last_error = NULL
                WHERE id = ANY($1::bigint[]) AND sent_at IS NULL""",
            list(ids),
        )


async def record_failure(db: Executor, ids: Sequence[int], error: str) -> None:
    """Count a failed publication of ``ids``; they stay unsent."""
    if ids:
        await db.execute(
            """UPDATE outbox SET attempts = attempts + 1, last_error = $2
                WHERE id = ANY($1::bigint[]) AND sent_at IS NULL""",
            list(ids),
            error[:_ERROR_LIMIT],
        )


async def sent_per_key(db: Executor) -> list[tuple[str, str, int]]:
    """(topic, key, rows) of the rows kept marked sent: what the broker must still hold.
    Read once per leadership; the retention bounds it."""
    records = await db.fetch(
        """SELECT topic, key, count(*) AS rows FROM outbox
            WHERE sent_at IS NOT NULL
            GROUP BY topic, key"""
    )
    return [(r["topic"], r["key"], int(r["rows"])) for r in records]


async def mark_unsent(db: Executor, topics: Sequence[str]) -> int:
    """Every kept row of ``topics`` back to unsent, so that the relay publishes them
    again in id order (the broker lost them); returns how many."""
    status = await db.execute(
        """UPDATE outbox SET sent_at = NULL
            WHERE topic = ANY($1::text[]) AND sent_at IS NOT NULL""",
        list(topics),
    )
    return int(status.rsplit(" ", 1)[-1])


async def prune(db: Executor, retention: timedelta, batch_size: int = 1000) -> int:
    """Delete rows sent longer than ``retention`` ago, ``batch_size`` per statement so
    that no statement holds many row locks; returns how many were deleted."""
    deleted = 0
    while True:
        status = await db.execute(
            """DELETE FROM outbox
                WHERE id IN (SELECT id FROM outbox
                              WHERE sent_at IS NOT NULL AND sent_at < now() - $1::interval
                              ORDER BY sent_at
                              LIMIT $2)""",
            retention,
            batch_size,
        )
        count = int(status.rsplit(" ", 1)[-1])
        deleted += count
        if count < batch_size:
            return deleted


def _trace_context(raw: object) -> dict[str, str]:
    # asyncpg hands jsonb over as text unless a codec is installed.
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}
