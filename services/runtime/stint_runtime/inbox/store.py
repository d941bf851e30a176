"""The consumers' SQL on the service's ``inbox`` table."""

from __future__ import annotations

import asyncpg

from stint_runtime.kafka.envelope import ReceivedEvent

__all__ = ["record_receipt"]


async def record_receipt(conn: asyncpg.Connection, consumer: str, event: ReceivedEvent) -> bool:
    """Insert (consumer, event id) in the handler's transaction; False for a duplicate."""
    status = await conn.execute(
        """INSERT INTO inbox (consumer, event_id, event_type, topic, partition, "offset")
           VALUES ($1, $2::uuid, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING""",
        consumer,
        event.event_id,
        event.event_type,
        event.topic,
        event.partition,
        event.offset,
    )
    return bool(status == "INSERT 0 1")
