"""The platform closes what the employer did not: open listings past their apply_by
close with reason ``deadline``, a batch per transaction, by the domain's rule and the
service's clock."""

from __future__ import annotations

import logging

import asyncpg

from stint_listing import events
from stint_listing.context import Context
from stint_listing.domain import lifecycle
from stint_listing.domain.listing import CloseReason
from stint_listing.store import listings as store
from stint_runtime.db.sweeps import sweep

__all__ = ["close_past_apply_by"]

log = logging.getLogger(__name__)


async def close_past_apply_by(pool: asyncpg.Pool, ctx: Context) -> int:
    """Close every open listing whose apply_by passed; the number closed. Safe with
    several replicas: each listing is taken by one of them."""

    async def batch(conn: asyncpg.Connection, size: int) -> int:
        now = ctx.clock()
        due = await store.lock_open_past_apply_by(conn, now, size)
        for listing in due:
            closed = lifecycle.close(listing, CloseReason.DEADLINE, now=now)
            await store.save_listing(conn, closed)
            await events.announce_closed(conn, ctx.schema, closed)
        return len(due)

    closed = await sweep(pool, ctx.sweep_batch, batch)
    if closed:
        log.info("closed listings past their apply_by", extra={"closed": closed})
    return closed
