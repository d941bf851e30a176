"""Webhooks as Standard Webhooks describes them: every delivery verifies with the
reference library, a failing receiver is tried again on the schedule until it answers,
410 Gone switches the endpoint off and tells its account in-app, a rotated secret signs
alongside the old one, and production refuses receivers inside the network."""

from __future__ import annotations

import ipaddress
import itertools
import json
import socket
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import grpc
import httpx
import pytest
from standardwebhooks import Webhook

from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_notification.commands.calling import call_receiver
from stint_notification.commands.choosing import choose
from stint_notification.commands.resolving import resolve
from stint_notification.context import Context
from stint_notification.domain.preferences import Preferences
from stint_notification.domain.records import WebhookDelivery
from stint_notification.domain.webhooks import WebhookEndpoint, new_secret
from stint_notification.settings import NotificationSettings
from stint_runtime.errors import InvalidArgument
from tests.integration.notification.conftest import SCHEDULE_S, acting_as, as_caller, told
from tests.integration.notification.feed import EventFeed, Person
from tests.integration.notification.receiver import Receiver, serving_receiver
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with serving_receiver() as serving:
        yield serving


async def set_webhook(
    notifications: Stub, person: Person, url: str, *, rotate: bool = False
) -> api.PreferencesReply:
    with acting_as(person):
        reply: api.PreferencesReply = await notifications.PutPreferences(
            api.PutPreferencesRequest(
                preferences=pb.Preferences(email=True, in_app=True, webhook_url=url),
                rotate_webhook_secret=rotate,
            )
        )
    return reply


async def a_match(feed: EventFeed, student: Person, title: str = "Churn dashboard") -> Any:
    owner = await feed.register("employer")
    listing = await feed.publish_listing(owner, title=title)
    return await feed.match(listing, student, ["You know Python, which it requires."])


def verified(received: Any, secret: str) -> dict[str, Any]:
    found: dict[str, Any] = Webhook(secret).verify(received.body, received.headers)
    return found


async def deliveries(notifications: Stub, person: Person) -> list[pb.WebhookDelivery]:
    with acting_as(person):
        page = await notifications.ListWebhookDeliveries(api.ListWebhookDeliveriesRequest())
    return list(page.deliveries)


async def test_every_delivery_verifies_with_the_reference_library(
    notifications: Stub, feed: EventFeed, receiver: Receiver
) -> None:
    student = await feed.register("student")
    reply = await set_webhook(notifications, student, f"{receiver.base_url}/hooks/a")
    secret = reply.webhook_secret
    assert secret.startswith("whsec_")
    assert reply.preferences.webhook_url == f"{receiver.base_url}/hooks/a"
    # Shown once: reading the preferences, or setting the same URL again, never shows it.
    assert (
        await set_webhook(notifications, student, f"{receiver.base_url}/hooks/a")
    ).webhook_secret == ""

    await a_match(feed, student, "First project")
    await a_match(feed, student, "Second project")
    (first, second) = await eventually(
        lambda: receiver.at("/hooks/a") if len(receiver.at("/hooks/a")) >= 2 else None,
        "two webhook deliveries",
    )
    found = await told(notifications, student, "match.found", 2)
    by_id = {n.id: n for n in found}
    for received in (first, second):
        body = verified(received, secret)
        assert received.headers["webhook-id"] == body["data"]["id"]
        assert body["type"] == "match.found"
        assert by_id[body["data"]["id"]].title == body["data"]["title"]
    with pytest.raises(Exception, match="signature"):
        Webhook(new_secret()).verify(first.body, first.headers)
    log = await deliveries(notifications, student)
    assert {(d.attempt, d.status_code) for d in log} == {(1, 200)}
    assert all(d.HasField("delivered_at") for d in log)


async def test_a_failing_receiver_is_retried_on_schedule_then_delivered(
    notifications: Stub, feed: EventFeed, receiver: Receiver
) -> None:
    student = await feed.register("student")
    secret = (await set_webhook(notifications, student, f"{receiver.base_url}/b")).webhook_secret
    receiver.answers = [500, 500]
    await a_match(feed, student)
    attempts = await eventually(
        lambda: receiver.at("/b") if len(receiver.at("/b")) >= 3 else None, "three attempts"
    )
    assert [a.answered for a in attempts] == [500, 500, 200]
    assert len({a.headers["webhook-id"] for a in attempts}) == 1
    for received in attempts:
        verified(received, secret)
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(attempts)]
    for gap, planned in zip(gaps, SCHEDULE_S, strict=False):
        # On schedule: never before it, and not much later (the sender looks every 0.1 s).
        assert planned <= gap < planned + 1.0, (gaps, SCHEDULE_S)

    log = await eventually(
        lambda: _when_logged(notifications, student, 3), "three attempts in the delivery log"
    )
    by_attempt = {d.attempt: d for d in log}
    assert [by_attempt[n].status_code for n in (1, 2, 3)] == [500, 500, 200]
    assert by_attempt[1].HasField("next_attempt_at") and by_attempt[1].error == "HTTP 500"
    assert by_attempt[3].HasField("delivered_at") and not by_attempt[3].HasField("next_attempt_at")
    assert len(receiver.at("/b")) == 3


