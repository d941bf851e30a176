"""Newest-first pages of the rows of one table that match one column, by keyset: a
page starts after the (time, id) position its cursor names, so pages stay stable while
rows are added."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import asyncpg

from stint_runtime.paging import Page, Position, page_of

__all__ = ["newest_first"]

T = TypeVar("T")


async def newest_first(
    conn: asyncpg.Connection,
    select: str,
    match: tuple[str, str],
    *,
    at: str,
    after: Position | None,
    limit: int,
    record: Callable[[asyncpg.Record], T],
) -> Page[T]:
    """The page of ``select``'s rows whose ``match`` column holds its value, sorted on
    the ``at`` column and id; ``record`` makes each row a domain record. The SQL names
    are the stores' own constants, never input."""
    column, value = match
    rows = await conn.fetch(
        f"""{select} WHERE {column} = $1
              AND ($2::timestamptz IS NULL OR ({at}, id) < ($2, $3::uuid))
            ORDER BY {at} DESC, id DESC LIMIT $4""",
        value,
        after.at if after else None,
        after.id if after else None,
        # One row past the page says that there is a next page.
        limit + 1,
    )
    return page_of(rows, limit, lambda row: Position(row[at], str(row["id"]))).map(record)
