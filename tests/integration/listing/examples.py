"""Listing drafts for the integration tests, valid unless a test says otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_runtime.identity import Caller
from tests.integration.listing.conftest import acting_as

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub

FLOOR = 2000


def timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def draft(**changes: Any) -> listing_service_pb2.ListingDraft:
    values: dict[str, Any] = {
        "title": "Build a churn dashboard",
        "description": "Turn our subscription data into a weekly churn dashboard.",
        "industry": "Software",
        "skills": [
            listing_pb2.SkillRequirement(name="Python", required=True),
            listing_pb2.SkillRequirement(name="SQL", required=False),
        ],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": common_pb2.Money(amount_cents=20 * FLOOR, currency="EUR"),
        "remote": True,
        "apply_by": timestamp(datetime.now(UTC) + timedelta(days=7)),
        "slots": 1,
    }
    values.update(changes)
    return listing_service_pb2.ListingDraft(**values)


async def create(stub: Stub, owner: Caller, **changes: Any) -> listing_pb2.Listing:
    with acting_as(owner):
        return await stub.CreateListing(
            listing_service_pb2.CreateListingRequest(draft=draft(**changes))
        )


async def create_open(stub: Stub, owner: Caller, **changes: Any) -> listing_pb2.Listing:
    created = await create(stub, owner, **changes)
    with acting_as(owner):
        return await stub.PublishListing(
            listing_service_pb2.PublishListingRequest(listing_id=created.id)
        )
