"""Webhook deliveries and their attempt log: taken when due like e-mails (one replica
each, marked 'sending' and committed before the request), settled after each answer."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_notification.domain.records import WebhookAttempt, WebhookDelivery
from stint_runtime.paging import Page, Position, page_of

__all__ = [
    "attempts_page",
    "insert_webhook",
    "log_attempt",
    "recover_in_doubt",
    "settle_webhook",
    "take_due_webhooks",
]


async def insert_webhook(
    conn: asyncpg.Connection, delivery: WebhookDelivery, now: datetime
) -> None:
    await conn.execute(
        """INSERT INTO webhook_deliveries (id, endpoint_id, account_id, notification_id,
               payload, status, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)
           ON CONFLICT (endpoint_id, notification_id) DO NOTHING""",
        delivery.id,
        delivery.endpoint_id,
        delivery.account_id,
        delivery.notification_id,
        delivery.payload,
        now,
    )


async def recover_in_doubt(conn: asyncpg.Connection, stale_before: datetime) -> int:
    status = await conn.execute(
        """UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = sending_since
           WHERE status = 'sending' AND sending_since < $1""",
        stale_before,
    )
    return int(status.split()[-1])


async def take_due_webhooks(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[WebhookDelivery]:
    rows = await conn.fetch(
        """WITH due AS (
               SELECT id FROM webhook_deliveries
               WHERE status = 'pending' AND next_attempt_at <= $1
               ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE webhook_deliveries w SET status = 'sending', sending_since = $1
           FROM due WHERE w.id = due.id
           RETURNING w.id, w.endpoint_id, w.account_id, w.notification_id, w.payload,
                     w.attempts""",
        now,
        batch,
    )
    return [
        WebhookDelivery(
            id=str(r["id"]),
            endpoint_id=str(r["endpoint_id"]),
            account_id=str(r["account_id"]),
            notification_id=str(r["notification_id"]),
            payload=r["payload"],
            attempts=r["attempts"],
        )
        for r in rows
    ]


async def settle_webhook(
    conn: asyncpg.Connection,
    delivery_id: str,
    status: str,
    next_attempt_at: datetime | None,
    delivered_at: datetime | None,
) -> None:
    """After one attempt: ``pending`` again (at ``next_attempt_at``), ``delivered``,
    ``failed`` (the schedule is spent) or ``cancelled`` (the endpoint is gone)."""
    await conn.execute(
        """UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1,
               next_attempt_at = coalesce($3, next_attempt_at), delivered_at = $4,
               sending_since = NULL
           WHERE id = $1""",
        delivery_id,
        status,
        next_attempt_at,
        delivered_at,
    )


async def log_attempt(
    conn: asyncpg.Connection, delivery: WebhookDelivery, attempt: WebhookAttempt
) -> None:
    await conn.execute(
        """INSERT INTO webhook_attempts (id, delivery_id, account_id, notification_id, url,
               attempt, status_code, error, next_attempt_at, delivered_at, attempted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""",
        attempt.id,
        delivery.id,
        delivery.account_id,
        delivery.notification_id,
        attempt.url,
        attempt.attempt,
        attempt.status_code,
        attempt.error,
        attempt.next_attempt_at,
        attempt.delivered_at,
        attempt.attempted_at,
    )


def _attempt(row: asyncpg.Record) -> WebhookAttempt:
    return WebhookAttempt(
        id=str(row["id"]),
        notification_id=str(row["notification_id"]),
        url=row["url"],
        attempt=row["attempt"],
        attempted_at=row["attempted_at"],
        status_code=row["status_code"],
        error=row["error"],
        next_attempt_at=row["next_attempt_at"],
        delivered_at=row["delivered_at"],
    )


async def attempts_page(
    conn: asyncpg.Connection, account_id: str, after: Position | None, limit: int
) -> Page[WebhookAttempt]:
    """The account's delivery log, newest attempt first."""
    rows = await conn.fetch(
        """SELECT id, notification_id, url, attempt, status_code, error, next_attempt_at,
                  delivered_at, attempted_at
           FROM webhook_attempts WHERE account_id = $1
             AND ($2::timestamptz IS NULL OR (attempted_at, id) < ($2, $3::uuid))
           ORDER BY attempted_at DESC, id DESC LIMIT $4""",
        account_id,
        after.at if after else None,
        after.id if after else None,
        limit + 1,
    )
    position = lambda row: Position(row["attempted_at"], str(row["id"]))  # noqa: E731
    return page_of(rows, limit, position).map(_attempt)
