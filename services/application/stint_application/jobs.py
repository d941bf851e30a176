"""The platform's clockwork: undecided applications close at their decision deadline,
delivered work completes when its window passes. Each is safe with several replicas
(rows are taken with FOR UPDATE SKIP LOCKED, the outbox written in the same
transaction), so every replica runs them."""

from __future__ import annotations

import asyncpg

from stint_application.commands.closing import close_undecided_due
from stint_application.commands.working import auto_complete_due
from stint_application.context import Context
from stint_runtime.service import PeriodicJob

__all__ = ["periodic_jobs"]


def periodic_jobs(ctx: Context, interval_s: float) -> list[PeriodicJob]:
    async def decision_deadlines(pool: asyncpg.Pool) -> int:
        return await close_undecided_due(pool, ctx)

    async def auto_complete(pool: asyncpg.Pool) -> int:
        return await auto_complete_due(pool, ctx)

    return [
        PeriodicJob("decision-deadline-sweep", interval_s, decision_deadlines),
        PeriodicJob("auto-complete-sweep", interval_s, auto_complete),
    ]
