"""Review windows, from reputation events: when each closes and who has reviewed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

__all__ = ["ReviewWindow", "get_window", "mark_published", "mark_reviewed", "open_window"]


@dataclass(frozen=True)
class ReviewWindow:
    engagement_id: str
    student_id: str
    organization_id: str
    listing_title: str
    closes_at: datetime
    student_reviewed: bool
    organization_reviewed: bool
    published: bool


async def open_window(
    conn: asyncpg.Connection,
    engagement_id: str,
    student_id: str,
    organization_id: str,
    listing_title: str,
    closes_at: datetime,
) -> None:
    await conn.execute(
        """INSERT INTO review_windows (engagement_id, student_id, organization_id, listing_title,
                                       closes_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (engagement_id) DO UPDATE SET closes_at = EXCLUDED.closes_at""",
        engagement_id,
        student_id,
        organization_id,
        listing_title,
        closes_at,
    )


async def mark_reviewed(conn: asyncpg.Connection, engagement_id: str, side: str) -> None:
    """``side``: ``student`` or ``organization``."""
    column = {"student": "student_reviewed", "organization": "organization_reviewed"}[side]
    await conn.execute(
        f"UPDATE review_windows SET {column} = true WHERE engagement_id = $1",  # noqa: S608
        engagement_id,
    )


async def mark_published(conn: asyncpg.Connection, engagement_id: str) -> None:
    await conn.execute(
        "UPDATE review_windows SET published = true WHERE engagement_id = $1", engagement_id
    )


async def get_window(conn: asyncpg.Connection, engagement_id: str) -> ReviewWindow | None:
    row = await conn.fetchrow(
        """SELECT engagement_id, student_id, organization_id, listing_title, closes_at,
                  student_reviewed, organization_reviewed, published
           FROM review_windows WHERE engagement_id = $1""",
        engagement_id,
    )
    if row is None:
        return None
    return ReviewWindow(
        engagement_id=str(row["engagement_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        listing_title=row["listing_title"],
        closes_at=row["closes_at"],
        student_reviewed=row["student_reviewed"],
        organization_reviewed=row["organization_reviewed"],
        published=row["published"],
    )
