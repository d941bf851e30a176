"""The listing aggregate and the organization that owns it, as immutable records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

__all__ = [
    "CloseReason",
    "Listing",
    "ListingStatus",
    "ListingTerms",
    "Money",
    "Organization",
    "SkillRequirement",
]


class ListingStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    WITHDRAWN = "withdrawn"
    """The owner withdrew the listing."""
    FILLED = "filled"
    """Every slot was filled by a hire."""
    DEADLINE = "deadline"
    """apply_by passed."""


@dataclass(frozen=True)
class Money:
    amount_cents: int
    """Minor units of ``currency``."""
    currency: str
    """ISO 4217 code, upper case."""


@dataclass(frozen=True)
class SkillRequirement:
    name: str
    """Normalised skill name (``stint_runtime.vocabulary.normalise_skill``)."""
    required: bool
    """False: nice to have."""


@dataclass(frozen=True)
class ListingTerms:
    """What the employer writes and may edit while the listing is a draft or open."""

    title: str
    description: str
    industry: str
    skills: tuple[SkillRequirement, ...]
    estimated_hours: int
    duration_days: int
    pay: Money
    """Total pay for the project."""
    remote: bool
    location: str
    """Empty when not given."""
    apply_by: datetime
    slots: int
    """How many students can be hired."""

    @property
    def skill_names(self) -> tuple[str, ...]:
        return tuple(skill.name for skill in self.skills)


@dataclass(frozen=True)
class Listing:
    id: UUID
    organization_id: UUID
    organization_name: str
    terms: ListingTerms
    slots_filled: int
    status: ListingStatus
    close_reason: CloseReason | None
    created_at: datetime
    published_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
    version: int
    """Increases with every change; consumers keep the newest they saw."""


@dataclass(frozen=True)
class Organization:
    id: UUID
    name: str
    industry: str
    website: str
    """Empty when not given."""
    created_at: datetime