async def _when_logged(notifications: Stub, person: Person, count: int) -> Any:
    log = await deliveries(notifications, person)
    return log if len(log) >= count else None


async def test_410_disables_the_endpoint_and_tells_the_account(
    notifications: Stub, feed: EventFeed, receiver: Receiver
) -> None:
    student = await feed.register("student")
    await set_webhook(notifications, student, f"{receiver.base_url}/gone")
    receiver.answers = [410]
    await a_match(feed, student)
    (notice,) = await told(notifications, student, "webhook.disabled")
    assert "410 Gone" in notice.body
    with acting_as(student):
        prefs = await notifications.GetPreferences(api.GetPreferencesRequest())
    assert prefs.webhook_disabled_reason == "answered 410 Gone"
    await a_match(feed, student, "After the 410")
    await told(notifications, student, "match.found", 2)
    assert len(receiver.at("/gone")) == 1  # nothing more once disabled
    (only,) = await deliveries(notifications, student)
    assert only.status_code == 410 and not only.HasField("next_attempt_at")


async def test_a_rotated_secret_signs_alongside_the_old_one(
    notifications: Stub, feed: EventFeed, receiver: Receiver
) -> None:
    student = await feed.register("student")
    old = (await set_webhook(notifications, student, f"{receiver.base_url}/r")).webhook_secret
    new = (
        await set_webhook(notifications, student, f"{receiver.base_url}/r", rotate=True)
    ).webhook_secret
    assert new.startswith("whsec_") and new != old
    await a_match(feed, student)
    (received,) = await eventually(lambda: receiver.at("/r") or None, "a delivery after rotation")
    assert len(received.headers["webhook-signature"].split(" ")) == 2
    assert verified(received, old) == verified(received, new)


def production_context(pool_settings: NotificationSettings) -> Context:
    settings = NotificationSettings(
        **{
            **pool_settings.model_dump(),
            "env": "production",
            "internal_secret": "p" * 40,
            "unsubscribe_secret": "u" * 40,
            "webhook_private_targets": None,
        }
    )
    assert not settings.private_targets_allowed
    return Context.from_settings(settings)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",
        "https://127.0.0.1/hook",
        "https://localhost:8443/hook",
        "https://10.20.30.40/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
    ],
)
async def test_production_refuses_receivers_inside_the_network(
    url: str, pool: asyncpg.Pool, notification_service: Any, feed: EventFeed
) -> None:
    ctx = production_context(notification_service.spec.settings)
    student = await feed.register("student")
    with pytest.raises(InvalidArgument) as refused:
        await choose(pool, ctx, as_caller(student), Preferences(), url, False)
    assert [e.loc for e in refused.value.errors] == [("webhook_url",)]


async def test_production_checks_the_address_again_before_each_attempt(
    notification_service: Any, receiver: Receiver
) -> None:
    """A name that resolved to a public address when it was set, and to a loopback one
    now, is not called: this machine's own name resolves to a loopback address."""
    ctx = production_context(notification_service.spec.settings)
    port = receiver.base_url.rsplit(":", 1)[1]
    host = socket.gethostname()
    addresses = await resolve(host, int(port))
    assert addresses and all(ipaddress.ip_address(a).is_loopback for a in addresses), addresses
    endpoint = WebhookEndpoint("e", "a", f"https://{host}:{port}/x", new_secret())
    delivery = WebhookDelivery("d", "e", "a", "n", "{}")
    async with httpx.AsyncClient() as client:
        status, error = await call_receiver(client, ctx, endpoint, delivery)
    assert status is None and error.startswith("refused: the host resolves to 127.")
    assert receiver.received == []
    # The same attempt under the test environment's rules reaches the receiver.
    endpoint = WebhookEndpoint("e", "a", f"http://{host}:{port}/x", new_secret())
    test_ctx = Context.from_settings(notification_service.spec.settings)
    async with httpx.AsyncClient() as client:
        status, _ = await call_receiver(client, test_ctx, endpoint, delivery)
    assert status == 200 and len(receiver.received) == 1
    assert json.loads(receiver.received[0].body) == {}


async def test_a_webhook_url_is_validated(notifications: Stub, feed: EventFeed) -> None:
    student = await feed.register("student")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await set_webhook(notifications, student, "ftp://example.com/x")
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
