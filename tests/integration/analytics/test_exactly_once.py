"""Each event is in the store once: after the same events were delivered twice, after
the service was killed in the middle of the stream (a real process, SIGKILL) and
started again, and after a replay of every topic from its beginning."""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb
import httpx
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from stint_analytics.commands.landing import prepare_store
from stint_analytics.context import Context
from stint_devstack.infra import free_port
from stint_runtime import topics
from tests.integration.analytics.conftest import (
    AnalyticsFactory,
    assert_each_event_once,
    following,
    id_counts,
    publish,
    read_store,
    serve_process,
    wait_caught_up,
    wait_landed,
)
from tests.integration.analytics.history import Scripted, march_history
from tests.integration.analytics.stream import event_ids_on_topics
from tests.integration.infra import TestInfra
from tests.waiting import eventually


def many_histories(first_year: int, count: int) -> list[Scripted]:
    return [e for year in range(first_year, first_year + count) for e in march_history(year).events]


async def test_events_delivered_twice_are_landed_once(
    infra: TestInfra, analytics_settings: AnalyticsFactory
) -> None:
    history = march_history(2032)
    await publish(infra.bootstrap_servers, history.events, times=2)
    settings = analytics_settings()
    async with following(settings) as follower:
        expected = await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
        assert follower.landed.duplicates >= len(history.events)
    counts = id_counts(settings.analytics_db, [e.event_id for e in history.events])
    assert set(counts.values()) == {1} and len(counts) == len(history.events)
    assert_each_event_once(settings.analytics_db, expected)


async def test_a_service_killed_mid_stream_lands_each_event_once_after_a_restart(
    infra: TestInfra, analytics_settings: AnalyticsFactory, tmp_path: Path
) -> None:
    events = many_histories(2100, 40)  # 1400 events, each published twice
    await publish(infra.bootstrap_servers, events, times=2)
    on_topics = set(await event_ids_on_topics(infra.bootstrap_servers))
    settings = analytics_settings(analytics_land_batch=50, analytics_land_interval_s=0.05)
    first = serve_process(settings, tmp_path / "first.log")
    try:
        await eventually(lambda: first.landed() > 0, "the first batch to land", 60)
    finally:
        first.kill()
    landed_before = read_store(settings.analytics_db, "SELECT count(*) FROM events")[0][0]
    assert 0 < landed_before < len(on_topics), "killed before or after the stream, not in it"

    metrics_port = free_port()
    second = serve_process(settings, tmp_path / "second.log", STINT_METRICS_PORT=str(metrics_port))
    try:
        expected = await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
        async with httpx.AsyncClient() as client:
            metrics = (await client.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
        group = settings.analytics_group
        assert f'stint_consumer_events_total{{group="{group}",outcome="duplicate"}}' in metrics
        assert f'stint_consumer_lag{{group="{group}",partition=' in metrics
    finally:
        assert second.terminate() == 0, second.log.read_text()[-2000:]
    assert_each_event_once(settings.analytics_db, expected)
    counts = id_counts(settings.analytics_db, [e.event_id for e in events])
    assert len(counts) == len(events) and set(counts.values()) == {1}


async def test_a_replay_from_the_beginning_lands_nothing_twice(
    infra: TestInfra, analytics_settings: AnalyticsFactory
) -> None:
    history = march_history(2033)
    await publish(infra.bootstrap_servers, history.events)
    settings = analytics_settings()
    async with following(settings):
        expected = await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
    records = len(await event_ids_on_topics(infra.bootstrap_servers))
    # A new consumer group reads every topic from offset 0 into the same store.
    replay = analytics_settings(analytics_group=f"{settings.analytics_group}-replay")
    async with following(replay) as follower:
        await eventually(
            lambda: follower.landed.duplicates + follower.landed.events >= records,
            lambda: f"{records} records replayed (saw {follower.landed})",
            60,
        )
    assert (follower.landed.events, follower.landed.duplicates) == (0, records)
    assert_each_event_once(settings.analytics_db, expected)


async def test_events_published_while_it_runs_are_landed(
    infra: TestInfra, analytics_settings: AnalyticsFactory
) -> None:
    settings = analytics_settings()
    async with following(settings):
        history = march_history(2034)
        await publish(infra.bootstrap_servers, history.events)
        await wait_landed(settings.analytics_db, [e.event_id for e in history.events])


async def committed_offsets(bootstrap: str, group: str) -> dict[TopicPartition, int]:
    """The group's committed offsets on every partition of the platform's topics."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        described = await admin.describe_topics(list(topics.ALL))
        partitions = [
            TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]
        ]
        found = await admin.list_consumer_group_offsets(group, partitions=partitions)
        return {tp: meta.offset for tp, meta in found.items() if meta.offset >= 0}
    finally:
        await admin.close()


async def test_offsets_are_committed_only_once_a_batch_has_landed(
    infra: TestInfra, analytics_settings: AnalyticsFactory
) -> None:
    history = march_history(2035)
    await publish(infra.bootstrap_servers, history.events)
    settings = analytics_settings(analytics_lock_wait_s=0.2)
    await asyncio.to_thread(prepare_store, Context.from_settings(settings))
    holder = duckdb.connect(str(settings.analytics_db), read_only=True)  # the file is taken
    try:
        async with following(settings, prepare=False) as follower:
            await eventually(lambda: follower.failed_landings >= 2, "landings to fail", 30)
            assert await committed_offsets(infra.bootstrap_servers, settings.analytics_group) == {}
            holder.close()
            expected = await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
            await eventually(
                lambda: committed_offsets(infra.bootstrap_servers, settings.analytics_group),
                "offsets to be committed after the landing",
            )
    finally:
        holder.close()
    assert_each_event_once(settings.analytics_db, expected)
