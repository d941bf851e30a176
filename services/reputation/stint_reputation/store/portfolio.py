"""Portfolio entries (completed engagements) and an institution's view of its linked
students' engagements."""

from __future__ import annotations

import asyncpg

from stint_reputation.domain.portfolio import InstitutionEngagement, PortfolioEntry
from stint_reputation.domain.subjects import Subject, SubjectKind
from stint_reputation.store.pages import newest_first
from stint_reputation.store.rows import text_or_none
from stint_runtime.paging import Page, Position

__all__ = ["institution_engagement", "page_institution_engagements", "portfolio_of"]

# The listing, the credential and the other side's review (published only).
_PORTFOLIO = """
    SELECT e.engagement_id, coalesce(l.title, '') AS title,
           coalesce(l.organization_name, '') AS organization_name,
           coalesce(l.industry, '') AS industry, e.completed_at,
           coalesce(l.skills, '{}') AS skills, r.rating, c.id AS credential_id
    FROM engagements e
    LEFT JOIN listings l ON l.listing_id = e.listing_id
    LEFT JOIN credentials c ON c.engagement_id = e.engagement_id
    LEFT JOIN reviews r ON r.engagement_id = e.engagement_id AND r.side = $2
                       AND r.published_at IS NOT NULL
"""

_INSTITUTION = """
    SELECT e.engagement_id AS id, e.started_at AS at, e.engagement_id, e.student_id,
           coalesce(a.display_name, '') AS display_name, coalesce(l.title, '') AS title,
           coalesce(l.organization_name, '') AS organization_name,
           coalesce(l.industry, '') AS industry, e.status, e.started_at, e.completed_at,
           c.id AS credential_id
    FROM engagements e
    JOIN institution_links k ON k.student_id = e.student_id AND k.status = 'linked'
    LEFT JOIN accounts a ON a.account_id = e.student_id
    LEFT JOIN listings l ON l.listing_id = e.listing_id
    LEFT JOIN credentials c ON c.engagement_id = e.engagement_id
"""


async def portfolio_of(conn: asyncpg.Connection, subject: Subject) -> list[PortfolioEntry]:
    """Newest completion first. A student's entries carry the organization's rating of
    the student; an organization's, the student's rating of the organization."""
    if subject.kind is SubjectKind.STUDENT:
        column, reviewer = "e.student_id", "organization"
    else:
        column, reviewer = "e.organization_id", "student"
    rows = await conn.fetch(
        f"""{_PORTFOLIO} WHERE {column} = $1 AND e.status = 'completed'
            ORDER BY e.completed_at DESC, e.engagement_id DESC""",
        subject.id,
        reviewer,
    )
    return [
        PortfolioEntry(
            engagement_id=str(row["engagement_id"]),
            listing_title=row["title"],
            organization_name=row["organization_name"],
            industry=row["industry"],
            completed_at=row["completed_at"],
            skills=tuple(row["skills"]),
            rating=row["rating"],
            credential_id=text_or_none(row["credential_id"]),
        )
        for row in rows
    ]


def _institution_engagement(row: asyncpg.Record) -> InstitutionEngagement:
    return InstitutionEngagement(
        engagement_id=str(row["engagement_id"]),
        student_id=str(row["student_id"]),
        display_name=row["display_name"],
        listing_title=row["title"],
        organization_name=row["organization_name"],
        industry=row["industry"],
        status=row["status"],
        started_at=row["started_at"],
        completed_at=row["completed_at"],
        credential_id=text_or_none(row["credential_id"]),
    )


async def page_institution_engagements(
    conn: asyncpg.Connection,
    institution_id: str,
    status: str,
    after: Position | None,
    limit: int,
) -> Page[InstitutionEngagement]:
    """The engagements of the institution's linked students (``status`` "" for all)."""
    return await newest_first(
        conn,
        _INSTITUTION,
        "k.institution_id = $1 AND ($2 = '' OR e.status = $2)",
        [institution_id, status],
        at="e.started_at",
        id_column="e.engagement_id",
        after=after,
        limit=limit,
        record=_institution_engagement,
    )


async def institution_engagement(
    conn: asyncpg.Connection, institution_id: str, engagement_id: str
) -> InstitutionEngagement | None:
    """One engagement of a student linked to the institution; None for any other."""
    row = await conn.fetchrow(
        f"{_INSTITUTION} WHERE k.institution_id = $1 AND e.engagement_id = $2",
        institution_id,
        engagement_id,
    )
    return _institution_engagement(row) if row else None
