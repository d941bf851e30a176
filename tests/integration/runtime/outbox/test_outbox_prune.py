"""Pruning deletes sent rows older than the retention, and nothing else."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import asyncpg

from stint_runtime import kafka
from stint_runtime.outbox import store as outbox_store
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.waiting import eventually


async def _row(pool: asyncpg.Pool, label: str, sent_ago: timedelta | None, age: timedelta) -> None:
    await pool.execute(
        """INSERT INTO outbox (event_id, topic, key, event_type, payload, occurred_at, sent_at)
           VALUES ($1, 'test.prune.v1', $2, 'stint.listing.v1.ListingPublished', '',
                   now() - $3::interval, now() - $4::interval)""",
        uuid.uuid4(),
        label,
        age,
        sent_ago,
    )


async def _labels(pool: asyncpg.Pool) -> list[str]:
    return sorted(r["key"] for r in await pool.fetch("SELECT key FROM outbox"))


async def test_prune_deletes_only_sent_rows_older_than_the_retention(pool: asyncpg.Pool) -> None:
    for n in range(5):
        await _row(pool, f"old-sent-{n}", timedelta(hours=30), timedelta(hours=31))
    await _row(pool, "recent-sent", timedelta(hours=1), timedelta(hours=31))
    await _row(pool, "old-unsent", None, timedelta(hours=40))

    deleted = await outbox_store.prune(pool, timedelta(hours=24), batch_size=2)

    assert deleted == 5
    assert await _labels(pool) == ["old-unsent", "recent-sent"]


async def test_the_leading_relay_prunes(migrated: ServiceSettings, pool: asyncpg.Pool) -> None:
    await _row(pool, "old-sent", timedelta(hours=3), timedelta(hours=3))
    await _row(pool, "recent-sent", timedelta(minutes=5), timedelta(minutes=5))
    settings = migrated.model_copy(update={"outbox_retention_hours": 2})
    relay = OutboxRelay(settings, pool, lambda: kafka.make_producer(settings))
    task = asyncio.create_task(relay.run())
    try:

        async def pruned() -> bool:
            return await _labels(pool) == ["recent-sent"]

        await eventually(pruned, "the old sent row to be pruned", timeout_s=10)
    finally:
        await relay.stop()
        await task
