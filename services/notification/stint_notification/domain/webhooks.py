"""Standard Webhooks (https://www.standardwebhooks.com): the secret, the payload and
its signature, and what an answer means for the delivery.

``webhook-id`` is the notification's id (the same on every retry, so that a receiver
can drop repeats), ``webhook-timestamp`` the attempt's time in seconds, and
``webhook-signature`` ``v1,`` + base64 HMAC-SHA256 over ``id.timestamp.body`` with the
secret's bytes; during a rotation both secrets sign, space-separated."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from stint_notification.domain.records import Audience, Message, Notification

__all__ = [
    "SECRET_PREFIX",
    "Outcome",
    "WebhookEndpoint",
    "disabled_message",
    "new_secret",
    "outcome_of",
    "payload",
    "signature",
    "signed_headers",
]

SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix, not a secret)
SECRET_BYTES = 32


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    secrets_in_use: Sequence[str], msg_id: str, timestamp: int, body: str
) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(secret, msg_id, timestamp, body) for secret in secrets_in_use
        ),
    }


def payload(notification: Notification) -> str:
    """The body every attempt sends: ``{type, timestamp, data}`` as the specification
    suggests, ``data`` being the notification as the inbox shows it."""
    return json.dumps(
        {
            "type": notification.type,
            "timestamp": notification.created_at.isoformat(),
            "data": {
                "id": notification.id,
                "type": notification.type,
                "title": notification.title,
                "body": notification.body,
                "data": dict(notification.data),
                "created_at": notification.created_at.isoformat(),
                "sequence": notification.sequence,
            },
        },
        separators=(",", ":"),
        sort_keys=True,
    )


@dataclass(frozen=True)
class WebhookEndpoint:
    id: str
    account_id: str
    url: str
    secret: str
    previous_secret: str | None = None
    disabled_reason: str = ""


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    DISABLE = "disable"
    """410 Gone: the receiver says the endpoint is no more."""


def outcome_of(status_code: int | None) -> Outcome:
    """2xx delivers; 410 disables the endpoint; anything else (no answer, a redirect,
    which is never followed, any other status) is tried again on schedule."""
    if status_code is not None and 200 <= status_code < 300:
        return Outcome.DELIVERED
    if status_code == 410:
        return Outcome.DISABLE
    return Outcome.RETRY


def disabled_message(endpoint: WebhookEndpoint) -> Message:
    """What the account is told in-app when its receiver answered 410 Gone."""
    return Message(
        key=f"webhook-disabled:{endpoint.id}",
        audience=Audience.account(endpoint.account_id),
        type="webhook.disabled",
        title=("Your webhook was switched off",),
        body=(
            f"{endpoint.url} answered 410 Gone, so Stint stopped sending to it. Set a "
            "webhook URL again in your notification preferences to receive webhooks.",
        ),
        data={"endpoint_id": endpoint.id, "link": "/settings/notifications"},
    )
