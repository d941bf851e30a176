"""The public API through the real gateway, with the listing, application and
reputation services behind it, started once for this package on a clock the tests
can move."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from stint_reputation.domain.signing import SigningKey
from stint_runtime.service import RunningService
from tests.integration import marketplace
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.platform import Gateway, serving_gateway
from tests.integration.reputation.api.journeys import Journeys
from tests.integration.reputation.conftest import start_reputation

# The marketplace under this package's gateway: fixtures pytest finds by name.
listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client


KEY = SigningKey.generate()


@pytest.fixture(scope="package")
async def reputation_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_reputation(service_settings, clock, KEY)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def gateway(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    reputation_service: RunningService,
) -> AsyncIterator[Gateway]:
    async with serving_gateway(
        service_settings,
        listing=listing_service.grpc_port,
        application=application_service.grpc_port,
        reputation=reputation_service.grpc_port,
    ) as running:
        yield running


@pytest.fixture
def journeys(client: httpx.AsyncClient) -> Journeys:
    return Journeys(client)
