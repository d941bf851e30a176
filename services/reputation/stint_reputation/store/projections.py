"""The projections of other services' data: accounts, listings, engagements and
application decisions, each kept at the newest version seen."""

from __future__ import annotations

import asyncpg

from stint_reputation.domain.projections import (
    AccountView,
    ApplicationView,
    EngagementView,
    ListingView,
)
from stint_reputation.store.rows import (
    ACCOUNT_COLUMNS,
    ENGAGEMENT_COLUMNS,
    LISTING_COLUMNS,
    account_from_row,
    engagement_from_row,
    listing_from_row,
)

__all__ = [
    "completed_without_credential",
    "get_account",
    "get_engagement",
    "get_listing",
    "lock_engagement",
    "lock_engagement_unless_held",
    "organization_known",
    "upsert_account",
    "upsert_decision",
    "upsert_engagement",
    "upsert_listing",
]

_ACCOUNTS = f"SELECT {ACCOUNT_COLUMNS} FROM accounts"  # noqa: S608 (constant column list)
_LISTINGS = f"SELECT {LISTING_COLUMNS} FROM listings"  # noqa: S608
_ENGAGEMENTS = f"SELECT {ENGAGEMENT_COLUMNS} FROM engagements"  # noqa: S608


async def upsert_account(conn: asyncpg.Connection, account: AccountView) -> bool:
    """Accounts are registered once; a redelivery changes nothing. True when new."""
    kept = await conn.fetchval(
        """INSERT INTO accounts (account_id, role, email, email_domain, display_name,
                                 organization_id, registered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (account_id) DO NOTHING
           RETURNING true""",
        account.id,
        account.role,
        account.email,
        account.email_domain,
        account.display_name,
        account.organization_id,
        account.registered_at,
    )
    return bool(kept)


async def get_account(conn: asyncpg.Connection, account_id: str) -> AccountView | None:
    row = await conn.fetchrow(f"{_ACCOUNTS} WHERE account_id = $1", account_id)
    return account_from_row(row) if row else None


async def organization_known(conn: asyncpg.Connection, organization_id: str) -> bool:
    found = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM accounts WHERE organization_id = $1)
               OR EXISTS (SELECT 1 FROM listings WHERE organization_id = $1)""",
        organization_id,
    )
    return bool(found)


async def upsert_listing(conn: asyncpg.Connection, listing: ListingView) -> bool:
    kept = await conn.fetchval(
        """INSERT INTO listings (listing_id, organization_id, organization_name, title,
                                 description, industry, skills, estimated_hours, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (listing_id) DO UPDATE SET
               organization_id = EXCLUDED.organization_id,
               organization_name = EXCLUDED.organization_name, title = EXCLUDED.title,
               description = EXCLUDED.description, industry = EXCLUDED.industry,
               skills = EXCLUDED.skills, estimated_hours = EXCLUDED.estimated_hours,
               version = EXCLUDED.version
           WHERE listings.version < EXCLUDED.version
           RETURNING true""",
        listing.id,
        listing.organization_id,
        listing.organization_name,
        listing.title,
        listing.description,
        listing.industry,
        list(listing.skills),
        listing.estimated_hours,
        listing.version,
    )
    return bool(kept)


async def get_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    row = await conn.fetchrow(f"{_LISTINGS} WHERE listing_id = $1", listing_id)
    return listing_from_row(row) if row else None


async def upsert_engagement(conn: asyncpg.Connection, engagement: EngagementView) -> bool:
    kept = await conn.fetchval(
        """INSERT INTO engagements (engagement_id, listing_id, student_id, organization_id,
                                    status, started_at, due_at, delivered_at, completed_at,
                                    completed_automatically, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (engagement_id) DO UPDATE SET
               status = EXCLUDED.status, due_at = EXCLUDED.due_at,
               delivered_at = EXCLUDED.delivered_at, completed_at = EXCLUDED.completed_at,
               completed_automatically = EXCLUDED.completed_automatically,
               version = EXCLUDED.version
           WHERE engagements.version < EXCLUDED.version
           RETURNING true""",
        engagement.id,
        engagement.listing_id,
        engagement.student_id,
        engagement.organization_id,
        engagement.status.value,
        engagement.started_at,
        engagement.due_at,
        engagement.delivered_at,
        engagement.completed_at,
        engagement.completed_automatically,
        engagement.version,
    )
    return bool(kept)


async def get_engagement(conn: asyncpg.Connection, engagement_id: str) -> EngagementView | None:
    row = await conn.fetchrow(f"{_ENGAGEMENTS} WHERE engagement_id = $1", engagement_id)
    return engagement_from_row(row) if row else None


async def lock_engagement(conn: asyncpg.Connection, engagement_id: str) -> EngagementView | None:
    """Read and lock: the reviews, window and credential of one engagement change one
    transaction after another."""
    row = await conn.fetchrow(f"{_ENGAGEMENTS} WHERE engagement_id = $1 FOR UPDATE", engagement_id)
    return engagement_from_row(row) if row else None


async def lock_engagement_unless_held(
    conn: asyncpg.Connection, engagement_id: str
) -> EngagementView | None:
    """Lock, or None at once when another transaction holds it (a sweep must never
    wait for a submission, which holds the engagement and then waits for the window)."""
    row = await conn.fetchrow(
        f"{_ENGAGEMENTS} WHERE engagement_id = $1 FOR UPDATE SKIP LOCKED", engagement_id
    )
    return engagement_from_row(row) if row else None


async def completed_without_credential(conn: asyncpg.Connection, listing_id: str) -> list[str]:
    """Completed engagements of a listing still waiting for their credential (their
    completion arrived before the listing did)."""
    rows = await conn.fetch(
        """SELECT e.engagement_id FROM engagements e
           WHERE e.listing_id = $1 AND e.status = 'completed'
             AND NOT EXISTS (SELECT 1 FROM credentials c
                             WHERE c.engagement_id = e.engagement_id)""",
        listing_id,
    )
    return [str(row["engagement_id"]) for row in rows]


async def upsert_decision(conn: asyncpg.Connection, application: ApplicationView) -> bool:
    kept = await conn.fetchval(
        """INSERT INTO application_decisions (application_id, organization_id, status,
                                              close_reason, created_at, decision_due_at,
                                              decided_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (application_id) DO UPDATE SET
               status = EXCLUDED.status, close_reason = EXCLUDED.close_reason,
               decision_due_at = EXCLUDED.decision_due_at,
               decided_at = EXCLUDED.decided_at, version = EXCLUDED.version
           WHERE application_decisions.version < EXCLUDED.version
           RETURNING true""",
        application.id,
        application.organization_id,
        application.status,
        application.close_reason,
        application.created_at,
        application.decision_due_at,
        application.decided_at,
        application.version,
    )
    return bool(kept)
