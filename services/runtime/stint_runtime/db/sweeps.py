"""The batch sweeps of periodic jobs: rows whose moment passed, handled a batch per
transaction. Rows another transaction holds (another replica's sweep, a person acting
on the same row now) are skipped rather than waited for, so replicas sweep side by
side and every row is handled by one of them, with its events in its transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

import asyncpg

from stint_runtime.db.pool import transaction

__all__ = ["Batch", "sweep", "take_due"]

T = TypeVar("T")

Batch = Callable[[asyncpg.Connection, int], Awaitable[int]]
"""Handles up to the given number of rows inside the transaction it is given; returns
how many it handled."""


async def sweep(pool: asyncpg.Pool, batch_size: int, batch: Batch) -> int:
    """Run ``batch`` in one transaction after another until one handles fewer than
    ``batch_size`` rows (short transactions, short locks); the total handled."""
    total = 0
    while True:
        async with transaction(pool) as conn:
            handled = await batch(conn, batch_size)
        total += handled
        if handled < batch_size:
            return total


async def take_due(
    conn: asyncpg.Connection,
    select: str,
    where: str,
    *,
    due: str,
    now: datetime,
    batch: int,
    record: Callable[[asyncpg.Record], T],
) -> list[T]:
    """Up to ``batch`` of ``select``'s rows matching ``where`` whose ``due`` column is
    at or before ``now``, the longest due first, locked; ``record`` makes each row a
    domain record. The SQL parts are the stores' own constants, never input."""
    rows = await conn.fetch(
        f"""{select} WHERE {where} AND {due} <= $1
            ORDER BY {due} LIMIT $2 FOR UPDATE SKIP LOCKED""",
        now,
        batch,
    )
    return [record(row) for row in rows]
