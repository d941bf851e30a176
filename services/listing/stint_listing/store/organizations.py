"""Organizations: registered once, read when they post a listing."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from stint_listing.domain.listing import Organization
from stint_listing.store.rows import organization_from_row

__all__ = ["get_organization", "register_organization"]


async def register_organization(
    conn: asyncpg.Connection, organization: Organization
) -> Organization:
    """Insert unless the id exists; either way the stored organization comes back, so a
    repeated registration is answered with the first one."""
    await conn.execute(
        """INSERT INTO organizations (id, name, industry, website, created_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO NOTHING""",
        organization.id,
        organization.name,
        organization.industry,
        organization.website,
        organization.created_at,
    )
    stored = await get_organization(conn, organization.id)
    assert stored is not None, "an organization vanished right after its insert"
    return stored


async def get_organization(conn: asyncpg.Connection, organization_id: UUID) -> Organization | None:
    row = await conn.fetchrow(
        "SELECT id, name, industry, website, created_at FROM organizations WHERE id = $1",
        organization_id,
    )
    return organization_from_row(row) if row else None
