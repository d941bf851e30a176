"""The notification service started for real once for this package (Postgres, broker,
gRPC on a free port, a real SMTP server keeping mail in a Maildir) on a clock the tests
can move; a feed of the other areas' events; clients that call it as anyone."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import asyncpg
import pytest

from stint.notification.v1 import notification_service_pb2 as api
from stint.notification.v1 import notification_service_pb2_grpc
from stint_notification.main import build_spec
from stint_notification.settings import NotificationSettings
from stint_runtime import identity, kafka
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService, start_service
from tests.integration import marketplace
from tests.integration.clock import MovableClock
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory, marketplace_of_its_own
from tests.integration.gateway.api import Account, Api
from tests.integration.infra import TestInfra
from tests.integration.notification.feed import EventFeed, Person
from tests.integration.notification.mail import MailCatcher, start_catcher
from tests.integration.platform import (
    Gateway,
    joined,
    serving_gateway,
)
from tests.waiting import eventually

# The marketplace under this package's gateway: fixtures pytest finds by name.
listing_service = marketplace.listing_service
application_service = marketplace.application_service
client = marketplace.client
public_api = marketplace.public_api


if TYPE_CHECKING:
    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )

# Webhook retries a second apart instead of hours: the schedule's shape, shortened.
SCHEDULE_S = (0.3, 0.6, 1.2)


@pytest.fixture(scope="package")
async def service_settings(infra: TestInfra) -> AsyncIterator[SettingsFactory]:
    """This package's services in a marketplace of their own: notifications tell of this
    package's listings and applications alone, not every earlier package's."""
    async with marketplace_of_its_own(infra) as make:
        yield make


def notification_settings(
    service_settings: SettingsFactory, smtp_port: int, **overrides: Any
) -> NotificationSettings:
    values: dict[str, Any] = {
        **service_settings("notification").model_dump(),
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp_port,
        "delivery_interval_s": 0.1,
        "sweep_interval_s": 0.2,
        "mail_retry_base_s": 0.2,
        "mail_retry_cap_s": 1.0,
        "send_lease_s": 3.0,
        "webhook_schedule_s": SCHEDULE_S,
        "webhook_timeout_s": 2.0,
        "stream_poll_s": 1.0,
    }
    return NotificationSettings(**{**values, **overrides})


async def start_notification(
    service_settings: SettingsFactory, clock: MovableClock, smtp_port: int, **overrides: Any
) -> RunningService:
    settings = notification_settings(service_settings, smtp_port, **overrides)
    return await joined(await start_service(build_spec(settings, clock)))


@contextmanager
def acting_as(person: Person | Caller) -> Iterator[None]:
    """Calls made inside the block carry the person's signed identity."""
    caller = person if isinstance(person, Caller) else as_caller(person)
    before = identity.current_caller()
    identity.set_current_caller(caller)
    try:
        yield
    finally:
        identity.set_current_caller(before)


def as_caller(person: Person) -> Caller:
    role = "employer" if person.organization_id else "student"
    return Caller(person.id, role, person.organization_id or None)  # type: ignore[arg-type]


@pytest.fixture(scope="package")
def mail() -> Iterator[MailCatcher]:
    with tempfile.TemporaryDirectory(prefix="stint-mail-") as root:
        catcher = start_catcher(Path(root))
        yield catcher
        catcher.stop()


@pytest.fixture(scope="package")
async def notification_service(
    service_settings: SettingsFactory, clock: MovableClock, mail: MailCatcher
) -> AsyncIterator[RunningService]:
    running = await start_notification(service_settings, clock, mail.port)
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def notifications(notification_service: RunningService) -> AsyncIterator[Stub]:
    address = f"127.0.0.1:{notification_service.grpc_port}"
    async with open_channel(address, INTERNAL_SECRET) as channel:
        yield notification_service_pb2_grpc.NotificationServiceStub(channel)


@pytest.fixture(scope="package")
async def feed(service_settings: SettingsFactory) -> AsyncIterator[EventFeed]:
    producer = kafka.make_producer(service_settings("listing"))
    await producer.start()
    try:
        yield EventFeed(producer)
    finally:
        await producer.stop()


@pytest.fixture
def pool(notification_service: RunningService) -> asyncpg.Pool:
    return notification_service.pool


async def inbox_of(notifications: Stub, person: Person, **query: Any) -> api.NotificationPage:
    with acting_as(person):
        page: api.NotificationPage = await notifications.ListNotifications(
            api.ListNotificationsRequest(**query)
        )
        return page


async def told(
    notifications: Stub, person: Person, type_name: str, count: int = 1, timeout_s: float = 15
) -> list[Any]:
    """The person's notifications of ``type_name``, once there are ``count`` of them."""
    seen: list[Any] = []

    async def probe() -> list[Any] | None:
        page = await inbox_of(notifications, person)
        seen[:] = [n for n in page.notifications if n.type == type_name]
        return list(seen) if len(seen) >= count else None

    return await eventually(
        probe, lambda: f"{count} {type_name} for {person.id} (have {len(seen)})", timeout_s
    )


async def known(pool: asyncpg.Pool, person: Person) -> None:
    """Wait until the service knows the person's account (their identity event)."""
    await eventually(
        lambda: pool.fetchval("SELECT true FROM accounts WHERE account_id = $1", person.id),
        f"the account {person.id} to be known",
    )


# The public API: the real gateway in front of the listing, application and
# notification services (started only for the tests that ask for them).


@pytest.fixture(scope="package")
async def gateway(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    notification_service: RunningService,
) -> AsyncIterator[Gateway]:
    async with serving_gateway(
        service_settings,
        listing=listing_service.grpc_port,
        application=application_service.grpc_port,
        notification=notification_service.grpc_port,
    ) as running:
        yield running


async def notices(api: Api, who: Account, type_name: str, count: int = 1) -> list[dict[str, Any]]:
    """``who``'s notifications of ``type_name`` through the gateway, once ``count`` exist."""
    seen: list[dict[str, Any]] = []

    async def probe() -> list[dict[str, Any]] | None:
        reply = await api.call("GET", "/v1/me/notifications?limit=100", who)
        assert reply.status_code == 200, reply.text
        seen[:] = [n for n in reply.json()["items"] if n["type"] == type_name]
        return list(seen) if len(seen) >= count else None

    return await eventually(
        probe, lambda: f"{count} {type_name} for {who.id} (have {len(seen)})", 20
    )
