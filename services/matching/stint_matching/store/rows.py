"""Rows of the service's tables as domain records, and the column lists they need."""

from __future__ import annotations

import asyncpg

from stint_matching.domain.index import Engagement
from stint_matching.domain.listings import ListingStatus, ListingView, SkillNeed
from stint_matching.domain.profiles import Profile, SkillLevel

__all__ = [
    "LISTING_COLUMNS",
    "PROFILE_COLUMNS",
    "engagement_from_row",
    "listing_from_row",
    "profile_from_row",
]

Row = asyncpg.Record

PROFILE_COLUMNS = (
    "student_id, headline, skill_names, skill_levels, interests, "
    "availability_hours_per_week, remote_ok, location, updated_at, version"
)
LISTING_COLUMNS = (
    "listing_id, organization_id, organization_name, title, industry, skill_names, "
    "skill_required, estimated_hours, duration_days, remote, location, status, apply_by, "
    "published_at, version, message"
)


def profile_from_row(row: Row, display_name: str = "", verified: tuple[str, ...] = ()) -> Profile:
    return Profile(
        student_id=str(row["student_id"]),
        headline=row["headline"],
        skills=tuple(
            SkillLevel(name, level)
            for name, level in zip(row["skill_names"], row["skill_levels"], strict=True)
        ),
        interests=tuple(row["interests"]),
        availability_hours_per_week=row["availability_hours_per_week"],
        remote_ok=row["remote_ok"],
        location=row["location"],
        updated_at=row["updated_at"],
        version=row["version"],
        display_name=display_name,
        verified_skills=verified,
    )


def listing_from_row(row: Row) -> ListingView:
    return ListingView(
        id=str(row["listing_id"]),
        organization_id=str(row["organization_id"]),
        organization_name=row["organization_name"],
        title=row["title"],
        industry=row["industry"],
        skills=tuple(
            SkillNeed(name, required)
            for name, required in zip(row["skill_names"], row["skill_required"], strict=True)
        ),
        estimated_hours=row["estimated_hours"],
        duration_days=row["duration_days"],
        remote=row["remote"],
        location=row["location"],
        status=ListingStatus(row["status"]),
        apply_by=row["apply_by"],
        published_at=row["published_at"],
        version=row["version"],
        message=bytes(row["message"]),
    )


def engagement_from_row(row: Row) -> Engagement:
    return Engagement(
        id=str(row["engagement_id"]),
        student_id=str(row["student_id"]),
        listing_id=str(row["listing_id"]),
        counts=row["status"] != "cancelled",
    )
