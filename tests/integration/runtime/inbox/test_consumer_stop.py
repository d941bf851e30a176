"""A consumer stopped while it is still joining its group leaves nothing behind: no
half-joined member keeps heartbeating and holding partitions from the next one."""

from __future__ import annotations

import asyncio
import contextlib
import time

import asyncpg

from stint_runtime import kafka
from stint_runtime.inbox.consumer import EventConsumer, Subscription
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.consumer_setup import record_effect
from tests.waiting import eventually


def _consumer(settings: ServiceSettings, pool: asyncpg.Pool, topic: str) -> EventConsumer:
    subscription = Subscription(
        name=f"{settings.service_name}-stop",
        topics=(topic,),
        handlers={"stint.listing.v1.ListingPublished": record_effect},
    )
    return EventConsumer(settings, pool, subscription, lambda: kafka.make_producer(settings))


async def test_a_consumer_stopped_while_joining_leaves_the_group(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    settings = migrated.model_copy(update={"shutdown_grace_s": 1.0})
    early = _consumer(settings, pool, topic)
    run = asyncio.create_task(early.run())
    await asyncio.sleep(0.2)  # inside start(): bootstrapped, waiting for its partitions
    assert not early.assigned
    started = time.monotonic()
    await early.stop()
    # Past the grace the run is cancelled; leaving the group goes on, shielded.
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(run, 15)
    assert time.monotonic() - started < 5, "the stop is bounded"

    successor = _consumer(settings, pool, topic)
    task = asyncio.create_task(successor.run())
    try:
        # A stale member would keep some partitions (every topic here has 3) for good.
        def all_partitions() -> bool:
            member = successor._consumer
            return member is not None and len(member.assignment()) == 3

        await eventually(all_partitions, "every partition for the only live member", timeout_s=20)
    finally:
        await successor.stop()
        await task
