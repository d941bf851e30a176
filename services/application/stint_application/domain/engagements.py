"""The engagement a hire starts, and its status machine.

active ──► delivered ──► completed   (the owner, or the platform after the window)
  │            │
  └────────────┴──► cancelled        (either side, with a reason)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from stint_application.domain.applications import Application
from stint_runtime.errors import Conflict

__all__ = [
    "Engagement",
    "EngagementStatus",
    "cancel",
    "complete",
    "deliver",
    "start",
]


class EngagementStatus(StrEnum):
    ACTIVE = "active"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Engagement:
    id: str
    application_id: str
    listing_id: str
    student_id: str
    organization_id: str
    status: EngagementStatus
    started_at: datetime
    due_at: datetime
    delivered_at: datetime | None = None
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    delivery_summary: str = ""
    delivery_links: tuple[str, ...] = ()
    cancel_reason: str = ""
    cancelled_by: str | None = None
    """Account id of the side that cancelled."""
    completed_automatically: bool = False
    auto_complete_at: datetime | None = None
    """Set on delivery: the platform completes it then unless the owner acts first."""
    version: int = 1


def start(
    engagement_id: str, application: Application, duration_days: int, now: datetime
) -> Engagement:
    """The engagement a hire starts: due after the listing's duration (at least a day)."""
    return Engagement(
        id=engagement_id,
        application_id=application.id,
        listing_id=application.listing_id,
        student_id=application.student_id,
        organization_id=application.organization_id,
        status=EngagementStatus.ACTIVE,
        started_at=now,
        due_at=now + timedelta(days=max(duration_days, 1)),
    )


def _refuse(engagement: Engagement, action: str, rule: str) -> Conflict:
    return Conflict(f"Cannot {action} this engagement: it is {engagement.status.value}; {rule}.")


def deliver(
    engagement: Engagement,
    summary: str,
    links: Sequence[str],
    now: datetime,
    auto_complete_after: timedelta,
) -> Engagement:
    if engagement.status is not EngagementStatus.ACTIVE:
        raise _refuse(engagement, "deliver", "only active work can be delivered")
    return replace(
        engagement,
        status=EngagementStatus.DELIVERED,
        delivered_at=now,
        delivery_summary=summary,
        delivery_links=tuple(links),
        auto_complete_at=now + auto_complete_after,
        version=engagement.version + 1,
    )


def complete(engagement: Engagement, now: datetime, *, automatically: bool = False) -> Engagement:
    """Only delivered work completes: the owner confirms it, or the window passes."""
    if engagement.status is not EngagementStatus.DELIVERED:
        raise _refuse(engagement, "complete", "only delivered work can be completed")
    return replace(
        engagement,
        status=EngagementStatus.COMPLETED,
        completed_at=now,
        completed_automatically=automatically,
        auto_complete_at=None,
        version=engagement.version + 1,
    )


def cancel(engagement: Engagement, by: str, reason: str, now: datetime) -> Engagement:
    """Either side may cancel until the work is completed; the owner cancelling a
    delivered engagement is how a delivery is disputed."""
    if engagement.status not in (EngagementStatus.ACTIVE, EngagementStatus.DELIVERED):
        raise _refuse(engagement, "cancel", "only active or delivered work can be cancelled")
    return replace(
        engagement,
        status=EngagementStatus.CANCELLED,
        cancelled_at=now,
        cancel_reason=reason,
        cancelled_by=by,
        auto_complete_at=None,
        version=engagement.version + 1,
    )
