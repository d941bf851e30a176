"""Reminders: scheduled once per key, cancelled when what they remind of is resolved,
taken when due by one replica each (``FOR UPDATE SKIP LOCKED``) and settled in the
transaction that sends them."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from stint_notification.domain.records import Audience
from stint_notification.domain.reminders import Reminder, ReminderKind
from stint_runtime.db.sweeps import take_due

__all__ = [
    "cancel_reminders",
    "hold_apply_by",
    "move_deadline",
    "schedule_reminder",
    "settle_reminder",
    "take_due_reminders",
]

_SELECT = (
    "SELECT id, key, kind, subject_id, account_id, organization_id, deadline, remind_at, "
    "details FROM reminders"
)


async def schedule_reminder(conn: asyncpg.Connection, reminder: Reminder, now: datetime) -> bool:
    """False when a reminder with its key exists already (sent, cancelled or pending)."""
    inserted = await conn.fetchval(
        """INSERT INTO reminders (id, key, kind, subject_id, account_id, organization_id,
               deadline, remind_at, details, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'pending', $10)
           ON CONFLICT (key) DO NOTHING RETURNING true""",
        reminder.id,
        reminder.key,
        reminder.kind.value,
        reminder.subject_id,
        reminder.audience.account_id,
        reminder.audience.organization_id,
        reminder.deadline,
        reminder.remind_at,
        json.dumps(dict(reminder.details)),
        now,
    )
    return bool(inserted)


async def cancel_reminders(
    conn: asyncpg.Connection,
    kind: ReminderKind,
    subject_id: str,
    now: datetime,
    *,
    account_id: str | None = None,
    organization_id: str | None = None,
) -> int:
    """Cancel the pending reminders of ``kind`` about ``subject_id`` (only those of the
    account or organization, when one is named)."""
    status = await conn.execute(
        """UPDATE reminders SET status = 'cancelled', settled_at = $3
           WHERE subject_id = $1 AND kind = $2 AND status = 'pending'
             AND ($4::uuid IS NULL OR account_id = $4)
             AND ($5::uuid IS NULL OR organization_id = $5)""",
        subject_id,
        kind.value,
        now,
        account_id,
        organization_id,
    )
    return int(status.split()[-1])


def _reminder(row: asyncpg.Record) -> Reminder:
    account, organization = row["account_id"], row["organization_id"]
    audience = (
        Audience.account(str(account)) if account else Audience.organization(str(organization))
    )
    return Reminder(
        id=str(row["id"]),
        key=row["key"],
        kind=ReminderKind(row["kind"]),
        subject_id=str(row["subject_id"]),
        audience=audience,
        deadline=row["deadline"],
        remind_at=row["remind_at"],
        details=json.loads(row["details"]),
    )


async def take_due_reminders(conn: asyncpg.Connection, now: datetime, batch: int) -> list[Reminder]:
    return await take_due(
        conn,
        _SELECT,
        "status = 'pending'",
        due="remind_at",
        now=now,
        batch=batch,
        record=_reminder,
    )


async def settle_reminder(
    conn: asyncpg.Connection, reminder_id: str, sent: bool, now: datetime
) -> None:
    await conn.execute(
        "UPDATE reminders SET status = $2, settled_at = $3 WHERE id = $1",
        reminder_id,
        "sent" if sent else "cancelled",
        now,
    )


async def move_deadline(
    conn: asyncpg.Connection,
    kind: ReminderKind,
    subject_id: str,
    deadline: datetime,
    remind_at: datetime | None,
    now: datetime,
) -> None:
    """The moment pending reminders of ``kind`` about ``subject_id`` remind of moved
    (a listing's apply-by changed): they follow it, or are cancelled when the new
    reminder moment has passed already."""
    if remind_at is None:
        await cancel_reminders(conn, kind, subject_id, now)
        return
    await conn.execute(
        """UPDATE reminders SET deadline = $3, remind_at = $4
           WHERE subject_id = $1 AND kind = $2 AND status = 'pending' AND deadline <> $3""",
        subject_id,
        kind.value,
        deadline,
        remind_at,
    )


async def hold_apply_by(conn: asyncpg.Connection, student_id: str, listing_id: str) -> None:
    """Until this transaction ends, the only one deciding on the apply-by reminder of a
    student and a listing: a MatchFound and the student's application, handled at the
    same time by two consumers, then see each other's effect (scheduled and then
    cancelled, or not scheduled at all) instead of missing it."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext($1))", f"apply_by:{student_id}:{listing_id}"
    )
