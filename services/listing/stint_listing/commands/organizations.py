"""An employer's organization, registered once with its account."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from stint_listing.context import Context
from stint_listing.domain import access
from stint_listing.domain.listing import Organization
from stint_listing.domain.organization import new_organization
from stint_listing.store import organizations as store
from stint_runtime.db import connection
from stint_runtime.errors import InvalidArgument
from stint_runtime.identity import Caller

__all__ = ["register_organization"]


async def register_organization(
    pool: asyncpg.Pool,
    ctx: Context,
    caller: Caller | None,
    organization_id: str,
    *,
    name: str,
    industry: str,
    website: str,
) -> Organization:
    """Idempotent on the id: a repeated registration answers with the first one."""
    try:
        chosen = UUID(organization_id)
    except ValueError:
        raise InvalidArgument.one("organization_id", "must be a UUID") from None
    access.ensure_may_register(caller, chosen)
    organization = new_organization(
        chosen, name=name, industry=industry, website=website, now=ctx.clock()
    )
    async with connection(pool) as conn:
        return await store.register_organization(conn, organization)
