"""Every event both services ever published, delivered a second time, changes nothing
in either service: with the same event ids (a redelivery after a crash) or with new ones
(a copy only the services' own rules can recognise)."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

import asyncpg
from aiokafka.structs import RecordMetadata

from stint_application.handlers import SUBSCRIPTION_NAME as APPLICATION_CONSUMER
from stint_listing.handlers import SUBSCRIPTION_NAME as LISTING_CONSUMER
from stint_runtime import kafka
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.service import RunningService
from tests.integration.conftest import SettingsFactory
from tests.integration.consumed import last_offsets, wait_until_consumed
from tests.integration.gateway.api import Api
from tests.waiting import eventually

if TYPE_CHECKING:
    from aiokafka import AIOKafkaProducer

    from tests.integration.infra import TestInfra

_TABLES = {
    "application": ("listing_projection", "applications", "engagements", "outbox"),
    "listing": ("listings", "listing_hires", "outbox"),
}


async def snapshot(pool: asyncpg.Pool, tables: tuple[str, ...]) -> dict[str, list[str]]:
    """Every row of the service's tables (bookkeeping columns left out)."""
    state: dict[str, list[str]] = {}
    for table in tables:
        rows = await pool.fetch(f"SELECT * FROM {table}")
        skip = {"received_at", "sent_at", "attempts", "last_error"}
        state[table] = sorted(
            repr(sorted((k, str(v)) for k, v in row.items() if k not in skip)) for row in rows
        )
    return state


async def replay_outbox(
    pool: asyncpg.Pool, producer_name: str, producer: AIOKafkaProducer, *, fresh_ids: bool
) -> list[RecordMetadata]:
    """Publish every event of a service's outbox again, with the relay's headers: the
    same event ids (a redelivery), or new ones (a copy the inbox cannot recognise)."""
    rows = await pool.fetch(
        "SELECT event_id, topic, key, event_type, payload, headers, occurred_at "
        "FROM outbox WHERE sent_at IS NOT NULL ORDER BY id"
    )
    produced = []
    for row in rows:
        headers = envelope_headers(
            event_id=uuid.uuid4() if fresh_ids else row["event_id"],
            event_type=row["event_type"],
            occurred_at=row["occurred_at"],
            producer=producer_name,
            aggregate_id=row["key"],
            trace_context=json.loads(row["headers"]),
        )
        produced.append(
            await producer.send_and_wait(
                row["topic"], row["payload"], key=row["key"].encode(), headers=headers
            )
        )
    return produced


async def test_replaying_every_event_changes_nothing(
    public_api: Api,
    listing_service: RunningService,
    application_service: RunningService,
    service_settings: SettingsFactory,
    infra: TestInfra,
) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    listing = await api.open_listing(owner, slots=1)
    students = [await api.sign_up("student") for _ in range(2)]
    applied = [await api.apply(s, listing["id"]) for s in students]
    hired = await api.call("POST", f"/v1/applications/{applied[0]}/hire", owner)
    assert hired.status_code == 201, hired.text

    async def settled() -> dict[str, Any] | None:
        other = await api.call("GET", f"/v1/applications/{applied[1]}", students[1])
        unsent = sum(
            [
                await pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                for pool in (listing_service.pool, application_service.pool)
            ]
        )
        return other.json() if other.json()["status"] == "closed" and unsent == 0 else None

    await eventually(settled, "the listing to fill and every event to be published")
    pools = {"application": application_service.pool, "listing": listing_service.pool}
    before = {name: await snapshot(pools[name], _TABLES[name]) for name in pools}
    listing_before = (await api.call("GET", f"/v1/listings/{listing['id']}", None)).json()

    producer = kafka.make_producer(service_settings("application"))
    await producer.start()
    try:
        replayed = {
            name: [
                *await replay_outbox(pools[name], name, producer, fresh_ids=False),
                *await replay_outbox(pools[name], name, producer, fresh_ids=True),
            ]
            for name in pools
        }
    finally:
        await producer.stop()
    assert replayed["application"] and replayed["listing"]
    bootstrap = infra.bootstrap_servers
    await wait_until_consumed(bootstrap, APPLICATION_CONSUMER, last_offsets(replayed["listing"]))
    await wait_until_consumed(bootstrap, LISTING_CONSUMER, last_offsets(replayed["application"]))

    assert {name: await snapshot(pools[name], _TABLES[name]) for name in pools} == before
    listing_after = (await api.call("GET", f"/v1/listings/{listing['id']}", None)).json()
    assert listing_after == listing_before
    assert listing_after["slots_filled"] == 1
