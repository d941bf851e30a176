"""The whole platform behind the web app, started for real: listing, application,
matching, notification (with a real SMTP catcher) and reputation in a marketplace of
their own, the real gateway in front of them, the web app in front of the gateway
(uvicorn in this process), and Chromium driven by Playwright."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from playwright.async_api import Browser, async_playwright

from stint_runtime.service import RunningService
from stint_web.settings import WebSettings
from tests.integration import marketplace
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory, marketplace_of_its_own
from tests.integration.infra import TestInfra
from tests.integration.matching.conftest import start_matching
from tests.integration.notification.conftest import start_notification
from tests.integration.notification.mail import MailCatcher, start_catcher
from tests.integration.platform import Gateway, serving_gateway
from tests.integration.reputation.conftest import start_reputation
from tests.integration.web.browser import launch
from tests.integration.web.serving import WebApp, serving_web

listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client
public_api = marketplace.public_api


@pytest.fixture(scope="package")
async def service_settings(infra: TestInfra) -> AsyncIterator[SettingsFactory]:
    async with marketplace_of_its_own(infra) as make:
        yield make


@pytest.fixture(scope="package")
def mail() -> Iterator[MailCatcher]:
    with tempfile.TemporaryDirectory(prefix="stint-web-mail-") as root:
        catcher = start_catcher(Path(root))
        yield catcher
        catcher.stop()


@pytest.fixture(scope="package")
async def other_services(
    service_settings: SettingsFactory, clock: MovableClock, mail: MailCatcher
) -> AsyncIterator[dict[str, RunningService]]:
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
async def web(gateway: Gateway) -> AsyncIterator[WebApp]:
    settings = WebSettings(
        env="test",
        gateway_url=gateway.base_url,
        web_session_key=Fernet.generate_key().decode(),
        # Plain HTTP on 127.0.0.1: a Secure cookie would never be sent back.
        cookie_secure=False,
        http_port=0,
    )
    async with serving_web(settings) as running:
        yield running


@pytest.fixture(scope="package")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await launch(playwright)
        yield launched
        await launched.close()


@pytest.fixture
async def web_client(web: WebApp) -> AsyncIterator[httpx.AsyncClient]:
    """A plain HTTP client of the web app (no browser), for what a browser hides."""
    async with httpx.AsyncClient(base_url=web.base_url, timeout=15.0) as http:
        yield http
