"""Reads, each visible only to the parties: the student it concerns and the listing's
owner organization."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg

from stint_application.domain.access import require_found, require_owner, require_party
from stint_application.domain.applications import Application
from stint_application.domain.engagements import Engagement
from stint_application.store import applications, engagements
from stint_application.store.listings import get_listing
from stint_runtime.db import connection
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id
from stint_runtime.paging import Page, decode_cursor, page_limit

__all__ = [
    "get_application",
    "get_engagement",
    "list_listing_applications",
    "list_my_applications",
    "list_my_engagements",
]

T = TypeVar("T", Application, Engagement)


async def _seen_by_party(
    pool: asyncpg.Pool,
    party: Caller,
    item_id: str,
    what: str,
    get: Callable[[asyncpg.Connection, str], Awaitable[T | None]],
) -> T:
    item_id = resource_id(item_id, what)
    async with connection(pool) as conn:
        item = require_found(await get(conn, item_id), what)
    require_party(party, item, what)
    return item


async def get_application(pool: asyncpg.Pool, party: Caller, application_id: str) -> Application:
    return await _seen_by_party(
        pool, party, application_id, "application", applications.get_application
    )


async def list_my_applications(
    pool: asyncpg.Pool, student: Caller, limit: int, cursor: str
) -> Page[Application]:
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await applications.page_for_student(conn, student.account_id, after, size)


async def list_listing_applications(
    pool: asyncpg.Pool, owner: Caller, listing_id: str, limit: int, cursor: str
) -> Page[Application]:
    listing_id = resource_id(listing_id, "listing")
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        listing = require_found(await get_listing(conn, listing_id), "listing")
        require_owner(owner, listing.organization_id, "listing")
        return await applications.page_for_listing(conn, listing_id, after, size)


async def get_engagement(pool: asyncpg.Pool, party: Caller, engagement_id: str) -> Engagement:
    return await _seen_by_party(
        pool, party, engagement_id, "engagement", engagements.get_engagement
    )


async def list_my_engagements(
    pool: asyncpg.Pool, party: Caller, limit: int, cursor: str
) -> Page[Engagement]:
    """A student's own engagements; an employer's organization's."""
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        if party.is_student:
            return await engagements.page_for_student(conn, party.account_id, after, size)
        if not party.organization_id:
            return Page([], "")
        organization = resource_id(party.organization_id, "organization")
        return await engagements.page_for_organization(conn, organization, after, size)
