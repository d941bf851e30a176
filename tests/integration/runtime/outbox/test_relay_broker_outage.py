"""The outbox while the broker is away: writes commit, nothing is lost, nothing is
reordered, and every event arrives once the broker is back."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from stint_devstack import infra
from stint_runtime import kafka
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.outbox_events import enqueue, listing_published, unsent_count
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually

KEYS = [f"lst-outage-{n}" for n in range(5)]
EVENTS_PER_KEY = 20


@pytest.fixture
def port() -> Iterator[int]:
    yield infra.free_port()


@pytest.fixture
async def own_broker_settings(migrated: ServiceSettings, port: int) -> ServiceSettings:
    return migrated.model_copy(update={"kafka_bootstrap_servers": f"127.0.0.1:{port}"})


@pytest.fixture
async def relay(
    own_broker_settings: ServiceSettings, pool: asyncpg.Pool
) -> AsyncIterator[OutboxRelay]:
    settings = own_broker_settings

    def producer() -> AIOKafkaProducer:
        # Short timeouts so that the test sees failed attempts quickly.
        return kafka.make_producer(settings, request_timeout_ms=2_000, retry_backoff_ms=100)

    running = OutboxRelay(settings, pool, producer)
    task = asyncio.create_task(running.run())
    yield running
    await running.stop()
    await task


def _ids_by_key(records: list[object]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for record in records:
        headers = dict(record.headers)  # type: ignore[attr-defined]
        by_key[record.key.decode()].append(headers["event_id"].decode())  # type: ignore[attr-defined]
    return by_key


async def test_events_written_while_the_broker_is_down_all_arrive_in_order_once(
    own_broker_settings: ServiceSettings, pool: asyncpg.Pool, relay: OutboxRelay, port: int
) -> None:
    settings = own_broker_settings
    topic = f"test.outage.{uuid.uuid4().hex[:8]}.v1"
    broker = infra.start_broker(port)
    try:
        await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
        warmup = await enqueue(pool, settings, topic, "lst-warmup", listing_published("lst-warmup"))
        await eventually(lambda: _none_unsent(pool), "the warm-up event to be sent", timeout_s=20)
        broker.kill()

        expected: dict[str, list[str]] = defaultdict(list)
        for version in range(1, EVENTS_PER_KEY + 1):
            for key in KEYS:
                event_id = await enqueue(
                    pool, settings, topic, key, listing_published(key, version)
                )
                expected[key].append(str(event_id))
        assert await unsent_count(pool) == len(KEYS) * EVENTS_PER_KEY

        async def attempted() -> bool:
            return bool(
                await pool.fetchval("SELECT max(attempts) > 0 FROM outbox WHERE sent_at IS NULL")
            )

        await eventually(attempted, "a failed publication attempt", timeout_s=20)
        assert relay.is_leader
        assert not await relay.broker_healthy()

        # Same port, empty memory: the topics are created again before anything lands.
        broker = infra.start_broker(port)
        await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
        # The new broker lost the warm-up event it had acknowledged: it comes again.
        expected["lst-warmup"].append(str(warmup))
        async with TopicReader(settings.kafka_bootstrap_servers, topic) as reader:
            records = await reader.wait_for(len(KEYS) * EVENTS_PER_KEY + 1, timeout_s=30)
            await eventually(lambda: _none_unsent(pool), "all rows marked sent", timeout_s=10)

        counts = Counter(dict(r.headers)["event_id"].decode() for r in records)
        assert set(counts) == {e for ids in expected.values() for e in ids}
        assert max(counts.values()) == 1, "an event arrived twice"
        assert _ids_by_key(records) == expected
        assert await relay.broker_healthy()
        last_error = await pool.fetchval("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL")
        assert last_error == 0
    finally:
        broker.kill()


async def test_a_relay_started_before_the_broker_publishes_once_it_comes(
    own_broker_settings: ServiceSettings, pool: asyncpg.Pool, relay: OutboxRelay, port: int
) -> None:
    settings = own_broker_settings
    topic = f"test.late.{uuid.uuid4().hex[:8]}.v1"
    ids = [
        str(await enqueue(pool, settings, topic, "lst-late", listing_published("lst-late", v)))
        for v in range(1, 11)
    ]
    await eventually(lambda: relay.is_leader, "the relay to lead", timeout_s=10)
    assert not await relay.broker_healthy()
    broker = infra.start_broker(port)
    try:
        await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
        async with TopicReader(settings.kafka_bootstrap_servers, topic) as reader:
            records = await reader.wait_for(len(ids), timeout_s=30)
        assert [dict(r.headers)["event_id"].decode() for r in records] == ids
        await eventually(lambda: _none_unsent(pool), "all rows marked sent", timeout_s=10)
    finally:
        broker.kill()


async def _none_unsent(pool: asyncpg.Pool) -> bool:
    return await unsent_count(pool) == 0
