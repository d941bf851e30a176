"""Listings and students for the matching unit tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from stint_matching.domain.listings import ListingStatus, ListingView, SkillNeed
from stint_matching.domain.profiles import Profile, SkillLevel

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def listing(**changes: Any) -> ListingView:
    values: dict[str, Any] = {
        "id": "00000000-0000-0000-0000-000000000001",
        "organization_id": "00000000-0000-0000-0000-0000000000aa",
        "organization_name": "Northwind Labs",
        "title": "Churn dashboard",
        "industry": "software",
        "skills": (SkillNeed("python", True), SkillNeed("sql", True), SkillNeed("dbt", False)),
        "estimated_hours": 20,
        "duration_days": 14,
        "remote": True,
        "location": "",
        "status": ListingStatus.OPEN,
        "apply_by": NOW + timedelta(days=7),
        "published_at": NOW - timedelta(days=1),
        "version": 2,
    }
    values.update(changes)
    return ListingView(**values)


def profile(student_id: str = "00000000-0000-0000-0000-0000000000b1", **changes: Any) -> Profile:
    values: dict[str, Any] = {
        "student_id": student_id,
        "headline": "",
        "skills": (SkillLevel("python", 4), SkillLevel("sql", 3)),
        "interests": ("software",),
        "availability_hours_per_week": 10,
        "remote_ok": True,
        "location": "",
        "updated_at": NOW,
        "version": 1,
    }
    values.update(changes)
    return Profile(**values)
