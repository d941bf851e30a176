"""What matching knows of a listing: its own projection, kept from listing events (the
whole listing travels in each), never read from the listing service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["ListingStatus", "ListingView", "SkillNeed"]


class ListingStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class SkillNeed:
    name: str
    """Normalised (``stint_runtime.vocabulary``)."""
    required: bool


@dataclass(frozen=True)
class ListingView:
    id: str
    organization_id: str
    """The owner: only its members see the listing's candidates."""
    organization_name: str
    title: str
    industry: str
    """Normalised (``stint_runtime.vocabulary``)."""
    skills: tuple[SkillNeed, ...]
    estimated_hours: int
    duration_days: int
    remote: bool
    location: str
    status: ListingStatus
    apply_by: datetime
    published_at: datetime | None
    version: int
    """The listing's own version: an event with an older or equal one is ignored."""
    message: bytes = b""
    """The listing as its newest event carried it (a serialised stint.listing.v1
    Listing), handed back with each recommendation."""

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.skills if s.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.skills if not s.required)

    @property
    def hours_per_week(self) -> float:
        """The effort the listing asks for each week of its duration (a project of
        less than a week asks its hours within that week)."""
        weeks = max(self.duration_days, 7) / 7
        return self.estimated_hours / weeks

    def open_at(self, now: datetime) -> bool:
        """Taking applications: open, and before its apply_by."""
        return self.status is ListingStatus.OPEN and now < self.apply_by
