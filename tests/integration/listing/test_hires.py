"""Hires from the application service fill a listing's slots; the last one closes it
as filled. Events are produced to stint.application.v1 as the application service's
relay produces them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from aiokafka import AIOKafkaProducer
from google.protobuf.message import Message

from stint.application.v1 import application_pb2
from stint.application.v1 import events_pb2 as application_events
from stint.listing.v1 import events_pb2, listing_pb2, listing_service_pb2
from stint_listing.handlers import SUBSCRIPTION_NAME
from stint_runtime import topics
from stint_runtime.identity import Caller
from stint_runtime.kafka import envelope, make_producer
from stint_runtime.service import RunningService
from tests.integration.listing.conftest import acting_as
from tests.integration.listing.examples import create_open
from tests.integration.listing.outbox import announced
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub


@pytest.fixture(scope="module")
async def producer(listing_service: RunningService) -> AsyncIterator[AIOKafkaProducer]:
    started = make_producer(listing_service.spec.settings)
    await started.start()
    yield started
    await started.stop()


class ApplicationTopic:
    """Publishes application events for one listing, with the relay's envelope."""

    def __init__(self, producer: AIOKafkaProducer, listing: listing_pb2.Listing) -> None:
        self._producer = producer
        self._listing = listing

    def application(self, application_id: str) -> application_pb2.Application:
        return application_pb2.Application(
            id=application_id,
            listing_id=self._listing.id,
            organization_id=self._listing.organization_id,
            student_id=str(uuid.uuid4()),
            status=application_pb2.APPLICATION_STATUS_HIRED,
        )

    async def send(self, application_id: str, event: Message, event_id: str = "") -> str:
        event_id = event_id or str(uuid.uuid4())
        event_type = event.DESCRIPTOR.full_name
        headers = [
            (envelope.EVENT_ID, event_id.encode()),
            (envelope.EVENT_TYPE, event_type.encode()),
            (envelope.OCCURRED_AT, datetime.now(UTC).isoformat().encode()),
            (envelope.PRODUCER, b"application"),
            (envelope.AGGREGATE_ID, application_id.encode()),
            (envelope.SCHEMA_VERSION, b"1"),
        ]
        await self._producer.send_and_wait(
            topics.APPLICATION,
            event.SerializeToString(),
            key=application_id.encode(),
            headers=headers,
        )
        return event_id

    async def hire(self, application_id: str, event_id: str = "") -> str:
        event = application_events.ApplicationHired(
            application=self.application(application_id), engagement_id=str(uuid.uuid4())
        )
        return await self.send(application_id, event, event_id)

    async def marker(self, application_id: str) -> str:
        """An event the listing service records and skips; with the same key, it is
        handled after everything sent before it for that application."""
        submitted = application_events.ApplicationSubmitted(
            application=self.application(application_id)
        )
        return await self.send(application_id, submitted)


async def _handled(running: RunningService, event_id: str) -> None:
    async def in_inbox() -> bool | None:
        found = await running.pool.fetchval(
            "SELECT true FROM inbox WHERE consumer = $1 AND event_id = $2",
            SUBSCRIPTION_NAME,
            uuid.UUID(event_id),
        )
        return True if found else None

    await eventually(in_inbox, f"event {event_id} in the inbox")


async def _listing(stub: Stub, listing_id: str) -> listing_pb2.Listing:
    with acting_as(None):
        return await stub.GetListing(listing_service_pb2.GetListingRequest(listing_id=listing_id))


async def test_hires_fill_slots_once_each_and_the_last_closes_the_listing(
    listings: Stub, employer: Caller, listing_service: RunningService, producer: AIOKafkaProducer
) -> None:
    opened = await create_open(listings, employer, slots=2)
    topic = ApplicationTopic(producer, opened)
    first, second, third = (str(uuid.uuid4()) for _ in range(3))

    hired_event = await topic.hire(first)
    await _handled(listing_service, hired_event)
    one = await _listing(listings, opened.id)
    assert (one.slots_filled, one.status) == (1, listing_pb2.LISTING_STATUS_OPEN)

    # The same event again, and the same hire announced under a new event id.
    await topic.hire(first, event_id=hired_event)
    await topic.hire(first)
    await _handled(listing_service, await topic.marker(first))
    assert (await _listing(listings, opened.id)).slots_filled == 1

    await _handled(listing_service, await topic.hire(second))
    filled = await _listing(listings, opened.id)
    assert (filled.slots_filled, filled.status, filled.close_reason) == (
        2,
        listing_pb2.LISTING_STATUS_CLOSED,
        listing_pb2.CLOSE_REASON_FILLED,
    )

    # A hire beyond the slots is never counted.
    await _handled(listing_service, await topic.hire(third))
    assert await _listing(listings, opened.id) == filled

    assert await announced(listing_service.pool, opened.id) == [
        events_pb2.ListingPublished(listing=opened),
        events_pb2.ListingUpdated(listing=one),
        events_pb2.ListingClosed(listing=filled, reason=listing_pb2.CLOSE_REASON_FILLED),
    ]
