"""The engagement's work: the student delivers, the owner completes, either cancels;
delivered work nobody acted on completes by itself."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from stint_application import events
from stint_application.commands.changing import ENGAGEMENT, locked_change
from stint_application.context import Context
from stint_application.domain import engagements as work
from stint_application.domain.access import require_owner, require_party, require_student_of
from stint_application.domain.engagements import Engagement
from stint_application.domain.validation import (
    validate_cancellation,
    validate_delivery,
)
from stint_application.store import engagements as store
from stint_runtime.db.sweeps import sweep
from stint_runtime.identity import Caller

__all__ = ["auto_complete_due", "cancel", "complete", "deliver"]


async def deliver(
    pool: asyncpg.Pool,
    ctx: Context,
    student: Caller,
    engagement_id: str,
    summary: str,
    links: Sequence[str],
) -> Engagement:

    def change(engagement: Engagement) -> Engagement:
        validate_delivery(summary, links)
        return work.deliver(
            engagement, summary.strip(), links, ctx.clock(), ctx.auto_complete_window
        )

    return await locked_change(
        pool,
        ctx,
        ENGAGEMENT,
        engagement_id,
        lambda e: require_student_of(student, e, "engagement"),
        change,
    )


async def complete(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, engagement_id: str
) -> Engagement:
    return await locked_change(
        pool,
        ctx,
        ENGAGEMENT,
        engagement_id,
        lambda e: require_owner(owner, e.organization_id, "engagement"),
        lambda e: work.complete(e, ctx.clock()),
    )


async def cancel(
    pool: asyncpg.Pool, ctx: Context, party: Caller, engagement_id: str, reason: str
) -> Engagement:

    def change(engagement: Engagement) -> Engagement:
        validate_cancellation(reason)
        return work.cancel(engagement, party.account_id, reason.strip(), ctx.clock())

    return await locked_change(
        pool,
        ctx,
        ENGAGEMENT,
        engagement_id,
        lambda e: require_party(party, e, "engagement"),
        change,
    )


async def auto_complete_due(pool: asyncpg.Pool, ctx: Context) -> int:
    """Complete delivered work whose window passed, a batch per transaction. Safe with
    several replicas: each row is taken by one of them."""

    async def batch(conn: asyncpg.Connection, size: int) -> int:
        now = ctx.clock()
        due = await store.lock_delivered_due(conn, now, size)
        for engagement in due:
            completed = work.complete(engagement, now, automatically=True)
            await store.save_engagement(conn, completed)
            await events.engagement_changed(conn, ctx.schema, completed)
        return len(due)

    return await sweep(pool, ctx.sweep_batch, batch)
