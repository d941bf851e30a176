"""Rows of the listing schema as domain records."""

from __future__ import annotations

import json

import asyncpg

from stint_listing.domain.listing import (
    CloseReason,
    Listing,
    ListingStatus,
    ListingTerms,
    Money,
    Organization,
    SkillRequirement,
)

__all__ = ["LISTING_COLUMNS", "listing_from_row", "organization_from_row", "skills_json"]

LISTING_COLUMNS = """
    id, organization_id, organization_name, title, description, industry, skills,
    estimated_hours, duration_days, pay_amount_cents, pay_currency, remote, location,
    apply_by, slots, slots_filled, status, close_reason, created_at, published_at,
    closed_at, updated_at, version
"""

Row = asyncpg.Record


def skills_json(skills: tuple[SkillRequirement, ...]) -> str:
    return json.dumps([{"name": s.name, "required": s.required} for s in skills])


def listing_from_row(row: Row) -> Listing:
    skills = tuple(
        SkillRequirement(name=s["name"], required=bool(s["required"]))
        for s in json.loads(row["skills"])
    )
    terms = ListingTerms(
        title=row["title"],
        description=row["description"],
        industry=row["industry"],
        skills=skills,
        estimated_hours=row["estimated_hours"],
        duration_days=row["duration_days"],
        pay=Money(row["pay_amount_cents"], row["pay_currency"]),
        remote=row["remote"],
        location=row["location"],
        apply_by=row["apply_by"],
        slots=row["slots"],
    )
    reason = row["close_reason"]
    return Listing(
        id=row["id"],
        organization_id=row["organization_id"],
        organization_name=row["organization_name"],
        terms=terms,
        slots_filled=row["slots_filled"],
        status=ListingStatus(row["status"]),
        close_reason=CloseReason(reason) if reason else None,
        created_at=row["created_at"],
        published_at=row["published_at"],
        closed_at=row["closed_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


def organization_from_row(row: Row) -> Organization:
    return Organization(
        id=row["id"],
        name=row["name"],
        industry=row["industry"],
        website=row["website"],
        created_at=row["created_at"],
    )
