"""E-mail deliveries: recorded with the notification, taken when due (one replica each,
``FOR UPDATE SKIP LOCKED``), marked 'sending' before the SMTP conversation and settled
after it; a 'sending' row older than the lease is in doubt and due again."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_notification.domain.records import EmailDelivery

__all__ = [
    "insert_email",
    "mark_failed",
    "mark_retry",
    "mark_sent",
    "recover_in_doubt",
    "take_due_emails",
]

_COLUMNS = (
    "e.id, e.recipient_id, e.type, e.message_id, e.subject, e.text_body, e.html_body, "
    "e.attempts, e.in_doubt, e.notification_id, e.digest_id"
)


def _email(row: asyncpg.Record) -> EmailDelivery:
    return EmailDelivery(
        id=str(row["id"]),
        recipient_id=str(row["recipient_id"]),
        type=row["type"],
        message_id=row["message_id"],
        subject=row["subject"],
        text=row["text_body"],
        html=row["html_body"],
        attempts=row["attempts"],
        in_doubt=row["in_doubt"],
        notification_id=str(row["notification_id"]) if row["notification_id"] else None,
        digest_id=str(row["digest_id"]) if row["digest_id"] else None,
    )


async def insert_email(conn: asyncpg.Connection, email: EmailDelivery, now: datetime) -> None:
    await conn.execute(
        """INSERT INTO email_deliveries (id, recipient_id, notification_id, digest_id, type,
               message_id, subject, text_body, html_body, status, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $10)
           ON CONFLICT (message_id) DO NOTHING""",
        email.id,
        email.recipient_id,
        email.notification_id,
        email.digest_id,
        email.type,
        email.message_id,
        email.subject,
        email.text,
        email.html,
        now,
    )


async def recover_in_doubt(conn: asyncpg.Connection, stale_before: datetime) -> int:
    """E-mails whose sender died mid-send are due again, marked in doubt."""
    status = await conn.execute(
        """UPDATE email_deliveries SET status = 'pending', in_doubt = true,
               next_attempt_at = sending_since
           WHERE status = 'sending' AND sending_since < $1""",
        stale_before,
    )
    return int(status.split()[-1])


async def take_due_emails(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[EmailDelivery]:
    """Up to ``batch`` due e-mails, marked 'sending' (commit before sending them)."""
    rows = await conn.fetch(
        f"""WITH due AS (
                SELECT id FROM email_deliveries
                WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            UPDATE email_deliveries e SET status = 'sending', sending_since = $1
            FROM due WHERE e.id = due.id
            RETURNING {_COLUMNS}""",  # noqa: S608 (constant column list)
        now,
        batch,
    )
    return [_email(row) for row in rows]


async def mark_sent(conn: asyncpg.Connection, email_id: str, now: datetime) -> None:
    await conn.execute(
        """UPDATE email_deliveries SET status = 'sent', sent_at = $2, attempts = attempts + 1,
               sending_since = NULL, last_error = ''
           WHERE id = $1""",
        email_id,
        now,
    )


async def mark_retry(
    conn: asyncpg.Connection, email_id: str, error: str, next_attempt_at: datetime
) -> None:
    await conn.execute(
        """UPDATE email_deliveries SET status = 'pending', attempts = attempts + 1,
               next_attempt_at = $3, last_error = $2, sending_since = NULL
           WHERE id = $1""",
        email_id,
        error,
        next_attempt_at,
    )


async def mark_failed(conn: asyncpg.Connection, email_id: str, error: str) -> None:
    await conn.execute(
        """UPDATE email_deliveries SET status = 'failed', attempts = attempts + 1,
               last_error = $2, sending_since = NULL
           WHERE id = $1""",
        email_id,
        error,
    )
