"""Domain records ⇄ the stint.application.v1 protobuf contract."""

from __future__ import annotations

from stint.application.v1 import application_pb2 as pb
from stint_application.domain.applications import (
    Application,
    ApplicationStatus,
    CloseReason,
    RejectReason,
)
from stint_application.domain.engagements import Engagement, EngagementStatus
from stint_application.domain.outcomes import outcome_message
from stint_runtime.timestamps import to_timestamp

__all__ = [
    "CLOSE_REASONS",
    "REJECT_REASONS",
    "application_message",
    "engagement_message",
    "reject_reason_from",
]

APPLICATION_STATUSES = {
    ApplicationStatus.SUBMITTED: pb.APPLICATION_STATUS_SUBMITTED,
    ApplicationStatus.SHORTLISTED: pb.APPLICATION_STATUS_SHORTLISTED,
    ApplicationStatus.HIRED: pb.APPLICATION_STATUS_HIRED,
    ApplicationStatus.REJECTED: pb.APPLICATION_STATUS_REJECTED,
    ApplicationStatus.WITHDRAWN: pb.APPLICATION_STATUS_WITHDRAWN,
    ApplicationStatus.CLOSED: pb.APPLICATION_STATUS_CLOSED,
}
REJECT_REASONS: dict[RejectReason | None, pb.RejectReason.ValueType] = {
    RejectReason.SKILLS_MISMATCH: pb.REJECT_REASON_SKILLS_MISMATCH,
    RejectReason.AVAILABILITY: pb.REJECT_REASON_AVAILABILITY,
    RejectReason.POSITION_FILLED: pb.REJECT_REASON_POSITION_FILLED,
    RejectReason.OTHER: pb.REJECT_REASON_OTHER,
}
CLOSE_REASONS: dict[CloseReason | None, pb.ApplicationCloseReason.ValueType] = {
    CloseReason.POSITION_FILLED: pb.APPLICATION_CLOSE_REASON_POSITION_FILLED,
    CloseReason.LISTING_CLOSED: pb.APPLICATION_CLOSE_REASON_LISTING_CLOSED,
    CloseReason.NO_DECISION: pb.APPLICATION_CLOSE_REASON_NO_DECISION,
}
ENGAGEMENT_STATUSES = {
    EngagementStatus.ACTIVE: pb.ENGAGEMENT_STATUS_ACTIVE,
    EngagementStatus.DELIVERED: pb.ENGAGEMENT_STATUS_DELIVERED,
    EngagementStatus.COMPLETED: pb.ENGAGEMENT_STATUS_COMPLETED,
    EngagementStatus.CANCELLED: pb.ENGAGEMENT_STATUS_CANCELLED,
}
_REJECT_REASONS_BACK = {v: k for k, v in REJECT_REASONS.items() if k is not None}


def reject_reason_from(value: pb.RejectReason.ValueType) -> RejectReason | None:
    """None for UNSPECIFIED (and numbers this contract version does not know)."""
    return _REJECT_REASONS_BACK.get(value)


def application_message(app: Application) -> pb.Application:
    return pb.Application(
        id=app.id,
        listing_id=app.listing_id,
        student_id=app.student_id,
        organization_id=app.organization_id,
        status=APPLICATION_STATUSES[app.status],
        cover_note=app.cover_note,
        answers=dict(app.answers),
        reject_reason=REJECT_REASONS.get(app.reject_reason, pb.REJECT_REASON_UNSPECIFIED),
        reject_note=app.reject_note,
        close_reason=CLOSE_REASONS.get(app.close_reason, pb.APPLICATION_CLOSE_REASON_UNSPECIFIED),
        decision_due_at=to_timestamp(app.decision_due_at),
        created_at=to_timestamp(app.created_at),
        updated_at=to_timestamp(app.updated_at),
        decided_at=to_timestamp(app.decided_at),
        engagement_id=app.engagement_id or "",
        outcome_message=outcome_message(app),
        version=app.version,
    )


def engagement_message(engagement: Engagement) -> pb.Engagement:
    return pb.Engagement(
        id=engagement.id,
        application_id=engagement.application_id,
        listing_id=engagement.listing_id,
        student_id=engagement.student_id,
        organization_id=engagement.organization_id,
        status=ENGAGEMENT_STATUSES[engagement.status],
        started_at=to_timestamp(engagement.started_at),
        due_at=to_timestamp(engagement.due_at),
        delivered_at=to_timestamp(engagement.delivered_at),
        completed_at=to_timestamp(engagement.completed_at),
        cancelled_at=to_timestamp(engagement.cancelled_at),
        delivery_summary=engagement.delivery_summary,
        delivery_links=list(engagement.delivery_links),
        cancel_reason=engagement.cancel_reason,
        cancelled_by=engagement.cancelled_by or "",
        completed_automatically=engagement.completed_automatically,
        auto_complete_at=to_timestamp(engagement.auto_complete_at),
        version=engagement.version,
    )
