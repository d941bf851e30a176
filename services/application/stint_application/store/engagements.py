"""Engagements: insert, read, lock for a change, save, pages, and delivered work whose
review window passed."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_application.domain.engagements import Engagement
from stint_application.store.pages import newest_first
from stint_application.store.rows import ENGAGEMENT_COLUMNS, engagement_from_row
from stint_runtime.db.sweeps import take_due
from stint_runtime.paging import Page, Position

__all__ = [
    "get_engagement",
    "insert_engagement",
    "lock_delivered_due",
    "lock_engagement",
    "page_for_organization",
    "page_for_student",
    "save_engagement",
]

_SELECT = f"SELECT {ENGAGEMENT_COLUMNS} FROM engagements"  # noqa: S608 (constant column list)


async def insert_engagement(conn: asyncpg.Connection, engagement: Engagement) -> None:
    await conn.execute(
        """INSERT INTO engagements (
               id, application_id, listing_id, student_id, organization_id, status,
               started_at, due_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""",
        engagement.id,
        engagement.application_id,
        engagement.listing_id,
        engagement.student_id,
        engagement.organization_id,
        engagement.status.value,
        engagement.started_at,
        engagement.due_at,
        engagement.version,
    )


async def get_engagement(conn: asyncpg.Connection, engagement_id: str) -> Engagement | None:
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1", engagement_id)
    return engagement_from_row(row) if row else None


async def lock_engagement(conn: asyncpg.Connection, engagement_id: str) -> Engagement | None:
    """Read and lock for a change, so that its events leave in commit order."""
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1 FOR UPDATE", engagement_id)
    return engagement_from_row(row) if row else None


async def save_engagement(conn: asyncpg.Connection, engagement: Engagement) -> None:
    """Write every mutable field of an engagement locked by this transaction."""
    await conn.execute(
        """UPDATE engagements SET
               status = $2, delivered_at = $3, completed_at = $4, cancelled_at = $5,
               delivery_summary = $6, delivery_links = $7, cancel_reason = $8,
               cancelled_by = $9, completed_automatically = $10, auto_complete_at = $11,
               version = $12
           WHERE id = $1""",
        engagement.id,
        engagement.status.value,
        engagement.delivered_at,
        engagement.completed_at,
        engagement.cancelled_at,
        engagement.delivery_summary,
        list(engagement.delivery_links),
        engagement.cancel_reason,
        engagement.cancelled_by,
        engagement.completed_automatically,
        engagement.auto_complete_at,
        engagement.version,
    )


async def lock_delivered_due(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[Engagement]:
    """Up to ``batch`` delivered engagements whose window passed, locked; rows another
    replica (or an owner acting now) holds are skipped, not waited for."""
    return await take_due(
        conn,
        _SELECT,
        "status = 'delivered'",
        due="auto_complete_at",
        now=now,
        batch=batch,
        record=engagement_from_row,
    )


async def _page(
    conn: asyncpg.Connection, match: tuple[str, str], after: Position | None, limit: int
) -> Page[Engagement]:
    return await newest_first(
        conn, _SELECT, match, at="started_at", after=after, limit=limit, record=engagement_from_row
    )


async def page_for_student(
    conn: asyncpg.Connection, student_id: str, after: Position | None, limit: int
) -> Page[Engagement]:
    return await _page(conn, ("student_id", student_id), after, limit)


async def page_for_organization(
    conn: asyncpg.Connection, organization_id: str, after: Position | None, limit: int
) -> Page[Engagement]:
    return await _page(conn, ("organization_id", organization_id), after, limit)
