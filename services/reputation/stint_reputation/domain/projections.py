"""What the service knows of other services' data, kept from their events: accounts
(identity), listings (listing), engagements and application decisions (application).
Each record keeps the producer's ``version``; an older event changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = [
    "AccountView",
    "ApplicationView",
    "EngagementStatus",
    "EngagementView",
    "ListingView",
]


@dataclass(frozen=True)
class AccountView:
    id: str
    role: str
    """"student", "employer" or "institution"."""
    email: str
    display_name: str
    organization_id: str | None
    registered_at: datetime

    @property
    def email_domain(self) -> str:
        return self.email.rpartition("@")[2].strip().lower()


@dataclass(frozen=True)
class ListingView:
    id: str
    organization_id: str
    organization_name: str
    title: str
    description: str
    industry: str
    skills: tuple[str, ...]
    estimated_hours: int
    version: int


class EngagementStatus(StrEnum):
    ACTIVE = "active"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class EngagementView:
    id: str
    listing_id: str
    student_id: str
    organization_id: str
    status: EngagementStatus
    started_at: datetime
    due_at: datetime
    delivered_at: datetime | None
    completed_at: datetime | None
    completed_automatically: bool
    version: int

    @property
    def delivered_on_time(self) -> bool:
        return self.delivered_at is not None and self.delivered_at <= self.due_at


@dataclass(frozen=True)
class ApplicationView:
    """An application as the employer's responsiveness needs it."""

    id: str
    organization_id: str
    status: str
    """"submitted", "shortlisted", "hired", "rejected", "withdrawn" or "closed"."""
    close_reason: str | None
    """"position_filled", "listing_closed" or "no_decision" when closed."""
    created_at: datetime
    decision_due_at: datetime
    decided_at: datetime | None
    version: int
