"""Review windows and reviews. Public reads take published reviews only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

from stint_reputation.domain.reviews import Review, ReviewWindow
from stint_reputation.store.pages import newest_first
from stint_reputation.store.rows import (
    REVIEW_COLUMNS,
    WINDOW_COLUMNS,
    review_from_row,
    window_from_row,
)
from stint_runtime.db.sweeps import take_due
from stint_runtime.paging import Page, Position

__all__ = [
    "close_window",
    "insert_review",
    "insert_window",
    "lock_window",
    "lock_windows_due",
    "page_published_about",
    "publish",
    "reviews_of",
]

_WINDOWS = f"SELECT {WINDOW_COLUMNS} FROM review_windows"  # noqa: S608 (constant column list)
_REVIEWS = f"SELECT {REVIEW_COLUMNS} FROM reviews"  # noqa: S608


async def insert_window(conn: asyncpg.Connection, window: ReviewWindow) -> bool:
    """True when the window is new: a redelivered completion opens none."""
    opened = await conn.fetchval(
        """INSERT INTO review_windows (engagement_id, opened_at, closes_at)
           VALUES ($1, $2, $3) ON CONFLICT (engagement_id) DO NOTHING RETURNING true""",
        window.engagement_id,
        window.opened_at,
        window.closes_at,
    )
    return bool(opened)


async def lock_window(conn: asyncpg.Connection, engagement_id: str) -> ReviewWindow | None:
    row = await conn.fetchrow(f"{_WINDOWS} WHERE engagement_id = $1 FOR UPDATE", engagement_id)
    return window_from_row(row) if row else None


async def lock_windows_due(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[ReviewWindow]:
    """Open windows whose time is up, locked; those a submission holds are skipped."""
    return await take_due(
        conn,
        _WINDOWS,
        "closed_at IS NULL",
        due="closes_at",
        now=now,
        batch=batch,
        record=window_from_row,
    )


async def close_window(conn: asyncpg.Connection, engagement_id: str, at: datetime) -> None:
    await conn.execute(
        "UPDATE review_windows SET closed_at = $2 WHERE engagement_id = $1", engagement_id, at
    )


async def reviews_of(conn: asyncpg.Connection, engagement_id: str) -> list[Review]:
    rows = await conn.fetch(f"{_REVIEWS} WHERE engagement_id = $1 ORDER BY side", engagement_id)
    return [review_from_row(row) for row in rows]


async def insert_review(conn: asyncpg.Connection, review: Review) -> None:
    await conn.execute(
        """INSERT INTO reviews (id, engagement_id, side, author_id, subject_id, rating,
                                comment, endorsed_skills, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""",
        review.id,
        review.engagement_id,
        review.side.value,
        review.author_id,
        review.subject_id,
        review.rating,
        review.comment,
        list(review.endorsed_skills),
        review.submitted_at,
    )


async def publish(conn: asyncpg.Connection, reviews: Sequence[Review], at: datetime) -> None:
    await conn.execute(
        "UPDATE reviews SET published_at = $2 WHERE id = ANY($1::uuid[]) AND published_at IS NULL",
        [review.id for review in reviews],
        at,
    )


async def page_published_about(
    conn: asyncpg.Connection, subject_id: str, after: Position | None, limit: int
) -> Page[Review]:
    return await newest_first(
        conn,
        f"SELECT {REVIEW_COLUMNS}, published_at AS at FROM reviews",  # noqa: S608
        "subject_id = $1 AND published_at IS NOT NULL",
        [subject_id],
        at="published_at",
        id_column="id",
        after=after,
        limit=limit,
        record=review_from_row,
    )
