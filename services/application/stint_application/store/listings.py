"""The listing projection: kept from listing events, locked to count hires."""

from __future__ import annotations

import asyncpg

from stint_application.domain.listings import ListingView
from stint_application.store.rows import LISTING_COLUMNS, listing_from_row

__all__ = ["add_hire", "get_listing", "lock_listing", "share_listing", "upsert_listing"]

_SELECT = f"SELECT {LISTING_COLUMNS} FROM listing_projection"  # noqa: S608 (constant column list)


async def upsert_listing(conn: asyncpg.Connection, listing: ListingView) -> bool:
    """Keep ``listing`` unless a newer or equal version is already known; True when
    kept. The hire count is ours and never comes from an event."""
    kept = await conn.fetchval(
        """INSERT INTO listing_projection (
               listing_id, organization_id, title, status, close_reason, slots, apply_by,
               duration_days, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (listing_id) DO UPDATE SET
               organization_id = EXCLUDED.organization_id, title = EXCLUDED.title,
               status = EXCLUDED.status, close_reason = EXCLUDED.close_reason,
               slots = EXCLUDED.slots, apply_by = EXCLUDED.apply_by,
               duration_days = EXCLUDED.duration_days, version = EXCLUDED.version,
               received_at = now()
           WHERE listing_projection.version < EXCLUDED.version
           RETURNING true""",
        listing.id,
        listing.organization_id,
        listing.title,
        listing.status.value,
        listing.close_reason.value if listing.close_reason else None,
        listing.slots,
        listing.apply_by,
        listing.duration_days,
        listing.version,
    )
    return bool(kept)


async def get_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    row = await conn.fetchrow(f"{_SELECT} WHERE listing_id = $1", listing_id)
    return listing_from_row(row) if row else None


async def share_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    """Read and hold against a concurrent close, so that no application slips in
    after the listing's open applications were closed."""
    row = await conn.fetchrow(f"{_SELECT} WHERE listing_id = $1 FOR SHARE", listing_id)
    return listing_from_row(row) if row else None


async def lock_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    """Read and lock: hires of one listing happen one after the other, so the count
    checked is the count written."""
    row = await conn.fetchrow(f"{_SELECT} WHERE listing_id = $1 FOR UPDATE", listing_id)
    return listing_from_row(row) if row else None


async def add_hire(conn: asyncpg.Connection, listing_id: str) -> None:
    await conn.execute(
        "UPDATE listing_projection SET hires = hires + 1 WHERE listing_id = $1", listing_id
    )
