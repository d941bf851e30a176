"""Valid listings to start each test from; a test overrides what it is about."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from stint_listing.domain.listing import (
    Listing,
    ListingStatus,
    ListingTerms,
    Money,
    SkillRequirement,
)
from stint_listing.domain.terms import TermsRules

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FLOOR = 2000
RULES = TermsRules(pay_floor_cents_per_hour=FLOOR)


def terms(**changes: Any) -> ListingTerms:
    base = ListingTerms(
        title="Build a churn dashboard",
        description="Turn our subscription data into a weekly churn dashboard.",
        industry="Software",
        skills=(SkillRequirement("Python", True), SkillRequirement("SQL", False)),
        estimated_hours=20,
        duration_days=14,
        pay=Money(20 * FLOOR, "EUR"),
        remote=True,
        location="",
        apply_by=NOW + timedelta(days=7),
        slots=2,
    )
    return replace(base, **changes)


def listing(**changes: Any) -> Listing:
    base = Listing(
        id=uuid.uuid4(),
        organization_id=uuid.uuid4(),
        organization_name="Northwind",
        terms=terms(),
        slots_filled=0,
        status=ListingStatus.DRAFT,
        close_reason=None,
        created_at=NOW - timedelta(days=1),
        published_at=None,
        closed_at=None,
        updated_at=NOW - timedelta(days=1),
        version=1,
    )
    return replace(base, **changes)
