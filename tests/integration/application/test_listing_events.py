"""The listing projection: the newest version wins, and every listing event delivered a
second time (same event id, or a stale copy under a new id) changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

import asyncpg

from stint.listing.v1 import listing_pb2
from stint_application.handlers import SUBSCRIPTION_NAME
from stint_runtime.service import RunningService
from tests.integration.application.conftest import employer, student
from tests.integration.application.feed import ListingFeed
from tests.integration.application.steps import apply, hire
from tests.integration.consumed import last_offsets, wait_until_consumed

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )
    from tests.integration.infra import TestInfra

_STATE = {
    "listing_projection": "SELECT listing_id, organization_id, title, status, close_reason, "
    "slots, hires, apply_by, duration_days, version FROM listing_projection",
    "applications": "SELECT * FROM applications",
    "engagements": "SELECT * FROM engagements",
    "outbox": "SELECT event_id, key, event_type, payload FROM outbox",
}


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[tuple[object, ...]]]:
    """Everything the service keeps, in a comparable form."""
    return {
        name: sorted(tuple(str(v) for v in row.values()) for row in await pool.fetch(sql))
        for name, sql in _STATE.items()
    }


async def test_an_older_version_never_overwrites_a_newer_one(
    feed: ListingFeed, application_service: RunningService, infra: TestInfra
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=2, version=5)
    stale = listing_pb2.Listing()
    stale.CopyFrom(listing)
    stale.slots, stale.version = 9, 4
    newer = listing_pb2.Listing()
    newer.CopyFrom(listing)
    newer.slots, newer.version = 3, 6
    produced = [await feed.update(newer), await feed.update(stale)]
    await wait_until_consumed(infra.bootstrap_servers, SUBSCRIPTION_NAME, last_offsets(produced))
    slots = await application_service.pool.fetchval(
        "SELECT slots FROM listing_projection WHERE listing_id = $1", listing.id
    )
    assert slots == 3


async def test_replaying_every_listing_event_changes_nothing(
    applications: Stub,
    feed: ListingFeed,
    application_service: RunningService,
    infra: TestInfra,
) -> None:
    bootstrap_servers = infra.bootstrap_servers
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=1)
    apps = [await apply(applications, student(), listing.id) for _ in range(3)]
    await hire(applications, owner, apps[0].id)
    await feed.close(listing, listing_pb2.CLOSE_REASON_FILLED)
    pool = application_service.pool
    before = await snapshot(pool)

    produced = []
    for record in list(feed.sent):
        produced.append(await feed.resend(record))  # the same event id: the inbox skips it
    for record in reversed(feed.sent):
        fresh = [
            (k, str(uuid.uuid4()).encode() if k == "event_id" else v) for k, v in record.headers
        ]
        # Stale copies under new event ids, newest first: the versions skip them.
        produced.append(await feed.resend(replace(record, headers=fresh)))
    await wait_until_consumed(bootstrap_servers, SUBSCRIPTION_NAME, last_offsets(produced))

    assert await snapshot(pool) == before
