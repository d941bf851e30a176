"""The listing's events leave the outbox for stint.listing.v1 with their envelope, in
the order of the changes."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaConsumer

from stint.listing.v1 import events_pb2, listing_pb2, listing_service_pb2
from stint_runtime import topics
from stint_runtime.identity import Caller
from stint_runtime.kafka import envelope, make_consumer
from stint_runtime.service import RunningService
from tests.integration.listing.conftest import acting_as
from tests.integration.listing.examples import create_open
from tests.waiting import eventually

if TYPE_CHECKING:
    from aiokafka.structs import ConsumerRecord

    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub


async def _records_for(
    consumer: AIOKafkaConsumer, key: str, count: int, timeout_s: float = 20.0
) -> list[ConsumerRecord[bytes, bytes]]:
    found: list[ConsumerRecord[bytes, bytes]] = []

    async def all_found() -> bool:
        batches = await consumer.getmany(timeout_ms=200)
        found.extend(r for records in batches.values() for r in records if r.key == key.encode())
        return len(found) >= count

    await eventually(
        all_found,
        lambda: f"{count} events for {key} on {topics.LISTING} (got {len(found)})",
        timeout_s,
    )
    return found


async def test_events_reach_the_topic_with_their_envelope_in_order(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    opened = await create_open(listings, employer)
    with acting_as(employer):
        closed = await listings.CloseListing(
            listing_service_pb2.CloseListingRequest(listing_id=opened.id)
        )
    consumer = make_consumer(
        listing_service.spec.settings,
        f"listing-topic-test-{uuid.uuid4().hex[:8]}",
        [topics.LISTING],
    )
    await consumer.start()
    try:
        published, withdrawn = await _records_for(consumer, opened.id, 2)
    finally:
        await consumer.stop()

    headers = envelope.headers_dict(published.headers)
    outbox_ids = await listing_service.pool.fetch(
        "SELECT event_id FROM outbox WHERE key = $1 ORDER BY id", opened.id
    )
    assert headers[envelope.EVENT_ID] == str(outbox_ids[0]["event_id"])
    assert headers[envelope.EVENT_TYPE] == "stint.listing.v1.ListingPublished"
    assert headers[envelope.AGGREGATE_ID] == opened.id
    assert headers[envelope.PRODUCER] == "listing"
    assert events_pb2.ListingPublished.FromString(published.value or b"").listing == opened
    closed_event = events_pb2.ListingClosed.FromString(withdrawn.value or b"")
    assert (closed_event.listing, closed_event.reason) == (
        closed,
        listing_pb2.CLOSE_REASON_WITHDRAWN,
    )
