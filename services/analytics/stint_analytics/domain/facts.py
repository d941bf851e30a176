"""What the store knows of each listing, application and engagement, drawn from their
events: the input of every measure of the report.

Every moment is the ``occurred_at`` of the event that says it happened (when the
change committed at the producer), except ``on_time``, which compares the
engagement's own ``delivered_at`` and ``due_at``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

__all__ = ["ApplicationFact", "EngagementFact", "ListingFact", "Outcome"]

UNKNOWN = "(unknown)"
"""The industry or week of a listing the stream never showed published."""


class Outcome(enum.Enum):
    """How an application ended."""

    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_DECISION = "no_decision"
    """Closed at its decision deadline without an answer: ghosted."""
    POSITION_FILLED = "position_filled"
    LISTING_CLOSED = "listing_closed"
    CLOSED = "closed"
    """Closed for a reason this version does not know."""


@dataclass(frozen=True)
class ListingFact:
    listing_id: str
    industry: str
    organization_id: str
    organization_name: str
    published_at: datetime | None
    """None when the stream holds no ListingPublished of it."""
    filled_at: datetime | None = None
    """When it closed because every slot was filled."""
    first_hire_at: datetime | None = None


@dataclass(frozen=True)
class ApplicationFact:
    application_id: str
    listing_id: str
    organization_id: str
    student_id: str
    submitted_at: datetime
    first_decision_at: datetime | None = None
    """The employer's first answer: shortlisted, rejected or hired, whichever came first."""
    shortlisted: bool = False
    """Shortlisted, or hired without being shortlisted first (it passed that stage)."""
    hired: bool = False
    outcome: Outcome | None = None
    """None while the application is open."""


@dataclass(frozen=True)
class EngagementFact:
    engagement_id: str
    listing_id: str
    student_id: str
    organization_id: str
    started_at: datetime
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancelled_by_student: bool = False
    on_time: bool = False
    """Completed with the work delivered by its due date."""
    completed_automatically: bool = False
