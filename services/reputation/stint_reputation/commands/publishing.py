"""Publication: both reviews of an engagement at once, when the second arrives or when
the window ends; then they never change. Publication is when endorsed skills become
verified (SkillVerified) and when the reviews count toward both scores."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_reputation import events
from stint_reputation.commands.standing import announce_standing
from stint_reputation.context import Context
from stint_reputation.domain.projections import EngagementView
from stint_reputation.domain.reviews import ReviewWindow, Side, published
from stint_reputation.domain.subjects import Subject, SubjectKind
from stint_reputation.store import reviews as store
from stint_reputation.store.projections import lock_engagement_unless_held
from stint_reputation.store.standing import verified_skills
from stint_runtime.db.sweeps import sweep

__all__ = ["close_due_windows", "publish_window"]


async def publish_window(
    conn: asyncpg.Connection, ctx: Context, engagement: EngagementView, now: datetime
) -> None:
    """Inside the transaction holding the engagement's lock: publish what was
    submitted and close the window."""
    submitted = await store.reviews_of(conn, engagement.id)
    await store.close_window(conn, engagement.id, now)
    if not submitted:
        return
    reviews = published(submitted, now)
    await store.publish(conn, reviews, now)
    await events.reviews_published(conn, ctx.schema, engagement, reviews)
    endorsed = {s for r in reviews if r.side is Side.ORGANIZATION for s in r.endorsed_skills}
    if endorsed:
        for skill in await verified_skills(conn, engagement.student_id):
            if skill.name in endorsed:
                await events.skill_verified(conn, ctx.schema, engagement.student_id, skill)
    await announce_standing(
        conn,
        ctx,
        [
            Subject(engagement.student_id, SubjectKind.STUDENT),
            Subject(engagement.organization_id, SubjectKind.ORGANIZATION),
        ],
    )


async def close_due_windows(pool: asyncpg.Pool, ctx: Context) -> int:
    """Publish the reviews of every window whose time is up, a batch per transaction.
    Safe with several replicas, and beside a submission in flight (its window is
    skipped this round and taken the next)."""

    async def batch(conn: asyncpg.Connection, size: int) -> int:
        now = ctx.clock()
        due = await store.lock_windows_due(conn, now, size)
        for window in due:
            await _close(conn, ctx, window, now)
        # A full batch asks for another, even when some of it was skipped.
        return len(due)

    return await sweep(pool, ctx.sweep_batch, batch)


async def _close(
    conn: asyncpg.Connection, ctx: Context, window: ReviewWindow, now: datetime
) -> int:
    """1 when closed; 0 when a submission holds the engagement (the next round takes it,
    or the submission publishes it)."""
    engagement = await lock_engagement_unless_held(conn, window.engagement_id)
    if engagement is None:
        return 0
    await publish_window(conn, ctx, engagement, now)
    return 1
