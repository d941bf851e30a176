"""Digests: one pending per person, collecting "new project for you" notifications
until its moment, then taken by one replica and sent as one e-mail."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from stint_notification.domain.records import Notification
from stint_notification.store.notifications import notification_from_row

__all__ = ["add_to_digest", "digest_items", "settle_digest", "take_due_digests"]


async def add_to_digest(
    conn: asyncpg.Connection,
    recipient_id: str,
    notification_id: str,
    due_at: datetime,
    now: datetime,
) -> str:
    """Add to the person's pending digest (made, due at ``due_at``, when there is none);
    the digest's id."""
    await conn.execute(
        """INSERT INTO digests (id, recipient_id, due_at, status, created_at)
           VALUES ($1, $2, $3, 'pending', $4)
           ON CONFLICT (recipient_id) WHERE status = 'pending' DO NOTHING""",
        str(uuid.uuid4()),
        recipient_id,
        due_at,
        now,
    )
    digest_id = str(
        await conn.fetchval(
            "SELECT id FROM digests WHERE recipient_id = $1 AND status = 'pending' FOR UPDATE",
            recipient_id,
        )
    )
    await conn.execute(
        "INSERT INTO digest_items (digest_id, notification_id) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
        digest_id,
        notification_id,
    )
    return digest_id


async def take_due_digests(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[tuple[str, str]]:
    """(digest id, recipient id) of due digests, locked."""
    rows = await conn.fetch(
        """SELECT id, recipient_id FROM digests
           WHERE status = 'pending' AND due_at <= $1
           ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED""",
        now,
        batch,
    )
    return [(str(r["id"]), str(r["recipient_id"])) for r in rows]


async def digest_items(conn: asyncpg.Connection, digest_id: str) -> list[Notification]:
    rows = await conn.fetch(
        """SELECT n.id, n.recipient_id, n.sequence, n.type, n.title, n.body, n.data,
                  n.created_at, n.read_at, n.in_app
           FROM digest_items i JOIN notifications n ON n.id = i.notification_id
           WHERE i.digest_id = $1 ORDER BY n.sequence""",
        digest_id,
    )
    return [notification_from_row(row) for row in rows]


async def settle_digest(conn: asyncpg.Connection, digest_id: str, now: datetime) -> None:
    await conn.execute(
        "UPDATE digests SET status = 'sent', sent_at = $2 WHERE id = $1", digest_id, now
    )
