"""The events this service publishes on ``stint.notification.v1``, written to the
outbox in the transaction of the change. Key: the recipient's account id.

NotificationCreated for every notification made (in-app or not), NotificationDelivered
when an e-mail or webhook got through, NotificationFailed for each failed attempt (with
the next one, or none when it was given up)."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint.notification.v1 import events_pb2 as ev
from stint_notification.domain.records import Notification
from stint_notification.wire import notification_message
from stint_runtime import outbox, topics
from stint_runtime.timestamps import to_timestamp

__all__ = ["created", "delivered", "failed"]


async def created(conn: asyncpg.Connection, schema: str, notification: Notification) -> None:
    await outbox.enqueue(
        conn,
        topic=topics.NOTIFICATION,
        key=notification.recipient_id,
        event=ev.NotificationCreated(notification=notification_message(notification)),
        schema=schema,
    )


async def delivered(
    conn: asyncpg.Connection,
    schema: str,
    notification_id: str,
    recipient_id: str,
    channel: str,
    at: datetime,
) -> None:
    await outbox.enqueue(
        conn,
        topic=topics.NOTIFICATION,
        key=recipient_id,
        event=ev.NotificationDelivered(
            notification_id=notification_id,
            recipient_id=recipient_id,
            channel=channel,
            delivered_at=to_timestamp(at),
        ),
        schema=schema,
    )


async def failed(
    conn: asyncpg.Connection,
    schema: str,
    notification_id: str,
    recipient_id: str,
    channel: str,
    reason: str,
    attempt: int,
    next_attempt_at: datetime | None,
) -> None:
    await outbox.enqueue(
        conn,
        topic=topics.NOTIFICATION,
        key=recipient_id,
        event=ev.NotificationFailed(
            notification_id=notification_id,
            recipient_id=recipient_id,
            channel=channel,
            reason=reason[:500],
            attempt=attempt,
            next_attempt_at=to_timestamp(next_attempt_at),
        ),
        schema=schema,
    )
