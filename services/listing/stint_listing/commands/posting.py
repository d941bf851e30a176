"""An employer posts a listing: a private draft, edits, publication, withdrawal. Each
change locks the listing, checks it is the caller's own, applies the lifecycle's
rule, saves it and announces it."""

from __future__ import annotations

import uuid

import asyncpg

from stint_listing import events
from stint_listing.context import Context
from stint_listing.domain import access, lifecycle
from stint_listing.domain.listing import CloseReason, Listing, ListingStatus, ListingTerms
from stint_listing.domain.terms import ListingPatch, revise_terms, validate_terms
from stint_listing.store import listings as store
from stint_listing.store import organizations as organization_store
from stint_runtime.db import connection, transaction
from stint_runtime.errors import Conflict, NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import parse_id

__all__ = ["close_listing", "create_listing", "publish_listing", "update_listing"]


async def create_listing(
    pool: asyncpg.Pool, ctx: Context, caller: Caller, terms: ListingTerms
) -> Listing:
    """A draft: private to its organization, no event until it is published."""
    organization_id = access.hiring_organization(caller)
    now = ctx.clock()
    terms = validate_terms(terms, ctx.rules, now=now)
    async with connection(pool) as conn:
        organization = await organization_store.get_organization(conn, organization_id)
        if organization is None:
            raise Conflict("the caller's organization is not registered")
        listing = Listing(
            id=uuid.uuid4(),
            organization_id=organization.id,
            organization_name=organization.name,
            terms=terms,
            slots_filled=0,
            status=ListingStatus.DRAFT,
            close_reason=None,
            created_at=now,
            published_at=None,
            closed_at=None,
            updated_at=now,
            version=1,
        )
        await store.insert_listing(conn, listing)
    return listing


async def update_listing(
    pool: asyncpg.Pool, ctx: Context, caller: Caller, listing_id: str, patch: ListingPatch
) -> Listing:
    """Edits of an open listing are announced; a draft's stay private."""
    async with transaction(pool) as conn:
        current = await _owned(conn, caller, listing_id)
        lifecycle.ensure_editable(current)
        now = ctx.clock()
        terms = revise_terms(
            current.terms, patch, ctx.rules, now=now, slots_filled=current.slots_filled
        )
        revised = lifecycle.revise(current, terms, now=now)
        if revised is not current:
            await store.save_listing(conn, revised)
            if revised.status is ListingStatus.OPEN:
                await events.announce_updated(conn, ctx.schema, revised)
    return revised


async def publish_listing(
    pool: asyncpg.Pool, ctx: Context, caller: Caller, listing_id: str
) -> Listing:
    async with transaction(pool) as conn:
        current = await _owned(conn, caller, listing_id)
        published = lifecycle.publish(current, now=ctx.clock())
        await store.save_listing(conn, published)
        await events.announce_published(conn, ctx.schema, published)
    return published


async def close_listing(
    pool: asyncpg.Pool,
    ctx: Context,
    caller: Caller,
    listing_id: str,
    reason: CloseReason | None,
) -> Listing:
    """Withdraw a draft or open listing; a withdrawn draft is announced too, so that
    every close is on the topic."""
    async with transaction(pool) as conn:
        current = await _owned(conn, caller, listing_id)
        closed = lifecycle.close(current, lifecycle.owner_close_reason(reason), now=ctx.clock())
        await store.save_listing(conn, closed)
        await events.announce_closed(conn, ctx.schema, closed)
    return closed


async def _owned(conn: asyncpg.Connection, caller: Caller, listing_id: str) -> Listing:
    """The caller's own listing, locked for the change; NotFound for anyone else's."""
    listing = await store.lock_listing(conn, parse_id(listing_id, "listing"))
    if listing is None:
        raise NotFound("No such listing.")
    access.ensure_owner(caller, listing)
    return listing
