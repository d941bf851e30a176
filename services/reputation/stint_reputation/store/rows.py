"""Rows of the reputation schema as domain records, and the column lists that read them."""

from __future__ import annotations

import asyncpg

from stint_reputation.domain.institutions import Credit, InstitutionLink, LinkStatus
from stint_reputation.domain.projections import (
    AccountView,
    EngagementStatus,
    EngagementView,
    ListingView,
)
from stint_reputation.domain.reviews import Review, ReviewWindow, Side

__all__ = [
    "ACCOUNT_COLUMNS",
    "CREDIT_COLUMNS",
    "ENGAGEMENT_COLUMNS",
    "LINK_COLUMNS",
    "LISTING_COLUMNS",
    "REVIEW_COLUMNS",
    "WINDOW_COLUMNS",
    "account_from_row",
    "credit_from_row",
    "engagement_from_row",
    "link_from_row",
    "listing_from_row",
    "review_from_row",
    "text_or_none",
    "window_from_row",
]

Row = asyncpg.Record

ACCOUNT_COLUMNS = "account_id, role, email, display_name, organization_id, registered_at"
LISTING_COLUMNS = (
    "listing_id, organization_id, organization_name, title, description, industry, skills, "
    "estimated_hours, version"
)
ENGAGEMENT_COLUMNS = (
    "engagement_id, listing_id, student_id, organization_id, status, started_at, due_at, "
    "delivered_at, completed_at, completed_automatically, version"
)
WINDOW_COLUMNS = "engagement_id, opened_at, closes_at, closed_at"
REVIEW_COLUMNS = (
    "id, engagement_id, side, author_id, subject_id, rating, comment, endorsed_skills, "
    "submitted_at, published_at"
)
LINK_COLUMNS = "institution_id, student_id, status, requested_at, linked_at"
CREDIT_COLUMNS = "id, institution_id, student_id, engagement_id, credits, term, note, granted_at"


def text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def account_from_row(row: Row) -> AccountView:
    return AccountView(
        id=str(row["account_id"]),
        role=row["role"],
        email=row["email"],
        display_name=row["display_name"],
        organization_id=text_or_none(row["organization_id"]),
        registered_at=row["registered_at"],
    )


def listing_from_row(row: Row) -> ListingView:
    return ListingView(
        id=str(row["listing_id"]),
        organization_id=str(row["organization_id"]),
        organization_name=row["organization_name"],
        title=row["title"],
        description=row["description"],
        industry=row["industry"],
        skills=tuple(row["skills"]),
        estimated_hours=row["estimated_hours"],
        version=row["version"],
    )


def engagement_from_row(row: Row) -> EngagementView:
    return EngagementView(
        id=str(row["engagement_id"]),
        listing_id=str(row["listing_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        status=EngagementStatus(row["status"]),
        started_at=row["started_at"],
        due_at=row["due_at"],
        delivered_at=row["delivered_at"],
        completed_at=row["completed_at"],
        completed_automatically=row["completed_automatically"],
        version=row["version"],
    )


def window_from_row(row: Row) -> ReviewWindow:
    return ReviewWindow(
        engagement_id=str(row["engagement_id"]),
        opened_at=row["opened_at"],
        closes_at=row["closes_at"],
        closed_at=row["closed_at"],
    )


def review_from_row(row: Row) -> Review:
    return Review(
        id=str(row["id"]),
        engagement_id=str(row["engagement_id"]),
        side=Side(row["side"]),
        author_id=str(row["author_id"]),
        subject_id=str(row["subject_id"]),
        rating=row["rating"],
        comment=row["comment"],
        endorsed_skills=tuple(row["endorsed_skills"]),
        submitted_at=row["submitted_at"],
        published_at=row["published_at"],
    )


def link_from_row(row: Row) -> InstitutionLink:
    return InstitutionLink(
        institution_id=str(row["institution_id"]),
        student_id=str(row["student_id"]),
        status=LinkStatus(row["status"]),
        requested_at=row["requested_at"],
        linked_at=row["linked_at"],
        display_name=row.get("display_name") or "",
    )


def credit_from_row(row: Row) -> Credit:
    return Credit(
        id=str(row["id"]),
        institution_id=str(row["institution_id"]),
        student_id=str(row["student_id"]),
        engagement_id=str(row["engagement_id"]),
        credits=row["credits"],
        term=row["term"],
        note=row["note"],
        granted_at=row["granted_at"],
    )
