"""The DLQ command line: list shows a dead letter; replay re-delivers it, and a handler
that works again handles it."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import asyncpg

from stint_runtime import dlq
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.consumer_setup import (
    effect_ids,
    event_message,
    produce,
    record_effect,
    running_consumer,
)
from tests.integration.runtime.outbox_events import PUBLISHED, listing_published
from tests.waiting import eventually

ROOT = Path(__file__).resolve().parents[4]


async def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "stint_runtime.dlq",
        *args,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_a_listed_dead_letter_is_handled_after_its_replay(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    bootstrap = migrated.kafka_bootstrap_servers
    broken = True

    async def flaky(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        if broken:
            raise ValueError("projection table is missing")
        await record_effect(conn, event)

    key = "lst-dlq-cli"
    message = event_message(listing_published(key, 1), key)
    event_id = dict(message[2])["event_id"].decode()
    async with running_consumer(migrated, pool, topic, {PUBLISHED: flaky}):
        await produce(bootstrap, topic, [message])

        async def dead_lettered() -> bool:
            letters = await dlq.read_dead_letters(bootstrap, topic, idle_s=0.3)
            return any(letter.event_id == event_id for letter in letters)

        await eventually(dead_lettered, "the dead letter in the list", timeout_s=30)
        code, out, err = await cli(
            "list",
            "--topic",
            topic,
            "--idle-timeout",
            "0.5",
            env={"STINT_KAFKA_BOOTSTRAP_SERVERS": bootstrap},
        )
        assert code == 0, err
        (line,) = out.splitlines()
        assert event_id in line and PUBLISHED in line and f"{topic}/" in line
        assert "ValueError: projection table is missing" in line
        assert "1 dead letter(s)" in err
        assert await effect_ids(pool) == []

        broken = False
        code, out, err = await cli(
            "replay",
            "--topic",
            topic,
            "--event-id",
            event_id,
            "--bootstrap",
            bootstrap,
            "--idle-timeout",
            "0.5",
        )
        assert code == 0, err
        assert out.strip() == f"replayed {event_id} to {topic}"

        async def handled() -> bool:
            return await effect_ids(pool) == [event_id]

        await eventually(handled, "the replayed event to be handled", timeout_s=20)

    code, _, err = await cli(
        "replay",
        "--topic",
        topic,
        "--event-id",
        "no-such-id",
        "--bootstrap",
        bootstrap,
        "--idle-timeout",
        "0.5",
    )
    assert code == 1 and "no dead letter with event id no-such-id" in err
    code, _, err = await cli("list", "--topic", topic, "--bootstrap", "127.0.0.1:1")
    assert code == 2 and "broker error" in err
