"""A broker that restarts empty (the embedded one keeps everything in memory) loses
the events the relay had sent but no consumer had read yet. The relay notices that the
broker holds less than it acknowledged and publishes every kept row again, in id
order; consumers, whose group offsets went with the broker, read from the start and
their inbox skips what they had handled: every effect once, none lost."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

from stint_devstack import infra
from stint_runtime import kafka
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.consumer_setup import effect_ids, record_effect, running_consumer
from tests.integration.runtime.outbox_events import PUBLISHED, enqueue, listing_published
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually

KEYS = [f"lst-amnesia-{n}" for n in range(4)]


@pytest.fixture
def port() -> Iterator[int]:
    yield infra.free_port()


@pytest.fixture
def settings(migrated: ServiceSettings, port: int) -> ServiceSettings:
    return migrated.model_copy(
        update={"kafka_bootstrap_servers": f"127.0.0.1:{port}", "outbox_broker_check_s": 0.3}
    )


@pytest.fixture
async def broker(settings: ServiceSettings, port: int) -> AsyncIterator[list[infra.Broker]]:
    """The broker on ``port`` (the list holds the one running now)."""
    running = [infra.start_broker(port)]
    yield running
    running[-1].kill()


async def restart_empty(brokers: list[infra.Broker], port: int, topic: str) -> None:
    """SIGKILL, then a new broker on the same port with the topic created again, as
    scripts/run does."""
    brokers[-1].kill()
    brokers.append(infra.start_broker(port))
    await kafka.ensure_topics(f"127.0.0.1:{port}", [topic])


@asynccontextmanager
async def relaying(settings: ServiceSettings, pool: asyncpg.Pool) -> AsyncIterator[OutboxRelay]:
    relay = OutboxRelay(settings, pool, lambda: kafka.make_producer(settings))
    task = asyncio.create_task(relay.run())
    try:
        yield relay
    finally:
        await relay.stop()
        await task


async def write(
    pool: asyncpg.Pool, settings: ServiceSettings, topic: str, count: int
) -> dict[str, list[str]]:
    """``count`` events over KEYS, in order; their ids by key."""
    ids: dict[str, list[str]] = defaultdict(list)
    for n in range(count):
        key = KEYS[n % len(KEYS)]
        ids[key].append(str(await enqueue(pool, settings, topic, key, listing_published(key, n))))
    return ids


async def all_sent(pool: asyncpg.Pool) -> bool:
    return bool(await pool.fetchval("SELECT count(*) = 0 FROM outbox WHERE sent_at IS NULL"))


def first_copies_by_key(records: list[object]) -> dict[str, list[str]]:
    seen: set[str] = set()
    by_key: dict[str, list[str]] = defaultdict(list)
    for record in records:
        event_id = dict(record.headers)["event_id"].decode()  # type: ignore[attr-defined]
        if event_id not in seen:
            seen.add(event_id)
            by_key[record.key.decode()].append(event_id)  # type: ignore[attr-defined]
    return dict(by_key)


def merged(*parts: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for part in parts:
        for key, ids in part.items():
            out[key] += ids
    return dict(out)


async def test_events_sent_but_unread_when_the_broker_restarted_empty_reach_the_consumer_once(
    settings: ServiceSettings, pool: asyncpg.Pool, broker: list[infra.Broker], port: int
) -> None:
    topic = f"test.amnesia.{uuid.uuid4().hex[:8]}.v1"
    await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
    async with relaying(settings, pool) as relay:
        before = await write(pool, settings, topic, 40)
        await eventually(lambda: all_sent(pool), "the 40 events sent", timeout_s=20)

        await restart_empty(broker, port, topic)
        after = await write(pool, settings, topic, 12)

        handlers = {PUBLISHED: record_effect}
        async with running_consumer(settings, pool, topic, handlers):
            expected = merged(before, after)
            wanted = {e for ids in expected.values() for e in ids}
            await eventually(
                lambda: _effects_cover(pool, wanted),
                "an effect of every event, those sent before the restart too",
                timeout_s=40,
            )
            effects = await effect_ids(pool)
        assert len(effects) == len(set(effects)) == len(wanted), "an effect twice"
        assert relay.recall.republished >= 40
        async with TopicReader(settings.kafka_bootstrap_servers, topic) as reader:
            records = await reader.wait_for(len(wanted))
        assert first_copies_by_key(records) == expected, "a key's events out of order"


async def test_a_consumer_that_read_everything_reads_the_new_log_again_without_a_second_effect(
    settings: ServiceSettings, pool: asyncpg.Pool, broker: list[infra.Broker], port: int
) -> None:
    topic = f"test.amnesia.{uuid.uuid4().hex[:8]}.v1"
    await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
    handlers = {PUBLISHED: record_effect}
    async with relaying(settings, pool), running_consumer(settings, pool, topic, handlers):
        before = await write(pool, settings, topic, 30)
        await eventually(lambda: _effect_count(pool, 30), "30 effects", timeout_s=20)
        await restart_empty(broker, port, topic)
        after = await write(pool, settings, topic, 10)
        wanted = {e for ids in merged(before, after).values() for e in ids}
        await eventually(lambda: _effects_cover(pool, wanted), "the 10 new effects", timeout_s=40)
        handled = await pool.fetchval(
            'SELECT count(*) FROM inbox WHERE event_type = $1 AND "offset" >= 0', PUBLISHED
        )
        effects = await effect_ids(pool)
    assert sorted(effects) == sorted(wanted), "an effect lost or doubled"
    assert handled == len(wanted)


async def test_a_relay_that_starts_after_the_broker_came_back_empty_publishes_the_kept_rows(
    settings: ServiceSettings, pool: asyncpg.Pool, broker: list[infra.Broker], port: int
) -> None:
    topic = f"test.amnesia.{uuid.uuid4().hex[:8]}.v1"
    await kafka.ensure_topics(settings.kafka_bootstrap_servers, [topic])
    async with relaying(settings, pool):
        expected = await write(pool, settings, topic, 20)
        await eventually(lambda: all_sent(pool), "the 20 events sent", timeout_s=20)
    await restart_empty(broker, port, topic)
    async with relaying(settings, pool) as relay:
        async with TopicReader(settings.kafka_bootstrap_servers, topic) as reader:
            records = await reader.wait_for(20, timeout_s=30)
        assert relay.recall.republished == 20
    assert first_copies_by_key(records) == expected


async def _effects_cover(pool: asyncpg.Pool, wanted: set[str]) -> bool:
    return wanted <= set(await effect_ids(pool))


async def _effect_count(pool: asyncpg.Pool, count: int) -> bool:
    return len(await effect_ids(pool)) >= count
