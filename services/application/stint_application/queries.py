"""Reads, each visible only to the parties: the student it concerns and the listing's
owner organization."""

from __future__ import annotations

import asyncpg

from stint_application.domain.access import require_owner, require_party, require_role
from stint_application.domain.applications import Application
from stint_application.domain.engagements import Engagement
from stint_application.domain.pages import Page, decode_cursor, page_limit
from stint_application.domain.validation import resource_id
from stint_application.store import applications, engagements
from stint_application.store.connection import connection
from stint_application.store.listings import get_listing
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller, Role

__all__ = [
    "get_application",
    "get_engagement",
    "list_listing_applications",
    "list_my_applications",
    "list_my_engagements",
]

_PARTIES: tuple[Role, ...] = ("student", "employer")


async def get_application(
    pool: asyncpg.Pool, caller: Caller | None, application_id: str
) -> Application:
    party = require_role(caller, _PARTIES, "see applications")
    application_id = resource_id(application_id, "Application")
    async with connection(pool) as conn:
        app = await applications.get_application(conn, application_id)
    if app is None:
        raise NotFound("Application not found.")
    require_party(party, app, "Application")
    return app


async def list_my_applications(
    pool: asyncpg.Pool, caller: Caller | None, limit: int, cursor: str
) -> Page[Application]:
    student = require_role(caller, ("student",), "list their applications")
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await applications.page_for_student(conn, student.account_id, after, size)


async def list_listing_applications(
    pool: asyncpg.Pool, caller: Caller | None, listing_id: str, limit: int, cursor: str
) -> Page[Application]:
    owner = require_role(caller, ("employer",), "list a listing's applications")
    listing_id = resource_id(listing_id, "Listing")
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        listing = await get_listing(conn, listing_id)
        if listing is None:
            raise NotFound("Listing not found.")
        require_owner(owner, listing.organization_id, "Listing")
        return await applications.page_for_listing(conn, listing_id, after, size)


async def get_engagement(
    pool: asyncpg.Pool, caller: Caller | None, engagement_id: str
) -> Engagement:
    party = require_role(caller, _PARTIES, "see engagements")
    engagement_id = resource_id(engagement_id, "Engagement")
    async with connection(pool) as conn:
        engagement = await engagements.get_engagement(conn, engagement_id)
    if engagement is None:
        raise NotFound("Engagement not found.")
    require_party(party, engagement, "Engagement")
    return engagement


async def list_my_engagements(
    pool: asyncpg.Pool, caller: Caller | None, limit: int, cursor: str
) -> Page[Engagement]:
    """A student's own engagements; an employer's organization's."""
    party = require_role(caller, _PARTIES, "list their engagements")
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        if party.is_student:
            return await engagements.page_for_student(conn, party.account_id, after, size)
        if not party.organization_id:
            return Page([], "")
        organization = resource_id(party.organization_id, "Organization")
        return await engagements.page_for_organization(conn, organization, after, size)
