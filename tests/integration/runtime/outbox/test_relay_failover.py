"""Two relays of one service in two processes: one publishes, the other stands by and
takes over when the leader is killed, losing and reordering nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from stint_runtime import kafka
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.outbox_events import enqueue, listing_published, unsent_count
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually

ROOT = Path(__file__).resolve().parents[4]
KEYS = [f"lst-failover-{n}" for n in range(5)]
EVENTS_PER_KEY = 40
KILL_AFTER = 80
LEADING = "outbox relay leadership acquired"
STANDING_BY = "outbox relay on standby"

LOCK_HOLDER_PID = """
SELECT pid FROM pg_locks
 WHERE locktype = 'advisory' AND granted AND objsubid = 1
   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND classid = ((hashtext($1)::bigint >> 32) & 4294967295)::oid
   AND objid = (hashtext($1)::bigint & 4294967295)::oid
"""


LOCK_HOLDERS = f"SELECT count(*) FROM ({LOCK_HOLDER_PID}) AS holders"


class RelayProcess:
    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log

    def logged(self, text: str) -> bool:
        return text in self.log.read_text()


@asynccontextmanager
async def relay_process(settings: ServiceSettings, log: Path) -> AsyncIterator[RelayProcess]:
    env = {
        **os.environ,
        "STINT_ENV": "test",
        "STINT_SERVICE_NAME": settings.service_name,
        "STINT_DATABASE_URL": settings.database_url,
        "STINT_DATABASE_SCHEMA": settings.database_schema,
        "STINT_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
        "STINT_INTERNAL_SECRET": settings.internal_secret,
        "STINT_OUTBOX_POLL_INTERVAL_S": "0.2",
        "STINT_SHUTDOWN_GRACE_S": "3",
    }
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.runtime.relay_runner",
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
        )
    try:
        yield RelayProcess(process, log)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_the_standby_takes_over_from_a_killed_leader_losing_nothing(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str, tmp_path: Path
) -> None:
    lock = f"stint.relay.{migrated.database_schema}"

    async def holders() -> int:
        return int(await pool.fetchval(LOCK_HOLDERS, lock))

    async with (
        relay_process(migrated, tmp_path / "first.log") as first,
        relay_process(migrated, tmp_path / "second.log") as second,
    ):
        both = (first, second)
        await eventually(
            lambda: (
                any(r.logged(LEADING) for r in both) and any(r.logged(STANDING_BY) for r in both)
            ),
            "one relay leading and one standing by",
            timeout_s=30,
        )
        leader, standby = (first, second) if first.logged(LEADING) else (second, first)
        assert not standby.logged(LEADING)
        assert await holders() == 1

        expected: dict[str, list[str]] = defaultdict(list)
        for n in range(EVENTS_PER_KEY * len(KEYS)):
            key = KEYS[n % len(KEYS)]
            event_id = await enqueue(pool, migrated, topic, key, listing_published(key, n))
            expected[key].append(str(event_id))
            if n + 1 == KILL_AFTER:
                await eventually(
                    _published_some(pool, KILL_AFTER), "the leader to publish", timeout_s=10
                )
                assert not standby.logged(LEADING), "two relays led at once"
                leader.process.send_signal(signal.SIGKILL)

        await eventually(lambda: standby.logged(LEADING), "the takeover", timeout_s=20)
        await eventually(_all_sent(pool), "every row to be marked sent", timeout_s=30)
        assert await holders() == 1

        total = EVENTS_PER_KEY * len(KEYS)
        async with TopicReader(migrated.kafka_bootstrap_servers, topic) as reader:
            records = await reader.wait_for(total, timeout_s=30)
            await eventually(
                lambda: _event_ids(reader.records) >= _all(expected),
                "every event on the topic",
                timeout_s=20,
            )
            records = list(reader.records)

        firsts: dict[str, list[str]] = defaultdict(list)
        seen: set[str] = set()
        for record in records:
            event_id = dict(record.headers)["event_id"].decode()
            if event_id not in seen:
                seen.add(event_id)
                firsts[record.key.decode()].append(event_id)
        # Duplicates are allowed (at least once); the first copies keep the key's order.
        assert dict(firsts) == dict(expected)

        standby.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            assert await standby.process.wait() == 0
        assert await holders() == 0


def _all(expected: dict[str, list[str]]) -> set[str]:
    return {e for ids in expected.values() for e in ids}


def _event_ids(records: list[object]) -> set[str]:
    return {dict(r.headers)["event_id"].decode() for r in records}  # type: ignore[attr-defined]


def _published_some(pool: asyncpg.Pool, enqueued: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await unsent_count(pool) < enqueued

    return check


def _all_sent(pool: asyncpg.Pool) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await unsent_count(pool) == 0

    return check


async def test_a_relay_whose_lock_connection_dies_leads_again_and_publishes(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    lock = f"stint.relay.{migrated.database_schema}"
    relay = OutboxRelay(migrated, pool, lambda: kafka.make_producer(migrated))
    task = asyncio.create_task(relay.run())
    try:
        await eventually(lambda: relay.is_leader, "the relay to lead", timeout_s=10)
        holder = await pool.fetchval(LOCK_HOLDER_PID, lock)
        assert holder is not None
        assert await pool.fetchval("SELECT pg_terminate_backend($1)", holder)

        async def led_again() -> bool:
            pid = await pool.fetchval(LOCK_HOLDER_PID, lock)
            return pid is not None and pid != holder and relay.is_leader

        await eventually(led_again, "the relay to take its lock again", timeout_s=10)
        async with TopicReader(migrated.kafka_bootstrap_servers, topic) as reader:
            event_id = await enqueue(pool, migrated, topic, "lst-relock", listing_published("x"))
            (record,) = await reader.wait_for(1)
        assert dict(record.headers)["event_id"].decode() == str(event_id)
    finally:
        await relay.stop()
        await task
