"""What a sweep takes: a batch of rows whose moment passed, locked for one
transaction. Rows another transaction holds (another replica's sweep, an owner acting
now) are skipped rather than waited for, so that replicas sweep side by side."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import asyncpg

__all__ = ["take_due"]

T = TypeVar("T")


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
    at or before ``now``, the longest due first; ``record`` makes each row a domain
    record. The SQL parts are the stores' own constants, never input."""
    rows = await conn.fetch(
        f"""{select} WHERE {where} AND {due} <= $1
            ORDER BY {due} LIMIT $2 FOR UPDATE SKIP LOCKED""",
        now,
        batch,
    )
    return [record(row) for row in rows]
