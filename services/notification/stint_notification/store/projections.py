"""What events told the service of accounts, listings, applications, engagements and
review windows. Versioned projections keep the newest version they saw, so that an
older event arriving late changes nothing."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_notification.domain.records import (
    AccountView,
    ApplicationView,
    EngagementView,
    ListingView,
)

__all__ = [
    "applied",
    "count_undecided",
    "get_account",
    "get_application",
    "get_engagement",
    "get_listing",
    "members_of",
    "upsert_account",
    "upsert_application",
    "upsert_engagement",
    "upsert_listing",
]


async def upsert_account(conn: asyncpg.Connection, account: AccountView, at: datetime) -> None:
    await conn.execute(
        """INSERT INTO accounts (account_id, email, role, display_name, organization_id,
                                 registered_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (account_id) DO UPDATE SET
               email = EXCLUDED.email, role = EXCLUDED.role,
               display_name = EXCLUDED.display_name, organization_id = EXCLUDED.organization_id""",
        account.account_id,
        account.email,
        account.role,
        account.display_name,
        account.organization_id,
        at,
    )


def _account(row: asyncpg.Record) -> AccountView:
    org = row["organization_id"]
    return AccountView(
        account_id=str(row["account_id"]),
        email=row["email"],
        role=row["role"],
        display_name=row["display_name"],
        organization_id=str(org) if org else None,
    )


async def get_account(conn: asyncpg.Connection, account_id: str) -> AccountView | None:
    row = await conn.fetchrow(
        "SELECT account_id, email, role, display_name, organization_id FROM accounts "
        "WHERE account_id = $1",
        account_id,
    )
    return _account(row) if row else None


async def members_of(conn: asyncpg.Connection, organization_id: str) -> list[str]:
    """The accounts that act for an organization, in id order (the order their rows
    are locked in, so that two transactions never wait on each other in a circle)."""
    rows = await conn.fetch(
        "SELECT account_id FROM accounts WHERE organization_id = $1 ORDER BY account_id",
        organization_id,
    )
    return [str(r["account_id"]) for r in rows]


async def upsert_listing(conn: asyncpg.Connection, listing: ListingView) -> None:
    await conn.execute(
        """INSERT INTO listings (listing_id, organization_id, organization_name, title, status,
                                 apply_by, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (listing_id) DO UPDATE SET
               organization_id = EXCLUDED.organization_id,
               organization_name = EXCLUDED.organization_name, title = EXCLUDED.title,
               status = EXCLUDED.status, apply_by = EXCLUDED.apply_by, version = EXCLUDED.version
           WHERE listings.version < EXCLUDED.version""",
        listing.listing_id,
        listing.organization_id,
        listing.organization_name,
        listing.title,
        listing.status,
        listing.apply_by,
        listing.version,
    )


async def get_listing(conn: asyncpg.Connection, listing_id: str) -> ListingView | None:
    row = await conn.fetchrow(
        "SELECT listing_id, organization_id, organization_name, title, status, apply_by, version "
        "FROM listings WHERE listing_id = $1",
        listing_id,
    )
    if row is None:
        return None
    return ListingView(
        listing_id=str(row["listing_id"]),
        organization_id=str(row["organization_id"]),
        organization_name=row["organization_name"],
        title=row["title"],
        status=row["status"],
        apply_by=row["apply_by"],
        version=row["version"],
    )


async def upsert_application(conn: asyncpg.Connection, app: ApplicationView) -> None:
    await conn.execute(
        """INSERT INTO applications (application_id, listing_id, student_id, organization_id,
                                     status, decision_due_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (application_id) DO UPDATE SET
               status = EXCLUDED.status, decision_due_at = EXCLUDED.decision_due_at,
               version = EXCLUDED.version
           WHERE applications.version < EXCLUDED.version""",
        app.application_id,
        app.listing_id,
        app.student_id,
        app.organization_id,
        app.status,
        app.decision_due_at,
        app.version,
    )


async def get_application(conn: asyncpg.Connection, application_id: str) -> ApplicationView | None:
    row = await conn.fetchrow(
        "SELECT application_id, listing_id, student_id, organization_id, status, "
        "decision_due_at, version FROM applications WHERE application_id = $1",
        application_id,
    )
    if row is None:
        return None
    return ApplicationView(
        application_id=str(row["application_id"]),
        listing_id=str(row["listing_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        status=row["status"],
        decision_due_at=row["decision_due_at"],
        version=row["version"],
    )


async def applied(conn: asyncpg.Connection, student_id: str, listing_id: str) -> bool:
    found = await conn.fetchval(
        "SELECT true FROM applications WHERE student_id = $1 AND listing_id = $2",
        student_id,
        listing_id,
    )
    return bool(found)


async def count_undecided(
    conn: asyncpg.Connection, listing_id: str, due_by: datetime, now: datetime
) -> int:
    """Applications on a listing still waiting for a decision due between now and
    ``due_by``."""
    count: int = await conn.fetchval(
        """SELECT count(*) FROM applications
           WHERE listing_id = $1 AND status IN ('submitted', 'shortlisted')
             AND decision_due_at > $3 AND decision_due_at <= $2""",
        listing_id,
        due_by,
        now,
    )
    return count


async def upsert_engagement(conn: asyncpg.Connection, engagement: EngagementView) -> None:
    await conn.execute(
        """INSERT INTO engagements (engagement_id, listing_id, student_id, organization_id,
                                    status, started_at, due_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (engagement_id) DO UPDATE SET
               status = EXCLUDED.status, due_at = EXCLUDED.due_at, version = EXCLUDED.version
           WHERE engagements.version < EXCLUDED.version""",
        engagement.engagement_id,
        engagement.listing_id,
        engagement.student_id,
        engagement.organization_id,
        engagement.status,
        engagement.started_at,
        engagement.due_at,
        engagement.version,
    )


async def get_engagement(conn: asyncpg.Connection, engagement_id: str) -> EngagementView | None:
    row = await conn.fetchrow(
        "SELECT engagement_id, listing_id, student_id, organization_id, status, started_at, "
        "due_at, version FROM engagements WHERE engagement_id = $1",
        engagement_id,
    )
    if row is None:
        return None
    return EngagementView(
        engagement_id=str(row["engagement_id"]),
        listing_id=str(row["listing_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        status=row["status"],
        started_at=row["started_at"],
        due_at=row["due_at"],
        version=row["version"],
    )
