"""MatchFound announcements, each at most once per listing and student, ever."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

__all__ = ["claim_new_matches"]


async def claim_new_matches(
    conn: asyncpg.Connection,
    listing_id: str,
    found: Sequence[tuple[str, float]],
    now: datetime,
) -> set[str]:
    """Record ``found`` (student id, score) for ``listing_id``; the students not
    announced for it before (only theirs may be announced now)."""
    if not found:
        return set()
    rows = await conn.fetch(
        """INSERT INTO matches_found (listing_id, student_id, score, found_at)
           SELECT $1, student_id, score, $4
             FROM unnest($2::uuid[], $3::float8[]) AS t (student_id, score)
           ON CONFLICT (listing_id, student_id) DO NOTHING
           RETURNING student_id""",
        listing_id,
        [student_id for student_id, _ in found],
        [score for _, score in found],
        now,
    )
    return {str(row["student_id"]) for row in rows}
