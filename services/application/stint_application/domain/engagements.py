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
from typing import NamedTuple

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


class _Move(NamedTuple):
    """How an engagement comes into a status: from which statuses, and what a refusal
    says (``Cannot {action} this engagement: it is {status}; {rule}.``)."""

    sources: tuple[EngagementStatus, ...]
    action: str
    rule: str


_MOVES = {
    EngagementStatus.DELIVERED: _Move(
        (EngagementStatus.ACTIVE,), "deliver", "only active work can be delivered"
    ),
    EngagementStatus.COMPLETED: _Move(
        (EngagementStatus.DELIVERED,), "complete", "only delivered work can be completed"
    ),
    EngagementStatus.CANCELLED: _Move(
        (EngagementStatus.ACTIVE, EngagementStatus.DELIVERED),
        "cancel",
        "only active or delivered work can be cancelled",
    ),
}


def _moved(engagement: Engagement, status: EngagementStatus) -> Engagement:
    """``engagement`` in ``status``; Conflict when the machine has no such move."""
    move = _MOVES[status]
    if engagement.status not in move.sources:
        raise Conflict(
            f"Cannot {move.action} this engagement: it is {engagement.status.value}; {move.rule}."
        )
    return replace(engagement, status=status, version=engagement.version + 1)


def deliver(
    engagement: Engagement,
    summary: str,
    links: Sequence[str],
    now: datetime,
    auto_complete_after: timedelta,
) -> Engagement:
    return replace(
        _moved(engagement, EngagementStatus.DELIVERED),
        delivered_at=now,
        delivery_summary=summary,
        delivery_links=tuple(links),
        auto_complete_at=now + auto_complete_after,
    )


def complete(engagement: Engagement, now: datetime, *, automatically: bool = False) -> Engagement:
    """Only delivered work completes: the owner confirms it, or the window passes."""
    return replace(
        _moved(engagement, EngagementStatus.COMPLETED),
        completed_at=now,
        completed_automatically=automatically,
        auto_complete_at=None,
    )


def cancel(engagement: Engagement, by: str, reason: str, now: datetime) -> Engagement:
    """Either side may cancel until the work is completed; the owner cancelling a
    delivered engagement is how a delivery is disputed."""
    return replace(
        _moved(engagement, EngagementStatus.CANCELLED),
        cancelled_at=now,
        cancel_reason=reason,
        cancelled_by=by,
        auto_complete_at=None,
    )
