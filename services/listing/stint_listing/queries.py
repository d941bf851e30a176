"""Reads: a listing (drafts for their owner only) and listing searches."""

from __future__ import annotations

import asyncpg

from stint_listing.domain import access
from stint_listing.domain.listing import Listing
from stint_listing.domain.search import page_of_listings, search
from stint_listing.store import listings as store
from stint_listing.store.search import search_listings
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import parse_id
from stint_runtime.paging import Page

__all__ = ["find_listings", "get_listing"]


async def get_listing(pool: asyncpg.Pool, caller: Caller | None, listing_id: str) -> Listing:
    listing = await store.get_listing(pool, parse_id(listing_id, "listing"))
    if listing is None:
        raise NotFound("No such listing.")
    access.ensure_visible(caller, listing)
    return listing


async def find_listings(
    pool: asyncpg.Pool,
    caller: Caller | None,
    *,
    mine: bool,
    q: str,
    industry: str,
    skill: str,
    remote: bool | None,
    min_pay_cents: int,
    limit: int,
    cursor: str,
) -> Page[Listing]:
    """Open listings for anyone; with ``mine``, the employer's own of every status."""
    query = search(
        q=q,
        industry=industry,
        skill=skill,
        remote=remote,
        min_pay_cents=min_pay_cents,
        owner=access.own_listings_of(caller) if mine else None,
        limit=limit,
        cursor=cursor,
    )
    return page_of_listings(await search_listings(pool, query), query)
