"""Listings are still created, published and closed while the broker is down; when it
returns, every event of the outage arrives, once, in order per listing."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from stint.listing.v1 import listing_service_pb2, listing_service_pb2_grpc
from stint_devstack import infra as embedded
from stint_devstack.provision import provision_database
from stint_listing.main import build_spec
from stint_listing.settings import ListingSettings
from stint_runtime import topics
from stint_runtime.kafka import ensure_topics, envelope, make_consumer
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService, start_service
from tests.integration.conftest import INTERNAL_SECRET
from tests.integration.infra import TestInfra, unique_name
from tests.integration.listing.conftest import acting_as, register_employer
from tests.integration.listing.examples import create_open
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub

LISTINGS = 4


@pytest.fixture
def own_broker() -> Iterator[embedded.Broker]:
    broker = embedded.start_broker(embedded.free_port())
    yield broker
    broker.stop()


@pytest.fixture
async def isolated_listing_service(
    infra: TestInfra, own_broker: embedded.Broker
) -> AsyncIterator[RunningService]:
    """A listing service of its own (own schema, own broker), so that stopping the
    broker disturbs no other test and no other relay competes for this outbox."""
    schema = unique_name("listing_outage")
    databases = await provision_database(infra.admin_dsn, services=(schema,))
    settings = ListingSettings(
        env="test",
        service_name="listing",
        database_url=databases[schema].dsn,
        database_schema=schema,
        kafka_bootstrap_servers=own_broker.bootstrap_servers,
        internal_secret=INTERNAL_SECRET,
        outbox_poll_interval_s=0.2,
        shutdown_grace_s=2.0,
    )
    await ensure_topics(own_broker.bootstrap_servers, [topics.LISTING])
    running = await start_service(build_spec(settings))
    yield running
    await running.stop()


async def test_changes_made_while_the_broker_is_down_are_all_published_after(
    isolated_listing_service: RunningService, own_broker: embedded.Broker
) -> None:
    service = isolated_listing_service
    own_broker.kill()
    async with open_channel(f"127.0.0.1:{service.grpc_port}", INTERNAL_SECRET) as channel:
        stub: Stub = listing_service_pb2_grpc.ListingServiceStub(channel)
        employer = await register_employer(stub)
        opened = [
            await create_open(stub, employer, title=f"Outage task {n}") for n in range(LISTINGS)
        ]
        with acting_as(employer):
            await stub.CloseListing(
                listing_service_pb2.CloseListingRequest(listing_id=opened[0].id)
            )
    expected = await service.pool.fetch(
        "SELECT event_id::text, key, event_type FROM outbox WHERE sent_at IS NULL ORDER BY id"
    )
    assert len(expected) == LISTINGS + 1, "every change wrote its event while the broker was down"

    returned = embedded.start_broker(own_broker.port)  # memory only: the topic is new
    try:
        await ensure_topics(returned.bootstrap_servers, [topics.LISTING])
        consumer = make_consumer(
            service.spec.settings, f"outage-{uuid.uuid4().hex[:8]}", [topics.LISTING],
            bootstrap_servers=returned.bootstrap_servers,
        )  # fmt: skip
        await consumer.start()
        received: list[tuple[str, str, str]] = []

        async def all_received() -> bool:
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    headers = envelope.headers_dict(record.headers)
                    key = (record.key or b"").decode()
                    received.append((headers["event_id"], key, headers["event_type"]))
            return len(received) >= len(expected)

        try:
            await eventually(
                all_received,
                lambda: f"{len(expected)} events after the outage (got {len(received)})",
                timeout_s=30,
            )
            # Anything more (a duplicate) would show up now.
            extra = await consumer.getmany(timeout_ms=500)
            received += [("extra", "", "") for r in extra.values() for _ in r]
        finally:
            await consumer.stop()
    finally:
        returned.stop()
    wanted = [(r["event_id"], r["key"], r["event_type"]) for r in expected]
    assert sorted(received) == sorted(wanted), "each event exactly once"
    per_key_received: dict[str, list[str]] = defaultdict(list)
    per_key_wanted: dict[str, list[str]] = defaultdict(list)
    for event_id, key, _ in received:
        per_key_received[key].append(event_id)
    for event_id, key, _ in wanted:
        per_key_wanted[key].append(event_id)
    assert per_key_received == per_key_wanted, "in commit order per listing"
    unsent = await service.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
    assert unsent == 0
