"""The listing's clockwork: open listings past their apply_by close. Safe on every
replica (rows are taken with FOR UPDATE SKIP LOCKED, the outbox written in the same
transaction), so every replica runs it."""

from __future__ import annotations

import asyncpg

from stint_listing.commands.closing import close_past_apply_by
from stint_listing.context import Context
from stint_runtime.service import PeriodicJob

__all__ = ["periodic_jobs"]


def periodic_jobs(ctx: Context, interval_s: float) -> list[PeriodicJob]:
    async def deadline_sweep(pool: asyncpg.Pool) -> int:
        return await close_past_apply_by(pool, ctx)

    return [PeriodicJob("listing-deadline-sweep", interval_s, deadline_sweep)]
