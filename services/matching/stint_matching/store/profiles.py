"""Profiles, with the display names and verified skills they are shown with."""

from __future__ import annotations

import asyncpg

from stint_matching.domain.profiles import Profile
from stint_matching.store.rows import PROFILE_COLUMNS, profile_from_row

__all__ = [
    "display_name",
    "get_profile",
    "lock_profile_version",
    "save_profile",
    "touch_profile",
    "verified_skills",
]


async def lock_profile_version(conn: asyncpg.Connection, student_id: str) -> int:
    """The profile's version, its row locked for the change; 0 without a profile.
    A student's first profile is serialised by the advisory lock of their id, so two
    concurrent first PUTs do not both start at version 1."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", student_id)
    version: int | None = await conn.fetchval(
        "SELECT version FROM profiles WHERE student_id = $1 FOR UPDATE", student_id
    )
    return version or 0


async def save_profile(conn: asyncpg.Connection, profile: Profile) -> None:
    await conn.execute(
        """INSERT INTO profiles (student_id, headline, skill_names, skill_levels, interests,
                                 availability_hours_per_week, remote_ok, location,
                                 updated_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (student_id) DO UPDATE SET
               headline = EXCLUDED.headline,
               skill_names = EXCLUDED.skill_names,
               skill_levels = EXCLUDED.skill_levels,
               interests = EXCLUDED.interests,
               availability_hours_per_week = EXCLUDED.availability_hours_per_week,
               remote_ok = EXCLUDED.remote_ok,
               location = EXCLUDED.location,
               updated_at = EXCLUDED.updated_at,
               version = EXCLUDED.version,
               changed_in = pg_current_xact_id()""",
        profile.student_id,
        profile.headline,
        [s.name for s in profile.skills],
        [s.level for s in profile.skills],
        list(profile.interests),
        profile.availability_hours_per_week,
        profile.remote_ok,
        profile.location,
        profile.updated_at,
        profile.version,
    )


async def touch_profile(conn: asyncpg.Connection, student_id: str) -> Profile | None:
    """A new version of the profile (its verified skills changed); None without one."""
    row = await conn.fetchrow(
        f"""UPDATE profiles SET version = version + 1, changed_in = pg_current_xact_id()
             WHERE student_id = $1 RETURNING {PROFILE_COLUMNS}""",  # noqa: S608 (constant columns)
        student_id,
    )
    if row is None:
        return None
    return profile_from_row(
        row, await display_name(conn, student_id), await verified_skills(conn, student_id)
    )


async def display_name(conn: asyncpg.Connection, student_id: str) -> str:
    found: str | None = await conn.fetchval(
        "SELECT display_name FROM students WHERE account_id = $1", student_id
    )
    return found or ""


async def verified_skills(conn: asyncpg.Connection, student_id: str) -> tuple[str, ...]:
    rows = await conn.fetch(
        "SELECT skill FROM verified_skills WHERE student_id = $1 ORDER BY skill", student_id
    )
    return tuple(row["skill"] for row in rows)


async def get_profile(conn: asyncpg.Connection, student_id: str) -> Profile | None:
    row = await conn.fetchrow(
        f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE student_id = $1",  # noqa: S608
        student_id,
    )
    if row is None:
        return None
    return profile_from_row(
        row, await display_name(conn, student_id), await verified_skills(conn, student_id)
    )
