"""The application service started for real once for this package (Postgres, broker,
gRPC on a free port) with a clock the tests can move, a client that calls it as a
chosen caller, and a feed of listing events produced as the listing service's relay
produces them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from stint.application.v1 import application_service_pb2_grpc
from stint_runtime import identity, kafka
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService
from tests.integration.application.feed import ListingFeed
from tests.integration.clock import MovableClock
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory
from tests.integration.platform import start_application

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


@contextmanager
def acting_as(caller: Caller | None) -> Iterator[None]:
    """Calls made inside the block carry ``caller``'s signed identity."""
    identity.set_current_caller(caller)
    try:
        yield
    finally:
        identity.set_current_caller(None)


def student() -> Caller:
    return Caller(str(uuid.uuid4()), "student")


def employer(organization_id: str | None = None) -> Caller:
    return Caller(str(uuid.uuid4()), "employer", organization_id or str(uuid.uuid4()))


@pytest.fixture(scope="package")
async def application_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_application(service_settings, clock)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def applications(application_service: RunningService) -> AsyncIterator[Stub]:
    address = f"127.0.0.1:{application_service.grpc_port}"
    async with open_channel(address, INTERNAL_SECRET) as channel:
        yield application_service_pb2_grpc.ApplicationServiceStub(channel)


@pytest.fixture(scope="package")
async def feed(
    service_settings: SettingsFactory, application_service: RunningService
) -> AsyncIterator[ListingFeed]:
    producer = kafka.make_producer(service_settings("listing"))
    await producer.start()
    try:
        yield ListingFeed(producer, pool=application_service.pool)
    finally:
        await producer.stop()
