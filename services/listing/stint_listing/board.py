"""The listing board: what callers ask of the listing service. Each change runs in one
transaction: lock the listing, apply the domain's rules, save, and write its event to
the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from stint_listing import events
from stint_listing.domain import access, lifecycle
from stint_listing.domain.listing import (
    CloseReason,
    Listing,
    ListingStatus,
    ListingTerms,
    Organization,
)
from stint_listing.domain.organization import new_organization
from stint_listing.domain.search import ListingSearch, page_of
from stint_listing.domain.terms import ListingPatch, TermsRules, revise_terms, validate_terms
from stint_listing.store import listings as listing_store
from stint_listing.store import organizations as organization_store
from stint_listing.store.search import search_listings
from stint_runtime.db import connection, transaction
from stint_runtime.errors import Conflict, NotFound
from stint_runtime.identity import Caller

__all__ = ["ListingBoard"]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ListingBoard:
    pool: asyncpg.Pool
    rules: TermsRules
    schema: str
    """The service's schema, whose outbox relay is woken on each event."""
    clock: Callable[[], datetime] = utc_now

    async def register_organization(
        self,
        caller: Caller | None,
        organization_id: UUID,
        *,
        name: str,
        industry: str,
        website: str,
    ) -> Organization:
        access.ensure_may_register(caller, organization_id)
        organization = new_organization(
            organization_id, name=name, industry=industry, website=website, now=self.clock()
        )
        async with connection(self.pool) as conn:
            return await organization_store.register_organization(conn, organization)

    async def create_listing(self, caller: Caller | None, terms: ListingTerms) -> Listing:
        """A draft: private to its organization, no event until it is published."""
        organization_id = access.hiring_organization(caller)
        now = self.clock()
        terms = validate_terms(terms, self.rules, now=now)
        async with connection(self.pool) as conn:
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
            await listing_store.insert_listing(conn, listing)
        return listing

    async def update_listing(
        self, caller: Caller | None, listing_id: UUID, patch: ListingPatch
    ) -> Listing:
        """Edits of an open listing are announced; a draft's stay private."""
        async with transaction(self.pool) as conn:
            current = await self._owned(conn, caller, listing_id)
            lifecycle.ensure_editable(current)
            now = self.clock()
            terms = revise_terms(
                current.terms, patch, self.rules, now=now, slots_filled=current.slots_filled
            )
            revised = lifecycle.revise(current, terms, now=now)
            if revised is not current:
                await listing_store.save_listing(conn, revised)
                if revised.status is ListingStatus.OPEN:
                    await events.announce_updated(conn, self.schema, revised)
        return revised

    async def publish_listing(self, caller: Caller | None, listing_id: UUID) -> Listing:
        async with transaction(self.pool) as conn:
            current = await self._owned(conn, caller, listing_id)
            published = lifecycle.publish(current, now=self.clock())
            await listing_store.save_listing(conn, published)
            await events.announce_published(conn, self.schema, published)
        return published

    async def close_listing(
        self, caller: Caller | None, listing_id: UUID, reason: CloseReason | None
    ) -> Listing:
        """Withdraw a draft or open listing; a withdrawn draft is announced too, so
        that every close is on the topic."""
        async with transaction(self.pool) as conn:
            current = await self._owned(conn, caller, listing_id)
            closed = lifecycle.close(
                current, lifecycle.owner_close_reason(reason), now=self.clock()
            )
            await listing_store.save_listing(conn, closed)
            await events.announce_closed(conn, self.schema, closed)
        return closed

    async def get_listing(self, caller: Caller | None, listing_id: UUID) -> Listing:
        listing = await listing_store.get_listing(self.pool, listing_id)
        if listing is None:
            raise NotFound("no such listing")
        access.ensure_visible(caller, listing)
        return listing

    async def search_listings(self, query: ListingSearch) -> tuple[list[Listing], str]:
        """A page of listings and the cursor of the next page ("" on the last)."""
        found = await search_listings(self.pool, query)
        return page_of(found, query)

    async def _owned(
        self, conn: asyncpg.Connection, caller: Caller | None, listing_id: UUID
    ) -> Listing:
        listing = await listing_store.lock_listing(conn, listing_id)
        if listing is None:
            raise NotFound("no such listing")
        access.ensure_owner(caller, listing)
        return listing
