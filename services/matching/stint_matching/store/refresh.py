"""Catching the in-memory index up with the service's tables.

Every row carries ``changed_in``, the transaction that last wrote it. A catch-up first
notes the oldest transaction still running (the xmin of a fresh snapshot), then reads
every row with ``changed_in`` at or above the previous catch-up's note, and keeps the
new note. A change committed after the previous catch-up was made by a transaction
that was still running then, or began later: either way its id is at or above that
note, so no committed change is missed, whatever order transactions commit in (rows
read twice are applied twice, to the same effect). The first catch-up reads
everything: the index is rebuilt from the tables at start.

Every replica keeps its own index this way, whichever replica's consumer wrote the
rows; reads catch up when the last catch-up is older than ``index_staleness_s``, and
a periodic job keeps the index warm in between.
"""

from __future__ import annotations

import time

import asyncpg

from stint_matching.context import Context
from stint_matching.domain.index import MatchIndex
from stint_matching.store.rows import (
    LISTING_COLUMNS,
    PROFILE_COLUMNS,
    engagement_from_row,
    listing_from_row,
    profile_from_row,
)
from stint_runtime.db import connection

__all__ = ["catch_up", "catch_up_within", "fresh_index"]

_SINCE = "changed_in >= $1::text::xid8"


async def catch_up(conn: asyncpg.Connection, index: MatchIndex) -> int:
    """Apply every row changed since the last catch-up; how many rows were read."""
    since = index.watermark
    horizon: str = await conn.fetchval("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
    listings = await conn.fetch(f"SELECT {LISTING_COLUMNS} FROM listings WHERE {_SINCE}", since)  # noqa: S608
    profiles = await conn.fetch(f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE {_SINCE}", since)  # noqa: S608
    names = await conn.fetch(
        f"SELECT account_id, display_name FROM students WHERE {_SINCE}",  # noqa: S608
        since,
    )
    verified = await conn.fetch(
        f"""SELECT student_id, array_agg(skill) AS skills FROM verified_skills
             WHERE student_id IN (SELECT student_id FROM verified_skills WHERE {_SINCE})
             GROUP BY student_id""",  # noqa: S608
        since,
    )
    applications = await conn.fetch(
        f"SELECT student_id, listing_id FROM applications WHERE {_SINCE}",  # noqa: S608
        since,
    )
    engagements = await conn.fetch(
        f"SELECT engagement_id, student_id, listing_id, status FROM engagements WHERE {_SINCE}",  # noqa: S608
        since,
    )
    # Listings first: the industries a student tried are read from them.
    for row in listings:
        index.put_listing(listing_from_row(row))
    for row in profiles:
        index.put_profile(profile_from_row(row))
    for row in names:
        index.put_display_name(str(row["account_id"]), row["display_name"])
    for row in verified:
        index.set_verified(str(row["student_id"]), row["skills"])
    for row in applications:
        index.record_application(str(row["student_id"]), str(row["listing_id"]))
    for row in engagements:
        index.put_engagement(engagement_from_row(row))
    index.watermark = horizon
    groups = (listings, profiles, names, verified, applications, engagements)
    return sum(len(rows) for rows in groups)


def _fresh(ctx: Context) -> bool:
    return time.monotonic() - ctx.index.synced_at < ctx.index_staleness_s


async def catch_up_within(conn: asyncpg.Connection, ctx: Context) -> MatchIndex:
    """The index, caught up on ``conn`` (one catch-up at a time)."""
    async with ctx.index_lock:
        started = time.monotonic()
        await catch_up(conn, ctx.index)
        ctx.index.synced_at = started
    return ctx.index


async def fresh_index(pool: asyncpg.Pool, ctx: Context) -> MatchIndex:
    """The index, caught up first when its last catch-up is older than allowed."""
    if _fresh(ctx):
        return ctx.index
    async with ctx.index_lock:
        if not _fresh(ctx):
            started = time.monotonic()
            async with connection(pool) as conn:
                await catch_up(conn, ctx.index)
            ctx.index.synced_at = started
    return ctx.index
