"""The analytics service against the session's real broker and topics, landing into a
real DuckDB file per test; events published onto the topics as the relays do."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from aiokafka import AIOKafkaProducer

from stint_analytics.commands.landing import prepare_store
from stint_analytics.context import Context
from stint_analytics.handlers.following import EventFollower
from stint_analytics.settings import AnalyticsSettings
from stint_devstack import provision
from tests.integration.analytics.history import Scripted
from tests.integration.analytics.stream import event_ids_on_topics
from tests.integration.infra import TestInfra, unique_name
from tests.waiting import eventually

AnalyticsFactory = Callable[..., AnalyticsSettings]

# Until the package is installed with the others, a process of its own finds it here.
ANALYTICS_PACKAGE = Path(__file__).resolve().parents[3] / "services" / "analytics"


@pytest.fixture
def analytics_settings(
    infra: TestInfra, service_dbs: dict[str, provision.ServiceDatabase], tmp_path: Path
) -> AnalyticsFactory:
    """Settings of an analytics service of its own: a fresh store file and group."""
    group = unique_name("analytics")

    def make(**overrides: Any) -> AnalyticsSettings:
        values: dict[str, Any] = {
            "env": "test",
            "kafka_bootstrap_servers": infra.bootstrap_servers,
            "analytics_db": tmp_path / "analytics.duckdb",
            "analytics_group": group,
            "analytics_land_interval_s": 0.1,
            "analytics_lock_wait_s": 10.0,
            "shutdown_grace_s": 2.0,
        }
        return AnalyticsSettings(**{**values, **overrides})

    return make


@asynccontextmanager
async def following(
    settings: AnalyticsSettings, *, prepare: bool = True
) -> AsyncIterator[EventFollower]:
    """``serve``'s consumer in this process, once it has its partitions."""
    ctx = Context.from_settings(settings)
    if prepare:
        await asyncio.to_thread(prepare_store, ctx)
    follower = EventFollower(settings, ctx)
    task = asyncio.create_task(follower.run())
    try:
        await eventually(lambda: follower.assigned or task.done(), "the follower to join", 30)
        if task.done():
            task.result()
        yield follower
    finally:
        await follower.stop()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def publish(bootstrap: str, events: Iterable[Scripted], times: int = 1) -> None:
    """Each event ``times`` times (a redelivery is the same record again)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        for _ in range(times):
            sent = [
                await producer.send(
                    e.topic, e.message.SerializeToString(), key=e.key.encode(), headers=e.headers()
                )
                for e in events
            ]
            await asyncio.gather(*sent)
    finally:
        await producer.stop()


def read_store(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """A query of the store, waiting while a writer holds the file."""
    from stint_analytics.store.connection import opened

    with opened(path, read_only=True, wait_s=10.0) as conn:
        return conn.execute(sql, params or []).fetchall()


def id_counts(path: Path, ids: Iterable[str], table: str = "events") -> dict[str, int]:
    """How often each of ``ids`` is in ``table``."""
    rows = read_store(
        path,
        f"SELECT event_id::VARCHAR, count(*) FROM {table} "
        "WHERE event_id IN (SELECT unnest($1::UUID[])) GROUP BY ALL",
        [list(ids)],
    )
    return {event_id: n for event_id, n in rows}


async def wait_landed(path: Path, ids: Iterable[str], timeout_s: float = 60.0) -> None:
    wanted = set(ids)
    seen: dict[str, int] = {}

    async def probe() -> bool:
        nonlocal seen
        if not path.exists():
            return False
        try:
            seen = await asyncio.to_thread(id_counts, path, wanted)
        except duckdb.Error:
            return False
        return set(seen) == wanted

    await eventually(
        probe, lambda: f"{len(wanted)} events in the store (found {len(seen)})", timeout_s
    )


async def wait_caught_up(path: Path, bootstrap: str) -> set[str]:
    """Waits until the store holds every event now on the topics; returns their ids."""
    on_topics = set(await event_ids_on_topics(bootstrap))
    await wait_landed(path, on_topics)
    return on_topics


def assert_each_event_once(path: Path, expected: set[str]) -> None:
    """The store holds exactly ``expected``, each once in ``events`` and once in the
    typed table of its type."""
    rows = read_store(path, "SELECT event_id::VARCHAR, event_type FROM events")
    ids = [event_id for event_id, _ in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == expected, f"{len(set(ids) ^ expected)} ids differ"
    tables = read_store(path, "SELECT event_type, schema_name, table_name FROM typed_tables")
    for event_type, schema, table in tables:
        sql = f'SELECT event_id::VARCHAR FROM "{schema}"."{table}"'
        typed = [r[0] for r in read_store(path, sql)]
        assert len(typed) == len(set(typed)), f"{event_type}: an event twice"
        assert set(typed) == {i for i, t in rows if t == event_type}, event_type


@dataclass
class ServeProcess:
    """``python -m stint_analytics serve``, a real process of its own."""

    process: subprocess.Popen[bytes]
    log: Path

    def lines(self) -> list[dict[str, Any]]:
        found = []
        for line in self.log.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
        return found

    def landed(self) -> int:
        return sum(int(e.get("events", 0)) for e in self.lines() if e.get("msg") == "landed")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def serve_process(settings: AnalyticsSettings, log: Path, **extra: str) -> ServeProcess:
    """Started with ``settings`` as its STINT_* environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(ANALYTICS_PACKAGE), env.get("PYTHONPATH", "")]),
            "PYTHONUNBUFFERED": "1",
            "STINT_ENV": settings.env,
            "STINT_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
            "STINT_ANALYTICS_DB": str(settings.analytics_db),
            "STINT_ANALYTICS_GROUP": settings.analytics_group,
            "STINT_ANALYTICS_LAND_BATCH": str(settings.analytics_land_batch),
            "STINT_ANALYTICS_LAND_INTERVAL_S": str(settings.analytics_land_interval_s),
            "STINT_SHUTDOWN_GRACE_S": str(settings.shutdown_grace_s),
            **extra,
        }
    )
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "stint_analytics", "serve"],
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    handle.close()
    return ServeProcess(process, log)
