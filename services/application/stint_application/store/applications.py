"""Applications: insert, read, lock for a change, save, pages, and the undecided ones
whose deadline passed."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from stint_application.domain.applications import Application
from stint_application.store.pages import newest_first
from stint_application.store.rows import APPLICATION_COLUMNS, application_from_row
from stint_runtime.db.sweeps import take_due
from stint_runtime.paging import Page, Position

__all__ = [
    "get_application",
    "insert_application",
    "lock_application",
    "lock_open_on_listing",
    "lock_undecided_due",
    "page_for_listing",
    "page_for_student",
    "save_application",
]

_SELECT = f"SELECT {APPLICATION_COLUMNS} FROM applications"  # noqa: S608 (constant column list)
_OPEN = "status IN ('submitted', 'shortlisted')"


async def insert_application(conn: asyncpg.Connection, app: Application) -> bool:
    """False when the student already applied to this listing (nothing is written)."""
    inserted = await conn.fetchval(
        """INSERT INTO applications (
               id, listing_id, student_id, organization_id, status, cover_note, answers,
               decision_due_at, created_at, updated_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)
           ON CONFLICT (listing_id, student_id) DO NOTHING
           RETURNING true""",
        app.id,
        app.listing_id,
        app.student_id,
        app.organization_id,
        app.status.value,
        app.cover_note,
        json.dumps(dict(app.answers)),
        app.decision_due_at,
        app.created_at,
        app.updated_at,
        app.version,
    )
    return bool(inserted)


async def get_application(conn: asyncpg.Connection, application_id: str) -> Application | None:
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1", application_id)
    return application_from_row(row) if row else None


async def lock_application(conn: asyncpg.Connection, application_id: str) -> Application | None:
    """Read and lock for a change: changes of one application (and their events)
    happen one after the other, in commit order."""
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1 FOR UPDATE", application_id)
    return application_from_row(row) if row else None


async def save_application(conn: asyncpg.Connection, app: Application) -> None:
    """Write every mutable field of an application locked by this transaction."""
    await conn.execute(
        """UPDATE applications SET
               status = $2, reject_reason = $3, reject_note = $4, close_reason = $5,
               updated_at = $6, decided_at = $7, engagement_id = $8, version = $9
           WHERE id = $1""",
        app.id,
        app.status.value,
        app.reject_reason.value if app.reject_reason else None,
        app.reject_note,
        app.close_reason.value if app.close_reason else None,
        app.updated_at,
        app.decided_at,
        app.engagement_id,
        app.version,
    )


async def lock_open_on_listing(conn: asyncpg.Connection, listing_id: str) -> list[Application]:
    """Every application still waiting for a decision on a listing, locked (waiting
    for a decision in flight, whose outcome then counts)."""
    rows = await conn.fetch(
        f"{_SELECT} WHERE listing_id = $1 AND {_OPEN} ORDER BY id FOR UPDATE", listing_id
    )
    return [application_from_row(row) for row in rows]


async def lock_undecided_due(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[Application]:
    """Up to ``batch`` undecided applications whose decision deadline passed, locked;
    rows another replica (or a decision in flight) holds are skipped, not waited for."""
    return await take_due(
        conn,
        _SELECT,
        _OPEN,
        due="decision_due_at",
        now=now,
        batch=batch,
        record=application_from_row,
    )


async def _page(
    conn: asyncpg.Connection, match: tuple[str, str], after: Position | None, limit: int
) -> Page[Application]:
    return await newest_first(
        conn, _SELECT, match, at="created_at", after=after, limit=limit, record=application_from_row
    )


async def page_for_student(
    conn: asyncpg.Connection, student_id: str, after: Position | None, limit: int
) -> Page[Application]:
    return await _page(conn, ("student_id", student_id), after, limit)


async def page_for_listing(
    conn: asyncpg.Connection, listing_id: str, after: Position | None, limit: int
) -> Page[Application]:
    return await _page(conn, ("listing_id", listing_id), after, limit)
