"""Writing events to the transactional outbox, inside the caller's transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

import asyncpg
from google.protobuf.message import Message
from opentelemetry.trace import SpanKind

from stint_runtime import telemetry

_tracer = telemetry.tracer("stint.outbox")


def notify_channel(schema: str) -> str:
    """The LISTEN/NOTIFY channel on which a service's relay is woken."""
    return f"stint_outbox_{schema}"


async def enqueue(
    conn: asyncpg.Connection,
    *,
    topic: str,
    key: str,
    event: Message,
    schema: str,
) -> uuid.UUID:
    """Record ``event`` for publication; call inside the transaction of the change.

    The relay publishes it after commit with key ``key`` (the aggregate id) and the
    trace context current now, so the consumer's span joins the producer's trace.
    """
    if not conn.is_in_transaction():
        raise RuntimeError("outbox.enqueue must run inside the state change's transaction")
    event_id = uuid.uuid4()
    with _tracer.start_as_current_span(
        "outbox.enqueue",
        kind=SpanKind.CLIENT,
        attributes={
            "db.system": "postgresql",
            "db.operation": "INSERT",
            "db.sql.table": f"{schema}.outbox",
            "messaging.destination.name": topic,
            "stint.event_type": event.DESCRIPTOR.full_name,
        },
    ):
        await _insert(conn, event_id, topic, key, event, schema)
    return event_id


async def enqueue_many(
    conn: asyncpg.Connection,
    *,
    topic: str,
    keyed: Sequence[tuple[str, Message]],
    schema: str,
) -> list[uuid.UUID]:
    """``enqueue`` for many events at once (key, event): the same rows, a new event id
    each and the trace context current now, in one INSERT and one wake-up of the relay
    instead of two round trips per event (a listing that matches thousands of students)."""
    if not conn.is_in_transaction():
        raise RuntimeError("outbox.enqueue_many must run inside the state change's transaction")
    if not keyed:
        return []
    event_ids = [uuid.uuid4() for _ in keyed]
    with _tracer.start_as_current_span(
        "outbox.enqueue",
        kind=SpanKind.CLIENT,
        attributes={
            "db.system": "postgresql",
            "db.operation": "INSERT",
            "db.sql.table": f"{schema}.outbox",
            "messaging.destination.name": topic,
            "messaging.batch.message_count": len(keyed),
        },
    ):
        await conn.execute(
            """INSERT INTO outbox (event_id, topic, key, event_type, payload, headers)
               SELECT event_id, $2, key, event_type, payload, $6::jsonb
                 FROM unnest($1::uuid[], $3::text[], $4::text[], $5::bytea[])
                   AS t (event_id, key, event_type, payload)""",
            event_ids,
            topic,
            [key for key, _ in keyed],
            [event.DESCRIPTOR.full_name for _, event in keyed],
            [event.SerializeToString() for _, event in keyed],
            json.dumps(telemetry.inject()),
        )
        await conn.execute("SELECT pg_notify($1, '')", notify_channel(schema))
    return event_ids


async def _insert(
    conn: asyncpg.Connection, event_id: uuid.UUID, topic: str, key: str, event: Message, schema: str
) -> None:
    await conn.execute(
        """INSERT INTO outbox (event_id, topic, key, event_type, payload, headers)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)""",
        event_id,
        topic,
        key,
        event.DESCRIPTOR.full_name,
        event.SerializeToString(),
        json.dumps(telemetry.inject()),
    )
    await conn.execute("SELECT pg_notify($1, '')", notify_channel(schema))
