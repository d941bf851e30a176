"""The whole platform for the contract fuzzer: listing, application, matching,
notification (with a real SMTP catcher) and reputation, started for real in a
marketplace of their own (the fuzzer fills it with accounts and listings no other
package should see), the real gateway in front of all five, and one employer, one
student and one institution signed in through the public API."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from stint_runtime.service import RunningService
from tests.integration import marketplace
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory, marketplace_of_its_own
from tests.integration.gateway.api import sign_up
from tests.integration.infra import TestInfra
from tests.integration.matching.conftest import start_matching
from tests.integration.notification.conftest import start_notification
from tests.integration.notification.mail import MailCatcher, start_catcher
from tests.integration.platform import Gateway, serving_gateway
from tests.integration.reputation.conftest import start_reputation

listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client

ROLES = ("employer", "student", "institution")


@pytest.fixture(scope="package")
async def service_settings(infra: TestInfra) -> AsyncIterator[SettingsFactory]:
    async with marketplace_of_its_own(infra) as make:
        yield make


@pytest.fixture(scope="package")
def mail() -> Iterator[MailCatcher]:
    with tempfile.TemporaryDirectory(prefix="stint-contract-mail-") as root:
        catcher = start_catcher(Path(root))
        yield catcher
        catcher.stop()


@pytest.fixture(scope="package")
async def other_services(
    service_settings: SettingsFactory, clock: MovableClock, mail: MailCatcher
) -> AsyncIterator[dict[str, RunningService]]:
    """Matching, notification and reputation, for the routes that call them."""
    started: dict[str, RunningService] = {}
    try:
        started["matching"] = await start_matching(service_settings, clock)
        started["notification"] = await start_notification(service_settings, clock, mail.port)
        started["reputation"] = await start_reputation(service_settings, clock)
        yield started
    finally:
        for running in reversed(started.values()):
            await running.stop()


@pytest.fixture(scope="package")
async def gateway(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    other_services: dict[str, RunningService],
) -> AsyncIterator[Gateway]:
    ports = {name: running.grpc_port for name, running in other_services.items()}
    async with serving_gateway(
        service_settings,
        listing=listing_service.grpc_port,
        application=application_service.grpc_port,
        **ports,
    ) as running:
        yield running


@pytest.fixture(scope="package")
async def tokens(gateway: Gateway) -> dict[str, str]:
    """A signed-in person of every role, by role: the fuzzer calls as them."""
    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http:
        return {role: (await sign_up(http, role))[1] for role in ROLES}
