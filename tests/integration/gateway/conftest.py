"""The public API through the real gateway, with the listing and application services
behind it, started once for this package (on a clock the tests can move), and clients
that call it as anyone."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from stint_runtime.service import RunningService
from tests.integration import marketplace
from tests.integration.conftest import SettingsFactory
from tests.integration.platform import Gateway, serving_gateway

# The marketplace under this package's gateway: fixtures pytest finds by name.
listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client
public_api = marketplace.public_api


@pytest.fixture(scope="package")
async def gateway(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
) -> AsyncIterator[Gateway]:
    async with serving_gateway(
        service_settings,
        listing=listing_service.grpc_port,
        application=application_service.grpc_port,
    ) as running:
        yield running
