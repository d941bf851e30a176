"""The apply-by deadline: the periodic job closes expired listings, once each, also
when several sweeps run at the same time (as with several replicas)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from stint.listing.v1 import events_pb2, listing_pb2, listing_service_pb2
from stint_listing.commands.closing import close_past_apply_by
from stint_listing.context import Context
from stint_listing.settings import ListingSettings
from stint_runtime.identity import Caller
from stint_runtime.service import RunningService
from tests.integration.listing.conftest import acting_as
from tests.integration.listing.examples import create_open, timestamp
from tests.integration.listing.outbox import announced
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub


def _context(service: RunningService) -> Context:
    settings = service.spec.settings
    assert isinstance(settings, ListingSettings)
    return Context.from_settings(settings)


async def _closed(stub: Stub, listing_id: str) -> listing_pb2.Listing | None:
    with acting_as(None):
        listing = await stub.GetListing(
            listing_service_pb2.GetListingRequest(listing_id=listing_id)
        )
    return listing if listing.status == listing_pb2.LISTING_STATUS_CLOSED else None


async def test_the_job_closes_a_listing_when_its_apply_by_passes(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    apply_by = datetime.now(UTC) + timedelta(seconds=2)
    opened = await create_open(listings, employer, apply_by=timestamp(apply_by))
    assert opened.status == listing_pb2.LISTING_STATUS_OPEN

    closed = await eventually(
        lambda: _closed(listings, opened.id), "the deadline job to close the listing"
    )
    assert closed.close_reason == listing_pb2.CLOSE_REASON_DEADLINE
    assert closed.closed_at.ToDatetime(tzinfo=UTC) >= apply_by
    assert closed.version == opened.version + 1
    # Later sweeps find nothing more to do for it.
    await close_past_apply_by(listing_service.pool, _context(listing_service))
    assert await announced(listing_service.pool, opened.id) == [
        events_pb2.ListingPublished(listing=opened),
        events_pb2.ListingClosed(listing=closed, reason=listing_pb2.CLOSE_REASON_DEADLINE),
    ]


async def test_concurrent_sweeps_close_each_listing_once(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    opened = [await create_open(listings, employer) for _ in range(6)]
    ids = [listing.id for listing in opened]
    pool = listing_service.pool
    # Only the database can put a published listing's apply_by in the past.
    await pool.execute(
        "UPDATE listings SET apply_by = now() - interval '1 second' WHERE id = ANY($1::uuid[])",
        ids,
    )
    ctx = _context(listing_service)
    # Four sweeps here race the service's own periodic job.
    await asyncio.gather(*(close_past_apply_by(pool, ctx) for _ in range(4)))
    for listing in opened:
        await eventually(partial(_closed, listings, listing.id), f"{listing.id} to close")
        events = await announced(pool, listing.id)
        closes = [e for e in events if isinstance(e, events_pb2.ListingClosed)]
        assert len(closes) == 1, f"{listing.id} was closed {len(closes)} times"
        assert closes[0].reason == listing_pb2.CLOSE_REASON_DEADLINE
        assert len(events) == 2
