"""Listing search: filters, full text and keyset pagination in one query."""

from __future__ import annotations

from typing import Any

import asyncpg

from stint_listing.domain.listing import Listing
from stint_listing.domain.search import ListingSearch, SearchOrder
from stint_listing.store.rows import LISTING_COLUMNS, listing_from_row

__all__ = ["search_listings"]

# Fixed names chosen by the search order, never by the caller.
_SORT_COLUMN = {SearchOrder.PUBLISHED: "published_at", SearchOrder.CREATED: "created_at"}


async def search_listings(
    conn: asyncpg.Connection | asyncpg.Pool, query: ListingSearch
) -> list[Listing]:
    """Up to ``query.limit + 1`` listings in the search's order: one more than a page,
    to tell whether another page follows."""
    args: list[Any] = []

    def arg(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    where = [f"organization_id = {arg(query.owner)}"] if query.owner else ["status = 'open'"]
    if query.industry:
        where.append(f"industry = {arg(query.industry)}")
    if query.skill:
        where.append(f"skill_names @> ARRAY[{arg(query.skill)}::text]")
    if query.remote is not None:
        where.append(f"remote = {arg(query.remote)}")
    if query.min_pay_cents:
        where.append(f"pay_amount_cents >= {arg(query.min_pay_cents)}")
    if query.q:
        # A query of stop words only ("the") is empty: it filters nothing.
        tsquery = f"websearch_to_tsquery('english', {arg(query.q)})"
        where.append(f"(numnode({tsquery}) = 0 OR search_document @@ {tsquery})")
    sort = _SORT_COLUMN[query.order]
    if query.after:
        where.append(f"({sort}, id) < ({arg(query.after.at)}, {arg(query.after.id)}::uuid)")
    sql = (
        f"SELECT {LISTING_COLUMNS} FROM listings WHERE {' AND '.join(where)} "  # noqa: S608
        f"ORDER BY {sort} DESC, id DESC LIMIT {arg(query.limit + 1)}"
    )
    rows = await conn.fetch(sql, *args)
    return [listing_from_row(row) for row in rows]
