"""Rows of the application schema as domain records."""

from __future__ import annotations

import json

import asyncpg

from stint_application.domain.applications import (
    Application,
    ApplicationStatus,
    CloseReason,
    RejectReason,
)
from stint_application.domain.engagements import Engagement, EngagementStatus
from stint_application.domain.listings import ListingCloseReason, ListingStatus, ListingView

__all__ = [
    "APPLICATION_COLUMNS",
    "ENGAGEMENT_COLUMNS",
    "LISTING_COLUMNS",
    "application_from_row",
    "engagement_from_row",
    "listing_from_row",
]

Row = asyncpg.Record

LISTING_COLUMNS = (
    "listing_id, organization_id, title, status, close_reason, slots, hires, apply_by, "
    "duration_days, version"
)
APPLICATION_COLUMNS = (
    "id, listing_id, student_id, organization_id, status, cover_note, answers, "
    "reject_reason, reject_note, close_reason, decision_due_at, created_at, updated_at, "
    "decided_at, engagement_id, version"
)
ENGAGEMENT_COLUMNS = (
    "id, application_id, listing_id, student_id, organization_id, status, started_at, "
    "due_at, delivered_at, completed_at, cancelled_at, delivery_summary, delivery_links, "
    "cancel_reason, cancelled_by, completed_automatically, auto_complete_at, version"
)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def listing_from_row(row: Row) -> ListingView:
    reason = row["close_reason"]
    return ListingView(
        id=str(row["listing_id"]),
        organization_id=str(row["organization_id"]),
        title=row["title"],
        status=ListingStatus(row["status"]),
        close_reason=ListingCloseReason(reason) if reason else None,
        slots=row["slots"],
        hires=row["hires"],
        apply_by=row["apply_by"],
        duration_days=row["duration_days"],
        version=row["version"],
    )


def application_from_row(row: Row) -> Application:
    reject_reason = row["reject_reason"]
    close_reason = row["close_reason"]
    return Application(
        id=str(row["id"]),
        listing_id=str(row["listing_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        status=ApplicationStatus(row["status"]),
        cover_note=row["cover_note"],
        answers=json.loads(row["answers"]),
        reject_reason=RejectReason(reject_reason) if reject_reason else None,
        reject_note=row["reject_note"],
        close_reason=CloseReason(close_reason) if close_reason else None,
        decision_due_at=row["decision_due_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        decided_at=row["decided_at"],
        engagement_id=_text(row["engagement_id"]),
        version=row["version"],
    )


def engagement_from_row(row: Row) -> Engagement:
    return Engagement(
        id=str(row["id"]),
        application_id=str(row["application_id"]),
        listing_id=str(row["listing_id"]),
        student_id=str(row["student_id"]),
        organization_id=str(row["organization_id"]),
        status=EngagementStatus(row["status"]),
        started_at=row["started_at"],
        due_at=row["due_at"],
        delivered_at=row["delivered_at"],
        completed_at=row["completed_at"],
        cancelled_at=row["cancelled_at"],
        delivery_summary=row["delivery_summary"],
        delivery_links=tuple(row["delivery_links"]),
        cancel_reason=row["cancel_reason"],
        cancelled_by=_text(row["cancelled_by"]),
        completed_automatically=row["completed_automatically"],
        auto_complete_at=row["auto_complete_at"],
        version=row["version"],
    )
