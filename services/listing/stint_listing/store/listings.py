"""Listings: insert, read, lock for a change, save, record hires, and the open ones
whose apply_by passed."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from stint_listing.domain.listing import Listing
from stint_listing.store.rows import LISTING_COLUMNS, listing_from_row, skills_json
from stint_runtime.db.sweeps import take_due

__all__ = [
    "get_listing",
    "insert_listing",
    "lock_listing",
    "lock_open_past_apply_by",
    "record_hire",
    "save_listing",
]

_SELECT = f"SELECT {LISTING_COLUMNS} FROM listings"  # noqa: S608 (constant column list)


def _changeable(listing: Listing) -> tuple[object, ...]:
    """Every field a change may touch, in the column order of both statements below."""
    terms = listing.terms
    return (
        terms.title,
        terms.description,
        terms.industry,
        skills_json(terms.skills),
        terms.estimated_hours,
        terms.duration_days,
        terms.pay.amount_cents,
        terms.pay.currency,
        terms.remote,
        terms.location,
        terms.apply_by,
        terms.slots,
        listing.slots_filled,
        listing.status.value,
        listing.close_reason.value if listing.close_reason else None,
        listing.published_at,
        listing.closed_at,
        listing.updated_at,
        listing.version,
    )


async def insert_listing(conn: asyncpg.Connection, listing: Listing) -> None:
    await conn.execute(
        """INSERT INTO listings (
               id, title, description, industry, skills, estimated_hours, duration_days,
               pay_amount_cents, pay_currency, remote, location, apply_by, slots,
               slots_filled, status, close_reason, published_at, closed_at, updated_at,
               version, organization_id, organization_name, created_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                   $15, $16, $17, $18, $19, $20, $21, $22, $23)""",
        listing.id,
        *_changeable(listing),
        listing.organization_id,
        listing.organization_name,
        listing.created_at,
    )


async def get_listing(conn: asyncpg.Connection | asyncpg.Pool, listing_id: UUID) -> Listing | None:
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1", listing_id)
    return listing_from_row(row) if row else None


async def lock_listing(conn: asyncpg.Connection, listing_id: UUID) -> Listing | None:
    """Read and lock for a change, so that changes (and their events) of one listing
    happen one after the other, in commit order."""
    row = await conn.fetchrow(f"{_SELECT} WHERE id = $1 FOR UPDATE", listing_id)
    return listing_from_row(row) if row else None


async def save_listing(conn: asyncpg.Connection, listing: Listing) -> None:
    """Write every mutable field of a listing locked by ``lock_listing``."""
    await conn.execute(
        """UPDATE listings SET
               title = $2, description = $3, industry = $4, skills = $5::jsonb,
               estimated_hours = $6, duration_days = $7, pay_amount_cents = $8,
               pay_currency = $9, remote = $10, location = $11, apply_by = $12, slots = $13,
               slots_filled = $14, status = $15, close_reason = $16, published_at = $17,
               closed_at = $18, updated_at = $19, version = $20
           WHERE id = $1""",
        listing.id,
        *_changeable(listing),
    )


async def record_hire(
    conn: asyncpg.Connection, *, listing_id: UUID, application_id: UUID, engagement_id: str
) -> bool:
    """True the first time this application is recorded as hired."""
    inserted = await conn.fetchval(
        """INSERT INTO listing_hires (application_id, listing_id, engagement_id)
           VALUES ($1, $2, $3)
           ON CONFLICT (application_id) DO NOTHING
           RETURNING true""",
        application_id,
        listing_id,
        engagement_id,
    )
    return bool(inserted)


async def lock_open_past_apply_by(
    conn: asyncpg.Connection, now: datetime, batch: int
) -> list[Listing]:
    """Up to ``batch`` open listings whose apply_by is at or before ``now``, locked;
    rows another replica (or an owner acting now) holds are skipped, not waited for."""
    return await take_due(
        conn,
        _SELECT,
        "status = 'open'",
        due="apply_by",
        now=now,
        batch=batch,
        record=listing_from_row,
    )
