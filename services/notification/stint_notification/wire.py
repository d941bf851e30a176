"""Domain records ⇄ the stint.notification.v1 protobuf contract."""

from __future__ import annotations

from stint.notification.v1 import notification_pb2 as pb
from stint_notification.domain.preferences import (
    DEFAULT_DIGEST_HOUR,
    ChannelChoice,
    Digest,
    Preferences,
)
from stint_notification.domain.records import Notification, WebhookAttempt
from stint_runtime.timestamps import to_timestamp

__all__ = [
    "attempt_message",
    "notification_message",
    "preferences_from",
    "preferences_message",
]

_DIGESTS = {
    Digest.IMMEDIATE: pb.DIGEST_IMMEDIATE,
    Digest.DAILY: pb.DIGEST_DAILY,
    Digest.WEEKLY: pb.DIGEST_WEEKLY,
}
_DIGESTS_BACK = {v: k for k, v in _DIGESTS.items()}


def notification_message(n: Notification) -> pb.Notification:
    return pb.Notification(
        id=n.id,
        recipient_id=n.recipient_id,
        type=n.type,
        title=n.title,
        body=n.body,
        data=dict(n.data),
        created_at=to_timestamp(n.created_at),
        read_at=to_timestamp(n.read_at),
        sequence=n.sequence,
    )


def preferences_message(
    prefs: Preferences, webhook_url: str = "", webhook_disabled_reason: str = ""
) -> pb.Preferences:
    return pb.Preferences(
        email=prefs.email,
        in_app=prefs.in_app,
        webhook_url=webhook_url,
        types={
            name: pb.ChannelChoice(email=c.email, in_app=c.in_app, webhook=c.webhook)
            for name, c in prefs.types.items()
        },
        digest=_DIGESTS[prefs.digest],
        time_zone=prefs.time_zone,
        digest_hour=prefs.digest_hour,
        webhook_disabled_reason=webhook_disabled_reason,
    )


def preferences_from(message: pb.Preferences) -> Preferences:
    """UNSPECIFIED digest means immediate, an empty time zone UTC, no hour 8."""
    return Preferences(
        email=message.email,
        in_app=message.in_app,
        types={
            name: ChannelChoice(email=c.email, in_app=c.in_app, webhook=c.webhook)
            for name, c in message.types.items()
        },
        digest=_DIGESTS_BACK.get(message.digest, Digest.IMMEDIATE),
        digest_hour=message.digest_hour if message.HasField("digest_hour") else DEFAULT_DIGEST_HOUR,
        time_zone=message.time_zone.strip() or "UTC",
    )


def attempt_message(a: WebhookAttempt) -> pb.WebhookDelivery:
    return pb.WebhookDelivery(
        id=a.id,
        notification_id=a.notification_id,
        url=a.url,
        attempt=a.attempt,
        status_code=a.status_code or 0,
        error=a.error,
        next_attempt_at=to_timestamp(a.next_attempt_at),
        delivered_at=to_timestamp(a.delivered_at),
    )
