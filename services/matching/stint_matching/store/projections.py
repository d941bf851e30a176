"""Projections of other services' data, kept from their events: listings, students'
display names, verified skills, applications and engagements. Each keeps the newest
version it saw (an older or equal event changes nothing)."""

from __future__ import annotations

import asyncpg

from stint_matching.domain.listings import ListingView
from stint_matching.store.rows import LISTING_COLUMNS, listing_from_row

__all__ = [
    "get_listing",
    "put_application",
    "put_engagement",
    "put_listing",
    "put_student",
    "put_verified_skill",
]


async def put_listing(conn: asyncpg.Connection, listing: ListingView) -> bool:
    """True when ``listing`` is newer than what was kept (and is kept now)."""
    status = await conn.execute(
        """INSERT INTO listings (listing_id, organization_id, organization_name, title,
                                 industry, skill_names, skill_required, estimated_hours,
                                 duration_days, remote, location, status, apply_by,
                                 published_at, version, message)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (listing_id) DO UPDATE SET
               organization_id = EXCLUDED.organization_id,
               organization_name = EXCLUDED.organization_name,
               title = EXCLUDED.title,
               industry = EXCLUDED.industry,
               skill_names = EXCLUDED.skill_names,
               skill_required = EXCLUDED.skill_required,
               estimated_hours = EXCLUDED.estimated_hours,
               duration_days = EXCLUDED.duration_days,
               remote = EXCLUDED.remote,
               location = EXCLUDED.location,
               status = EXCLUDED.status,
               apply_by = EXCLUDED.apply_by,
               published_at = EXCLUDED.published_at,
               version = EXCLUDED.version,
               message = EXCLUDED.message,
               changed_in = pg_current_xact_id()
             WHERE listings.version < EXCLUDED.version""",
        listing.id,
        listing.organization_id,
        listing.organization_name,
        listing.title,
        listing.industry,
        [s.name for s in listing.skills],
        [s.required for s in listing.skills],
        listing.estimated_hours,
        listing.duration_days,
        listing.remote,
        listing.location,
        listing.status.value,
        listing.apply_by,
        listing.published_at,
        listing.version,
        listing.message,
    )
    return status.endswith(" 1")


async def get_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    row = await conn.fetchrow(
        f"SELECT {LISTING_COLUMNS} FROM listings WHERE listing_id = $1",  # noqa: S608
        listing_id,
    )
    return None if row is None else listing_from_row(row)


async def put_student(conn: asyncpg.Connection, account_id: str, display_name: str) -> None:
    await conn.execute(
        """INSERT INTO students (account_id, display_name) VALUES ($1, $2)
           ON CONFLICT (account_id) DO UPDATE
              SET display_name = EXCLUDED.display_name, changed_in = pg_current_xact_id()
            WHERE students.display_name IS DISTINCT FROM EXCLUDED.display_name""",
        account_id,
        display_name,
    )


async def put_verified_skill(
    conn: asyncpg.Connection, student_id: str, skill: str, endorsements: int
) -> bool:
    """True when the skill is newly verified (not only endorsed once more)."""
    created: bool | None = await conn.fetchval(
        """INSERT INTO verified_skills (student_id, skill, endorsements) VALUES ($1, $2, $3)
           ON CONFLICT (student_id, skill) DO UPDATE
              SET endorsements = GREATEST(verified_skills.endorsements, EXCLUDED.endorsements),
                  changed_in = pg_current_xact_id()
           RETURNING xmax = 0""",
        student_id,
        skill,
        endorsements,
    )
    return bool(created)


async def put_application(
    conn: asyncpg.Connection, application_id: str, student_id: str, listing_id: str, version: int
) -> None:
    await conn.execute(
        """INSERT INTO applications (application_id, student_id, listing_id, version)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (application_id) DO UPDATE
              SET version = EXCLUDED.version, changed_in = pg_current_xact_id()
            WHERE applications.version < EXCLUDED.version""",
        application_id,
        student_id,
        listing_id,
        version,
    )


async def put_engagement(
    conn: asyncpg.Connection,
    engagement_id: str,
    student_id: str,
    listing_id: str,
    status: str,
    version: int,
) -> None:
    await conn.execute(
        """INSERT INTO engagements (engagement_id, student_id, listing_id, status, version)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (engagement_id) DO UPDATE
              SET status = EXCLUDED.status, version = EXCLUDED.version,
                  changed_in = pg_current_xact_id()
            WHERE engagements.version < EXCLUDED.version""",
        engagement_id,
        student_id,
        listing_id,
        status,
        version,
    )
