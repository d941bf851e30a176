"""The matching service started for real once for this package (Postgres, broker, gRPC
on a free port), with the listing and application services and the real gateway in
front of all three, so that profiles, listings, applications and their events travel
the platform's own paths."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import pytest

from stint.matching.v1 import matching_service_pb2_grpc
from stint_matching.main import build_spec as matching_spec
from stint_matching.settings import MatchingSettings
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService, start_service
from tests.integration import marketplace
from tests.integration.clock import MovableClock
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory, marketplace_of_its_own
from tests.integration.infra import TestInfra
from tests.integration.platform import (
    Gateway,
    joined,
    serving_gateway,
)

# The marketplace under this package's gateway: fixtures pytest finds by name.
listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client
public_api = marketplace.public_api


if TYPE_CHECKING:
    from stint.matching.v1.matching_service_pb2_grpc import MatchingServiceAsyncStub as Stub


@pytest.fixture(scope="package")
async def service_settings(infra: TestInfra) -> AsyncIterator[SettingsFactory]:
    """This package's services in a marketplace of their own: recommendations and candidates
    rank this package's listings and applications alone, not every earlier package's."""
    async with marketplace_of_its_own(infra) as make:
        yield make


def matching_settings(service_settings: SettingsFactory, **overrides: Any) -> MatchingSettings:
    # The index catches up at least every 0.1 s: tests wait for events, not for timers.
    values: dict[str, Any] = {**service_settings("matching").model_dump(), "index_staleness_s": 0.1}
    return MatchingSettings(**{**values, **overrides})


async def start_matching(
    service_settings: SettingsFactory, clock: MovableClock, **overrides: Any
) -> RunningService:
    settings = matching_settings(service_settings, **overrides)
    return await joined(await start_service(matching_spec(settings, clock)))


@pytest.fixture(scope="package")
async def matching_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_matching(service_settings, clock)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def matching(matching_service: RunningService) -> AsyncIterator[Stub]:
    address = f"127.0.0.1:{matching_service.grpc_port}"
    async with open_channel(address, INTERNAL_SECRET) as channel:
        yield matching_service_pb2_grpc.MatchingServiceStub(channel)


@pytest.fixture(scope="package")
async def gateway(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    matching_service: RunningService,
) -> AsyncIterator[Gateway]:
    async with serving_gateway(
        service_settings,
        listing=listing_service.grpc_port,
        application=application_service.grpc_port,
        matching=matching_service.grpc_port,
    ) as running:
        yield running
