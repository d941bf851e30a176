"""A relay of the test service's outbox, running for the test (the broker-outage tests
make their own, with short producer timeouts)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from stint_runtime import kafka
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings


@pytest.fixture
async def relay(migrated: ServiceSettings, pool: asyncpg.Pool) -> AsyncIterator[OutboxRelay]:
    running = OutboxRelay(migrated, pool, lambda: kafka.make_producer(migrated))
    task = asyncio.create_task(running.run())
    yield running
    await running.stop()
    await task
