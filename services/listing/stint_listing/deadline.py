"""The apply-by deadline: open listings whose apply_by passed close with reason
deadline. Safe with several replicas: each claims rows with SKIP LOCKED, and closes
them and writes their events in one transaction."""

from __future__ import annotations

import logging

import asyncpg

from stint_listing import events
from stint_listing.store import listings as listing_store
from stint_runtime.db import transaction
from stint_runtime.service import PeriodicJob

__all__ = ["BATCH", "deadline_job", "sweep_deadlines"]

log = logging.getLogger(__name__)

BATCH = 100
"""Listings closed per transaction: keeps each transaction (and its locks) short."""


async def sweep_deadlines(pool: asyncpg.Pool, schema: str) -> int:
    """Close every open listing past its apply_by; the number closed."""
    total = 0
    while True:
        async with transaction(pool) as conn:
            closed = await listing_store.close_expired(conn, batch=BATCH)
            for listing in closed:
                await events.announce_closed(conn, schema, listing)
        total += len(closed)
        if len(closed) < BATCH:
            break
    if total:
        log.info("closed listings past their apply_by", extra={"closed": total})
    return total


def deadline_job(schema: str, interval_s: float) -> PeriodicJob:
    async def run(pool: asyncpg.Pool) -> int:
        return await sweep_deadlines(pool, schema)

    return PeriodicJob(name="listing-deadline-sweep", interval_s=interval_s, run=run)
