"""The marketplace every public-API test package stands on, as fixtures: the listing
and application services (once per package, the application service on the clock the
tests can move) and clients of the package's own ``gateway`` fixture, which names the
services behind it. A package's conftest imports the ones it uses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.gateway.api import Api
from tests.integration.platform import Gateway, start_application, start_listing

__all__ = ["application_service", "client", "listing_service", "public_api"]


@pytest.fixture(scope="package")
async def listing_service(service_settings: SettingsFactory) -> AsyncIterator[RunningService]:
    running = await start_listing(service_settings)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def application_service(
    service_settings: SettingsFactory, clock: MovableClock
) -> AsyncIterator[RunningService]:
    running = await start_application(service_settings, clock)
    yield running
    await running.stop()


@pytest.fixture
async def client(gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http:
        yield http


@pytest.fixture
def public_api(client: httpx.AsyncClient) -> Api:
    return Api(client)
