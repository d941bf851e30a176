"""Keeping the in-memory index warm: every replica catches its own index up with the
tables in the background, so that reads seldom wait for a catch-up. Read-only, hence
safe on every replica."""

from __future__ import annotations

import asyncpg

from stint_matching.context import Context
from stint_matching.store.refresh import fresh_index
from stint_runtime.service import PeriodicJob

__all__ = ["periodic_jobs"]


def periodic_jobs(ctx: Context, interval_s: float) -> list[PeriodicJob]:
    async def keep_index_warm(pool: asyncpg.Pool) -> None:
        await fresh_index(pool, ctx)

    return [PeriodicJob("index-catch-up", max(interval_s, 0.05), keep_index_warm)]
