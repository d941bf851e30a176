"""The reputation service alone, started once for this package, fed with events as
its producers publish them, called over real gRPC as any caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from stint.reputation.v1 import reputation_service_pb2_grpc
from stint_reputation.domain.signing import SigningKey
from stint_runtime import kafka
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory
from tests.integration.reputation.conftest import start_reputation
from tests.integration.reputation.service.feed import EventFeed

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )

FIRST_KEY = SigningKey.generate()


@pytest.fixture(scope="package")
async def reputation_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_reputation(service_settings, clock, FIRST_KEY)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def reputation(reputation_service: RunningService) -> AsyncIterator[Stub]:
    address = f"127.0.0.1:{reputation_service.grpc_port}"
    async with open_channel(address, INTERNAL_SECRET) as channel:
        yield reputation_service_pb2_grpc.ReputationServiceStub(channel)


@pytest.fixture(scope="package")
async def feed(
    service_settings: SettingsFactory, reputation_service: RunningService
) -> AsyncIterator[EventFeed]:
    producer = kafka.make_producer(service_settings("application"))
    await producer.start()
    try:
        yield EventFeed(producer, pool=reputation_service.pool)
    finally:
        await producer.stop()
