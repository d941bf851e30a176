"""The contract both ways: the service's records and protobuf, and the gateway's JSON
and protobuf, agree on every field (defaults included)."""

from __future__ import annotations

from datetime import UTC, datetime

from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_gateway.schemas.notifications import ChannelChoiceJson, PreferencesIn
from stint_gateway.wire.notifications import (
    delivery_page_reply,
    notification_page_reply,
    preferences_message,
    preferences_reply,
)
from stint_notification.domain.preferences import ChannelChoice, Digest, Preferences
from stint_notification.domain.records import Notification
from stint_notification.wire import notification_message, preferences_from
from stint_notification.wire import preferences_message as pm


def test_preferences_round_trip_through_the_contract() -> None:
    prefs = Preferences(
        email=False,
        in_app=True,
        digest=Digest.WEEKLY,
        digest_hour=0,
        time_zone="Asia/Tokyo",
        types={"match.found": ChannelChoice(email=False, in_app=True, webhook=False)},
    )
    message = pm(prefs, "https://hooks.example.com", "")
    assert message.HasField("digest_hour") and message.digest_hour == 0
    assert preferences_from(message) == prefs


def test_an_empty_request_means_the_defaults() -> None:
    assert preferences_from(pb.Preferences(email=True, in_app=True)) == Preferences()


def test_the_gateway_maps_a_put_and_its_reply() -> None:
    body = PreferencesIn(
        email=True,
        in_app=False,
        digest="daily",
        time_zone="Europe/Berlin",
        types={"match.found": ChannelChoiceJson(email=False)},
        webhook_url="https://hooks.example.com/x",
        rotate_webhook_secret=True,
    )
    request = preferences_message(body)
    assert request.rotate_webhook_secret
    assert request.preferences.digest == pb.DIGEST_DAILY and request.preferences.digest_hour == 8
    reply = preferences_reply(request.preferences, "whsec_abc")
    assert (
        reply.webhook_secret == "whsec_abc" and reply.webhook_url == "https://hooks.example.com/x"
    )
    assert reply.types["match.found"] == ChannelChoiceJson(email=False, in_app=True, webhook=True)
    assert preferences_reply(pb.Preferences()).webhook_secret is None


def test_a_notification_page_as_json() -> None:
    n = Notification(
        id="0b7e8c34-8a8e-4a0e-9f5e-3b1f0c1d2e3f",
        recipient_id="r",
        sequence=3,
        type="match.found",
        title="t",
        body="b",
        data={"link": "/x"},
        created_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    page = api.NotificationPage(
        notifications=[notification_message(n)], next_cursor="", unread=1, last_sequence=3
    )
    found = notification_page_reply(page)
    assert found.next_cursor is None and found.unread == 1 and found.last_event_id == 3
    (item,) = found.items
    assert (item.sequence, item.read_at, item.data) == (3, None, {"link": "/x"})
    empty = delivery_page_reply(
        api.WebhookDeliveryPage(
            deliveries=[pb.WebhookDelivery(id=n.id, notification_id=n.id, url="u", attempt=1)]
        )
    )
    assert empty.items[0].status_code is None and empty.items[0].next_attempt_at is None
