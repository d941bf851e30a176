"""Consumer lag and outcomes on a service's /metrics, as Prometheus (and KEDA through
it) reads them, with a backlog whose size the test knows."""

from __future__ import annotations

import asyncio

import asyncpg
import httpx
from prometheus_client.parser import text_string_to_metric_families

from stint_devstack.infra import free_port
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.metrics import serve_metrics
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.consumer_setup import (
    event_message,
    produce,
    record_effect,
    running_consumer,
)
from tests.integration.runtime.outbox_events import PUBLISHED, listing_published
from tests.waiting import eventually

BACKLOG = 10


def _samples(text: str, name: str, **labels: str) -> dict[tuple[tuple[str, str], ...], float]:
    found: dict[tuple[tuple[str, str], ...], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and labels.items() <= sample.labels.items():
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


async def test_the_lag_of_a_backlog_is_exported_and_drains_to_zero(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    key = "lst-lag-1"  # one key: one partition
    await produce(
        migrated.kafka_bootstrap_servers,
        topic,
        [event_message(listing_published(key, n), key) for n in range(1, BACKLOG + 1)],
    )
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        entered.set()
        await release.wait()
        await record_effect(conn, event)

    metrics = serve_metrics("127.0.0.1", free_port())
    group = f"{migrated.service_name}-test"
    try:
        async with (
            running_consumer(migrated, pool, topic, {PUBLISHED: slow}),
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{metrics.port}") as http,
        ):

            async def lag() -> dict[tuple[tuple[str, str], ...], float]:
                text = (await http.get("/metrics")).text
                return _samples(text, "stint_consumer_lag", group=group, topic=topic)

            await eventually(entered.wait, "the first event to reach its handler")
            # Blocked on the first of the backlog: every one of them is still to handle.
            waiting = await eventually(lag, "the partition's lag on /metrics")
            assert list(waiting.values()) == [BACKLOG]
            release.set()

            async def drained() -> bool:
                return list((await lag()).values()) == [0]

            await eventually(drained, "the lag to drain to 0")
            text = (await http.get("/metrics")).text
            handled = _samples(text, "stint_consumer_events_total", group=group)
            assert handled[(("group", group), ("outcome", "handled"))] == BACKLOG
    finally:
        metrics.stop()
