"""Telling people: each message becomes one notification per reader, made in their
time zone and sent on the channels their preferences choose, all inside the caller's
transaction (the inbox transaction of an event, or a sweep's), so that an event handled
twice, or a sweep run on two replicas, never tells anyone twice.

The notification's key is the message's key (an event id, a match, a reminder) and the
reader's id; a key already used is skipped. Readers are handled in id order, the order
in which their sequence rows are locked."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from stint_notification import events
from stint_notification.context import Context
from stint_notification.domain.mail import message_id, notice_content
from stint_notification.domain.moments import UTC_ZONE, written, zone_named
from stint_notification.domain.preferences import channels_for
from stint_notification.domain.records import (
    EmailDelivery,
    Message,
    Notification,
    WebhookDelivery,
    render,
)
from stint_notification.domain.schedule import next_digest_at
from stint_notification.domain.unsubscribe import unsubscribe_token
from stint_notification.domain.webhooks import payload
from stint_notification.store import digests, emails, projections, signals, waiting, webhooks
from stint_notification.store import notifications as store
from stint_notification.store.preferences import current_endpoint, get_preferences

__all__ = ["MANAGE_PATH", "tell", "unsubscribe_url"]

log = logging.getLogger(__name__)

MANAGE_PATH = "/settings/notifications"


def unsubscribe_url(ctx: Context, recipient_id: str, type_name: str) -> str:
    token = unsubscribe_token(ctx.unsubscribe_secret, recipient_id, type_name)
    return f"{ctx.public_base_url}/v1/notifications/unsubscribe?token={token}"


def _email(ctx: Context, notification: Notification) -> EmailDelivery:
    delivery_id = str(uuid.uuid4())
    content = notice_content(
        notification.title,
        notification.body,
        ctx.link(notification.data.get("link", "/notifications")),
        ctx.link(MANAGE_PATH),
        unsubscribe_url(ctx, notification.recipient_id, notification.type),
    )
    return EmailDelivery(
        id=delivery_id,
        recipient_id=notification.recipient_id,
        type=notification.type,
        message_id=message_id(delivery_id, ctx.mail_from),
        subject=content.subject,
        text=content.text,
        html=content.html,
        notification_id=notification.id,
    )


async def _tell_one(
    conn: asyncpg.Connection, ctx: Context, recipient_id: str, message: Message, now: datetime
) -> Notification | None:
    key = f"{message.key}:{recipient_id}"
    if await store.exists(conn, key):
        return None
    prefs = await get_preferences(conn, recipient_id)
    endpoint = await current_endpoint(conn, recipient_id, now)
    live_endpoint = endpoint if endpoint is not None and not endpoint.disabled_reason else None
    channels = channels_for(prefs, message.type, webhook_active=live_endpoint is not None)
    zone = zone_named(prefs.time_zone) or UTC_ZONE

    def moment(at: datetime) -> str:
        return written(at, zone)

    notification = Notification(
        id=str(uuid.uuid4()),
        recipient_id=recipient_id,
        sequence=await store.next_sequence(conn, recipient_id),
        type=message.type,
        title=render(message.title, moment),
        body=render(message.body, moment),
        data=dict(message.data),
        created_at=now,
        in_app=channels.in_app,
    )
    if not await store.insert_notification(conn, key, notification):
        return None
    await events.created(conn, ctx.schema, notification)
    if channels.in_app:
        await signals.signal_created(conn, ctx.schema, recipient_id)
    if channels.digest:
        due = next_digest_at(now, zone, prefs.digest_hour, prefs.digest)
        await digests.add_to_digest(conn, recipient_id, notification.id, due, now)
    elif channels.email:
        await emails.insert_email(conn, _email(ctx, notification), now)
    if channels.webhook and live_endpoint is not None:
        delivery = WebhookDelivery(
            id=str(uuid.uuid4()),
            endpoint_id=live_endpoint.id,
            account_id=recipient_id,
            notification_id=notification.id,
            payload=payload(notification),
        )
        await webhooks.insert_webhook(conn, delivery, now)
    return notification


async def tell(
    conn: asyncpg.Connection, ctx: Context, messages: Sequence[Message]
) -> list[Notification]:
    """Inside the caller's transaction; the notifications made now (none for keys
    already used). A message for an organization with no known account waits for its
    first account."""
    now = ctx.clock()
    readers: list[tuple[str, Message]] = []
    for message in messages:
        audience = message.audience
        if not (audience.account_id or audience.organization_id):
            log.warning("a message for nobody was dropped", extra={"key": message.key})
            continue
        if audience.account_id is not None:
            readers.append((audience.account_id, message))
            continue
        assert audience.organization_id is not None
        members = await projections.members_of(conn, audience.organization_id)
        if not members:
            await waiting.keep_for_organization(conn, audience.organization_id, message, now)
        readers += [(member, message) for member in members]
    made: list[Notification] = []
    for recipient_id, message in sorted(readers, key=lambda pair: pair[0]):
        notification = await _tell_one(conn, ctx, recipient_id, message, now)
        if notification is not None:
            made.append(notification)
    return made
