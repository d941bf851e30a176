"""The marketplace report as plain records: what ``report`` prints as text and HTML.

A rate is None when its denominator is zero (nothing to measure yet), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stint_analytics.domain.benchmarks import Comparison

__all__ = [
    "Completion",
    "DecisionTimes",
    "EmployerResponse",
    "Exploration",
    "FunnelRow",
    "Ghosting",
    "ListingReach",
    "MarketplaceReport",
    "StoreSummary",
    "TimeToFill",
]


@dataclass(frozen=True)
class FunnelRow:
    """Volumes of one cohort of listings (all, an industry, a week of publication):
    listings published, then the applications to them that reached each stage."""

    label: str
    published: int
    applied: int
    shortlisted: int
    hired: int
    completed: int
    """Engagements on these listings completed."""


@dataclass(frozen=True)
class ListingReach:
    """Listings that reached each stage with at least one application."""

    published: int
    applied: int
    shortlisted: int
    hired: int
    completed: int


@dataclass(frozen=True)
class DecisionTimes:
    """Hours from applying to the employer's first answer."""

    decided: int
    undecided: int
    """Applications without an employer's answer (open, or ended without one)."""
    median_hours: float | None
    p90_hours: float | None
    mean_hours: float | None
    distribution: tuple[tuple[str, int], ...]
    """(bucket label, applications), in bucket order."""


@dataclass(frozen=True)
class Ghosting:
    ended: int
    """Applications that reached a final status."""
    no_decision: int
    """Of those, closed at their deadline without an answer."""
    rate: float | None


@dataclass(frozen=True)
class EmployerResponse:
    organization_id: str
    organization_name: str
    applications: int
    responded: int
    """Applications the employer answered (shortlisted, rejected or hired)."""
    ghosted: int
    """Applications closed with ``no_decision``."""
    rate: float | None
    """responded / (responded + ghosted): open applications, withdrawals and those
    the platform closed because the listing filled or closed are not counted."""
    median_decision_hours: float | None


@dataclass(frozen=True)
class TimeToFill:
    filled: int
    """Listings closed because every slot was filled."""
    median_days: float | None
    mean_days: float | None
    with_hire: int
    """Listings with at least one hire."""
    median_days_to_first_hire: float | None


@dataclass(frozen=True)
class Completion:
    started: int
    completed: int
    cancelled: int
    active: int
    completion_rate: float | None
    """completed / (completed + cancelled)."""
    on_time: int
    on_time_rate: float | None
    """on_time / completed: delivered by the due date."""
    completed_automatically: int


@dataclass(frozen=True)
class Exploration:
    students_worked: int
    """Students with at least one engagement that was not cancelled."""
    multi_industry: int
    """Of those, students who worked in two or more industries."""
    share: float | None


@dataclass(frozen=True)
class StoreSummary:
    events: int
    newest_event_at: datetime | None
    by_type: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class MarketplaceReport:
    generated_at: datetime
    since: date | None
    until: date | None
    store: StoreSummary
    reach: ListingReach
    overall: FunnelRow
    by_industry: tuple[FunnelRow, ...]
    by_week: tuple[FunnelRow, ...]
    decisions: DecisionTimes
    ghosting: Ghosting
    response_rate: float | None
    """Every employer's answered applications over answered + ghosted ones."""
    employers: tuple[EmployerResponse, ...]
    fill: TimeToFill
    completion: Completion
    exploration: Exploration
    benchmarks: tuple[Comparison, ...]
