"""A student writes their profile; employers verify their skills (reputation events)."""

from __future__ import annotations

import math
from dataclasses import replace

import asyncpg

from stint_matching import events
from stint_matching.context import Context
from stint_matching.domain.profiles import Profile, ProfileInput, validate_profile
from stint_matching.store import profiles as store
from stint_matching.store.projections import put_verified_skill
from stint_runtime.db import transaction
from stint_runtime.identity import Caller
from stint_runtime.vocabulary import normalise_skill, skill_shape_problem

__all__ = ["put_profile", "verify_skill"]


async def put_profile(
    pool: asyncpg.Pool, ctx: Context, student: Caller, given: ProfileInput
) -> Profile:
    """Create or replace the caller's profile; nothing is stored when any field is
    refused (validated before the transaction begins)."""
    checked = validate_profile(student.account_id, given, now=ctx.clock(), version=0)
    async with transaction(pool) as conn:
        version = await store.lock_profile_version(conn, student.account_id)
        profile = replace(
            checked,
            version=version + 1,
            display_name=await store.display_name(conn, student.account_id),
            verified_skills=await store.verified_skills(conn, student.account_id),
        )
        await store.save_profile(conn, profile)
        await events.profile_updated(conn, ctx.schema, profile)
    # The next read catches the index up with this commit.
    ctx.index.synced_at = -math.inf
    return profile


async def verify_skill(
    conn: asyncpg.Connection, ctx: Context, student_id: str, skill: str, endorsements: int
) -> None:
    """Inside the handler's transaction: the skill counts as verified from now on, and
    a student with a profile announces its new version."""
    name = normalise_skill(skill)
    if skill_shape_problem(name, 200) is not None:
        raise ValueError(f"SkillVerified without a usable skill name: {skill!r}")
    if await put_verified_skill(conn, student_id, name, endorsements):
        profile = await store.touch_profile(conn, student_id)
        if profile is not None:
            await events.profile_updated(conn, ctx.schema, profile)
