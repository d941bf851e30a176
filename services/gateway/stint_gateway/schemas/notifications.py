"""Bodies of the Notifications section. The bounds are the contract's (the declared
limits of ``Preferences``, which the notification service enforces too); which types
exist and which cannot be switched off in-app is the service's word (422 naming the
field)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from stint.notification.v1 import notification_pb2
from stint_gateway.schemas.bounds import text, within
from stint_runtime.contract import field_limits

__all__ = [
    "ChannelChoiceJson",
    "Digest",
    "NotificationJson",
    "NotificationPage",
    "PreferencesIn",
    "PreferencesOut",
    "WebhookDeliveryJson",
    "WebhookDeliveryPage",
]

_PREFERENCES = field_limits(notification_pb2.Preferences.DESCRIPTOR)

Digest = Literal["immediate", "daily", "weekly"]
WebhookUrl = Annotated[str, text(_PREFERENCES["webhook_url"])]
TimeZone = Annotated[str, text(_PREFERENCES["time_zone"])]
DigestHour = Annotated[int, within(_PREFERENCES["digest_hour"])]


class NotificationJson(BaseModel):
    id: UUID
    type: str = Field(description='What happened, a stable name: "application.rejected", ...')
    title: str
    body: str
    data: dict[str, str] = Field(description="Ids of what it is about; link: the page to open.")
    created_at: datetime
    read_at: datetime | None = None
    sequence: int = Field(description="The live stream's event id for this notification.")


class NotificationPage(BaseModel):
    items: list[NotificationJson]
    next_cursor: str | None = Field(description="Null on the last page.")
    unread: int = Field(description="The caller's unread notifications, all pages together.")
    last_event_id: int = Field(
        description="A stream opened with this Last-Event-ID misses nothing after this page."
    )


# Flags are taken as JSON gives them: 0 or "yes" is a client's mistake to hear about.
Flag = Annotated[bool, Field(strict=True)]


class ChannelChoiceJson(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Flag = True
    in_app: Flag = True
    webhook: Flag = True


class PreferencesIn(BaseModel):
    """A PUT replaces every choice: a webhook_url left out removes the webhook."""

    model_config = ConfigDict(extra="forbid")

    email: Flag
    in_app: Flag
    webhook_url: WebhookUrl | None = Field(
        default=None, description="https (plain-http loopback receivers in development only)."
    )
    types: dict[str, ChannelChoiceJson] = Field(
        default_factory=dict, description="Per type; a type not named follows the global choices."
    )
    digest: Digest = Field(description='How "new project for you" e-mails come.')
    time_zone: TimeZone = Field(description='An IANA name ("Europe/Berlin").')
    digest_hour: DigestHour = Field(
        default=8, description="Local hour of daily and weekly (Monday) digests."
    )
    rotate_webhook_secret: bool = Field(
        default=False,
        strict=True,
        description="A new secret for the same URL; the old one keeps signing for a while.",
    )


class PreferencesOut(BaseModel):
    email: bool
    in_app: bool
    webhook_url: str | None = None
    types: dict[str, ChannelChoiceJson]
    digest: Digest
    time_zone: str
    digest_hour: int
    webhook_disabled_reason: str | None = Field(
        default=None, description="Why the webhook was switched off (it answered 410 Gone)."
    )
    webhook_secret: str | None = Field(
        default=None,
        description="whsec_...: only in the reply that set a new URL or rotated the secret.",
    )


class WebhookDeliveryJson(BaseModel):
    id: UUID
    notification_id: UUID
    url: str
    attempt: int
    status_code: int | None = None
    error: str | None = None
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None


class WebhookDeliveryPage(BaseModel):
    items: list[WebhookDeliveryJson]
    next_cursor: str | None = Field(description="Null on the last page.")
