"""Keyset pages, newest first: a page starts after the (time, id) position its
cursor names, so pages neither repeat nor skip rows added meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import asyncpg

from stint_runtime.paging import Page, Position, page_of

__all__ = ["newest_first"]

T = TypeVar("T")


async def newest_first(
    conn: asyncpg.Connection,
    select: str,
    where: str,
    params: Sequence[Any],
    *,
    at: str,
    id_column: str,
    after: Position | None,
    limit: int,
    record: Callable[[asyncpg.Record], T],
) -> Page[T]:
    """The page of ``select``'s rows matching ``where`` (whose parameters are
    ``params``: $1...), sorted on the ``at`` and ``id_column`` columns. The SQL parts
    are the stores' own constants, never input; the position is the ``at`` and
    ``id`` the select names so."""
    at_n, id_n, limit_n = (f"${len(params) + i}" for i in (1, 2, 3))
    rows = await conn.fetch(
        f"""{select} WHERE {where}
              AND ({at_n}::timestamptz IS NULL OR ({at}, {id_column}) < ({at_n}, {id_n}::uuid))
            ORDER BY {at} DESC, {id_column} DESC LIMIT {limit_n}""",
        *params,
        after.at if after else None,
        after.id if after else None,
        limit + 1,
    )
    return page_of(rows, limit, lambda row: Position(row["at"], str(row["id"]))).map(record)
