"""The live stream over gRPC: a new notification arrives at once, a stream resumed
after the last sequence seen gets exactly the missed ones, in order, then new ones."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from stint.notification.v1 import notification_service_pb2 as api
from tests.integration.notification.conftest import acting_as, known
from tests.integration.notification.feed import EventFeed, Person

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


async def _match(feed: EventFeed, student: Person, owner: Person, title: str) -> Any:
    listing = await feed.publish_listing(owner, title=title)
    return await feed.match(listing, student, ["Your skills fit."])


async def test_live_then_resumed_exactly(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool
) -> None:
    student = await feed.register("student")
    owner = await feed.register("employer")
    await known(pool, student)
    with acting_as(student):
        call = notifications.Stream(api.StreamRequest(after_sequence=0))
    stream = call.__aiter__()
    try:
        # The stream is open before anything is created (its first read waits).
        started = time.monotonic()
        await _match(feed, student, owner, "Live one")
        first = await asyncio.wait_for(stream.__anext__(), 10)
        assert time.monotonic() - started < 2.0
        assert "Live one" in first.title and first.sequence >= 1
    finally:
        call.cancel()

    missed = [await _match(feed, student, owner, f"Missed {n}") for n in range(3)]
    with acting_as(student):
        resumed = notifications.Stream(api.StreamRequest(after_sequence=first.sequence))
    again = resumed.__aiter__()
    try:
        got = [await asyncio.wait_for(again.__anext__(), 10) for _ in missed]
        assert [n.title for n in got] == [
            f"New project for you: “Missed {n}” at Northwind Labs" for n in range(3)
        ]
        assert [n.sequence for n in got] == sorted(n.sequence for n in got)
        assert got[0].sequence > first.sequence
        await _match(feed, student, owner, "After resuming")
        nxt = await asyncio.wait_for(again.__anext__(), 10)
        assert "After resuming" in nxt.title
        assert nxt.sequence > got[-1].sequence
    finally:
        resumed.cancel()
