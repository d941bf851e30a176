"""The application service started for real once for this package (Postgres, broker,
gRPC on a free port) with a clock the tests can move, a client that calls it as a
chosen caller, and a feed of listing events produced as the listing service's relay
produces them."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx
import pytest

from stint.application.v1 import application_service_pb2_grpc
from stint_application.main import build_spec
from stint_application.settings import ApplicationSettings
from stint_listing.main import build_spec as build_listing_spec
from stint_listing.settings import ListingSettings
from stint_runtime import identity, kafka
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService, start_service
from tests.integration.application.feed import ListingFeed
from tests.integration.application.stack import Api, gateway_app, serve
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory
from tests.integration.waiting import eventually

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


class MovableClock:
    """The real time plus an offset a test moves forward (and the fixture resets)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


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


def application_settings(
    service_settings: SettingsFactory, **overrides: object
) -> ApplicationSettings:
    base = service_settings("application")
    # Sweeps every 0.2 s: the deadline tests wait for the job, not for a timer.
    values: dict[str, object] = {**base.model_dump(), "sweep_interval_s": 0.2}
    values.update(overrides)
    return ApplicationSettings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="package")
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def moved_clock(clock: MovableClock) -> Iterator[MovableClock]:
    """The package's clock, put back to the real time after the test."""
    yield clock
    clock.offset = timedelta()


@pytest.fixture(scope="package")
async def application_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_service(build_spec(application_settings(service_settings), clock))
    await eventually(_assigned(running), "the listing-events consumer to get its partitions")
    yield running
    await running.stop()


def _assigned(running: RunningService) -> Callable[[], Awaitable[bool | None]]:
    async def probe() -> bool | None:
        return True if all(c.assigned for c in running.consumers) else None

    return probe


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
        yield ListingFeed(producer, application_service.pool)
    finally:
        await producer.stop()


@pytest.fixture(scope="package")
async def listing_service(service_settings: SettingsFactory) -> AsyncIterator[RunningService]:
    base = service_settings("listing")
    settings = ListingSettings(**base.model_dump())
    running = await start_service(build_listing_spec(settings))
    await eventually(_assigned(running), "the listing service's consumer to get partitions")
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def gateway_url(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
) -> AsyncIterator[str]:
    app = gateway_app(
        service_settings("gateway").model_dump(),
        listing_service.grpc_port,
        application_service.grpc_port,
    )
    server, task, port = await serve(app)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await asyncio.wait_for(task, 30)


@pytest.fixture
async def public_api(gateway_url: str) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=gateway_url, timeout=15.0) as http:
        yield Api(http)
