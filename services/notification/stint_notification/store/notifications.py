"""Notifications: one per key, numbered per recipient in commit order; the inbox's
pages, its unread count, reading, and what a live stream has not seen yet."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from stint_notification.domain.records import Notification
from stint_runtime.paging import Page, Position, page_of

__all__ = [
    "after_sequence",
    "exists",
    "get_notification",
    "insert_notification",
    "last_sequence",
    "mark_all_read",
    "mark_read",
    "next_sequence",
    "page_for",
    "unread_count",
]

_COLUMNS = "id, recipient_id, sequence, type, title, body, data, created_at, read_at, in_app"
_SELECT = f"SELECT {_COLUMNS} FROM notifications"  # noqa: S608 (constant column list)


def notification_from_row(row: asyncpg.Record) -> Notification:
    return Notification(
        id=str(row["id"]),
        recipient_id=str(row["recipient_id"]),
        sequence=row["sequence"],
        type=row["type"],
        title=row["title"],
        body=row["body"],
        data=json.loads(row["data"]),
        created_at=row["created_at"],
        read_at=row["read_at"],
        in_app=row["in_app"],
    )


async def exists(conn: asyncpg.Connection, key: str) -> bool:
    return bool(await conn.fetchval("SELECT true FROM notifications WHERE key = $1", key))


async def next_sequence(conn: asyncpg.Connection, recipient_id: str) -> int:
    """The recipient's next sequence, its row locked until this transaction ends: the
    next notification of the same recipient waits, so sequences commit in order."""
    sequence: int = await conn.fetchval(
        """INSERT INTO recipients (recipient_id, last_sequence) VALUES ($1, 1)
           ON CONFLICT (recipient_id) DO UPDATE
               SET last_sequence = recipients.last_sequence + 1
           RETURNING last_sequence""",
        recipient_id,
    )
    return sequence


async def insert_notification(conn: asyncpg.Connection, key: str, item: Notification) -> bool:
    """False when a notification with ``key`` exists (nothing is written)."""
    inserted = await conn.fetchval(
        """INSERT INTO notifications (id, key, recipient_id, sequence, type, title, body, data,
                                      in_app, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
           ON CONFLICT (key) DO NOTHING
           RETURNING true""",
        item.id,
        key,
        item.recipient_id,
        item.sequence,
        item.type,
        item.title,
        item.body,
        json.dumps(dict(item.data)),
        item.in_app,
        item.created_at,
    )
    return bool(inserted)


async def get_notification(conn: asyncpg.Connection, notification_id: str) -> Notification | None:
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1", notification_id)
    return notification_from_row(row) if row else None


async def page_for(
    conn: asyncpg.Connection,
    recipient_id: str,
    unread_only: bool,
    after: Position | None,
    limit: int,
) -> Page[Notification]:
    """Newest first, by (created_at, id) keyset; only what the recipient sees in-app."""
    rows = await conn.fetch(
        f"""{_SELECT} WHERE recipient_id = $1 AND in_app
              AND (NOT $2 OR read_at IS NULL)
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
            ORDER BY created_at DESC, id DESC LIMIT $5""",
        recipient_id,
        unread_only,
        after.at if after else None,
        after.id if after else None,
        limit + 1,
    )
    order = "unread" if unread_only else ""
    position = lambda row: Position(row["created_at"], str(row["id"]))  # noqa: E731
    return page_of(rows, limit, position, order).map(notification_from_row)


async def unread_count(conn: asyncpg.Connection, recipient_id: str) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM notifications WHERE recipient_id = $1 AND in_app AND read_at IS NULL",
        recipient_id,
    )
    return count


async def last_sequence(conn: asyncpg.Connection, recipient_id: str) -> int:
    found = await conn.fetchval(
        "SELECT last_sequence FROM recipients WHERE recipient_id = $1", recipient_id
    )
    return int(found or 0)


async def mark_read(
    conn: asyncpg.Connection, recipient_id: str, notification_id: str, at: datetime
) -> int | None:
    """How many were marked now (0 when already read); None when the recipient has no
    such notification."""
    row = await conn.fetchrow(
        """UPDATE notifications SET read_at = coalesce(read_at, $3)
           WHERE id = $1 AND recipient_id = $2 AND in_app
           RETURNING (read_at = $3) AS now_read""",
        notification_id,
        recipient_id,
        at,
    )
    if row is None:
        return None
    return 1 if row["now_read"] else 0


async def mark_all_read(conn: asyncpg.Connection, recipient_id: str, at: datetime) -> int:
    status = await conn.execute(
        "UPDATE notifications SET read_at = $2 "
        "WHERE recipient_id = $1 AND in_app AND read_at IS NULL",
        recipient_id,
        at,
    )
    return int(status.split()[-1])


async def after_sequence(
    conn: asyncpg.Connection, recipient_id: str, sequence: int, limit: int
) -> list[Notification]:
    """The recipient's in-app notifications after ``sequence``, oldest first."""
    rows = await conn.fetch(
        f"""{_SELECT} WHERE recipient_id = $1 AND sequence > $2 AND in_app
            ORDER BY sequence LIMIT $3""",
        recipient_id,
        sequence,
        limit,
    )
    return [notification_from_row(row) for row in rows]
