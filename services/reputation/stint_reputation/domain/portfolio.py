"""Read models: a portfolio entry (a completed engagement shown publicly) and a linked
student's engagement as their institution sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["InstitutionEngagement", "PortfolioEntry"]


@dataclass(frozen=True)
class PortfolioEntry:
    engagement_id: str
    listing_title: str
    organization_name: str
    industry: str
    completed_at: datetime
    skills: tuple[str, ...]
    rating: int | None
    """The other side's published rating: of the student for a student's portfolio, of
    the organization for an organization's. None until the reviews publish."""
    credential_id: str | None


@dataclass(frozen=True)
class InstitutionEngagement:
    engagement_id: str
    student_id: str
    display_name: str
    listing_title: str
    organization_name: str
    industry: str
    status: str
    started_at: datetime
    completed_at: datetime | None
    credential_id: str | None
