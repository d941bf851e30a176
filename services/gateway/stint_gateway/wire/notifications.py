"""Notifications, preferences and webhook deliveries between the public JSON and the
notification service's protobuf messages."""

from __future__ import annotations

import json
from uuid import UUID

from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_gateway.schemas.notifications import (
    ChannelChoiceJson,
    Digest,
    NotificationJson,
    NotificationPage,
    PreferencesIn,
    PreferencesOut,
    WebhookDeliveryJson,
    WebhookDeliveryPage,
)
from stint_runtime.timestamps import from_timestamp

__all__ = [
    "delivery_page_reply",
    "notification_data",
    "notification_page_reply",
    "notification_reply",
    "preferences_message",
    "preferences_reply",
]

_DIGESTS: dict[Digest, pb.Digest.ValueType] = {
    "immediate": pb.DIGEST_IMMEDIATE,
    "daily": pb.DIGEST_DAILY,
    "weekly": pb.DIGEST_WEEKLY,
}
_DIGESTS_BACK: dict[int, Digest] = {v: k for k, v in _DIGESTS.items()}


def notification_reply(m: pb.Notification) -> NotificationJson:
    return NotificationJson(
        id=UUID(m.id),
        type=m.type,
        title=m.title,
        body=m.body,
        data=dict(m.data),
        created_at=from_timestamp(m.created_at),
        read_at=from_timestamp(m.read_at) if m.HasField("read_at") else None,
        sequence=m.sequence,
    )


def notification_data(m: pb.Notification) -> str:
    """The ``data:`` of a live-stream event: the notification as the inbox shows it."""
    return json.dumps(notification_reply(m).model_dump(mode="json"), separators=(",", ":"))


def notification_page_reply(page: api.NotificationPage) -> NotificationPage:
    return NotificationPage(
        items=[notification_reply(n) for n in page.notifications],
        next_cursor=page.next_cursor or None,
        unread=page.unread,
        last_event_id=page.last_sequence,
    )


def preferences_message(body: PreferencesIn) -> api.PutPreferencesRequest:
    return api.PutPreferencesRequest(
        preferences=pb.Preferences(
            email=body.email,
            in_app=body.in_app,
            webhook_url=body.webhook_url or "",
            types={
                name: pb.ChannelChoice(email=c.email, in_app=c.in_app, webhook=c.webhook)
                for name, c in body.types.items()
            },
            digest=_DIGESTS[body.digest],
            time_zone=body.time_zone,
            digest_hour=body.digest_hour,
        ),
        rotate_webhook_secret=body.rotate_webhook_secret,
    )


def preferences_reply(m: pb.Preferences, webhook_secret: str = "") -> PreferencesOut:
    return PreferencesOut(
        email=m.email,
        in_app=m.in_app,
        webhook_url=m.webhook_url or None,
        types={
            name: ChannelChoiceJson(email=c.email, in_app=c.in_app, webhook=c.webhook)
            for name, c in m.types.items()
        },
        digest=_DIGESTS_BACK.get(m.digest, "immediate"),
        time_zone=m.time_zone or "UTC",
        digest_hour=m.digest_hour if m.HasField("digest_hour") else 8,
        webhook_disabled_reason=m.webhook_disabled_reason or None,
        webhook_secret=webhook_secret or None,
    )


def delivery_page_reply(page: api.WebhookDeliveryPage) -> WebhookDeliveryPage:
    return WebhookDeliveryPage(
        items=[
            WebhookDeliveryJson(
                id=UUID(d.id),
                notification_id=UUID(d.notification_id),
                url=d.url,
                attempt=d.attempt,
                status_code=d.status_code or None,
                error=d.error or None,
                next_attempt_at=from_timestamp(d.next_attempt_at)
                if d.HasField("next_attempt_at")
                else None,
                delivered_at=from_timestamp(d.delivered_at) if d.HasField("delivered_at") else None,
            )
            for d in page.deliveries
        ],
        next_cursor=page.next_cursor or None,
    )
