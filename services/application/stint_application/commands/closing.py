"""The platform's own decisions: applications closed with a reason when their listing
closes or fills, or when their decision deadline passes."""

from __future__ import annotations

import asyncpg

from stint_application import events
from stint_application.context import Context
from stint_application.domain import applications as rules
from stint_application.domain.applications import Application, CloseReason
from stint_application.store import applications as store
from stint_runtime.db.sweeps import sweep

__all__ = ["close_open_on_listing", "close_undecided_due"]


async def _close_each(
    conn: asyncpg.Connection, ctx: Context, due: list[Application], reason: CloseReason
) -> int:
    now = ctx.clock()
    for app in due:
        closed = rules.close(app, reason, now)
        await store.save_application(conn, closed)
        await events.application_changed(conn, ctx.schema, closed)
    return len(due)


async def close_open_on_listing(
    conn: asyncpg.Connection, ctx: Context, listing_id: str, reason: CloseReason
) -> int:
    """Inside the caller's transaction; returns how many were closed."""
    due = await store.lock_open_on_listing(conn, listing_id)
    return await _close_each(conn, ctx, due, reason)


async def close_undecided_due(pool: asyncpg.Pool, ctx: Context) -> int:
    """Close every undecided application whose deadline passed, a batch per
    transaction. Safe with several replicas: each row is taken by one of them."""

    async def batch(conn: asyncpg.Connection, size: int) -> int:
        due = await store.lock_undecided_due(conn, ctx.clock(), size)
        return await _close_each(conn, ctx, due, CloseReason.NO_DECISION)

    return await sweep(pool, ctx.sweep_batch, batch)
