"""Applications and engagements between the public JSON and the application service's
protobuf messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.common.v1 import page_pb2
from stint_gateway.schemas.applications import (
    Application,
    ApplicationPage,
    ApplyIn,
    CancelIn,
    DeliverIn,
    Engagement,
    EngagementPage,
    RejectIn,
)
from stint_runtime.timestamps import from_timestamp

__all__ = [
    "application_page_reply",
    "application_reply",
    "cancellation_message",
    "delivery_message",
    "engagement_page_reply",
    "engagement_reply",
    "page_message",
    "rejection_message",
    "submission_message",
]


class _ProtoEnum(Protocol):
    def Name(self, number: Any) -> str: ...


def _name(enum: _ProtoEnum, prefix: str, number: int) -> Any:
    """``APPLICATION_STATUS_SUBMITTED`` → ``"submitted"``; None for UNSPECIFIED. The
    reply models check the result against their literals."""
    name = enum.Name(number).removeprefix(prefix).lower()
    return None if name == "unspecified" else name


def _at_if_set(message: Message, field: str) -> datetime | None:
    return from_timestamp(getattr(message, field)) if message.HasField(field) else None


def _uuid_if_set(value: str) -> UUID | None:
    return UUID(value) if value else None


def page_message(limit: int, cursor: str) -> page_pb2.PageRequest:
    return page_pb2.PageRequest(limit=limit, cursor=cursor)


def submission_message(listing_id: str, body: ApplyIn) -> api.SubmitApplicationRequest:
    return api.SubmitApplicationRequest(
        listing_id=listing_id, cover_note=body.cover_note, answers=body.answers or {}
    )


def rejection_message(application_id: str, body: RejectIn) -> api.RejectApplicationRequest:
    return api.RejectApplicationRequest(
        application_id=application_id,
        reason=pb.RejectReason.Value(f"REJECT_REASON_{body.reason_code.upper()}"),
        note=body.note or "",
    )


def delivery_message(engagement_id: str, body: DeliverIn) -> api.DeliverEngagementRequest:
    return api.DeliverEngagementRequest(
        engagement_id=engagement_id, summary=body.summary, links=body.links
    )


def cancellation_message(engagement_id: str, body: CancelIn) -> api.CancelEngagementRequest:
    return api.CancelEngagementRequest(engagement_id=engagement_id, reason=body.reason)


def application_reply(m: pb.Application) -> Application:
    return Application(
        id=UUID(m.id),
        listing_id=UUID(m.listing_id),
        student_id=UUID(m.student_id),
        organization_id=UUID(m.organization_id),
        status=_name(pb.ApplicationStatus, "APPLICATION_STATUS_", m.status),
        cover_note=m.cover_note,
        answers=dict(m.answers),
        reject_reason=_name(pb.RejectReason, "REJECT_REASON_", m.reject_reason),
        reject_note=m.reject_note or None,
        close_reason=_name(pb.ApplicationCloseReason, "APPLICATION_CLOSE_REASON_", m.close_reason),
        outcome_message=m.outcome_message,
        decision_due_at=from_timestamp(m.decision_due_at),
        decided_at=_at_if_set(m, "decided_at"),
        engagement_id=_uuid_if_set(m.engagement_id),
        created_at=from_timestamp(m.created_at),
        updated_at=from_timestamp(m.updated_at),
    )


def engagement_reply(m: pb.Engagement) -> Engagement:
    return Engagement(
        id=UUID(m.id),
        application_id=UUID(m.application_id),
        listing_id=UUID(m.listing_id),
        student_id=UUID(m.student_id),
        organization_id=UUID(m.organization_id),
        status=_name(pb.EngagementStatus, "ENGAGEMENT_STATUS_", m.status),
        started_at=from_timestamp(m.started_at),
        due_at=from_timestamp(m.due_at),
        delivered_at=_at_if_set(m, "delivered_at"),
        delivery_summary=m.delivery_summary or None,
        delivery_links=list(m.delivery_links),
        auto_complete_at=_at_if_set(m, "auto_complete_at"),
        completed_at=_at_if_set(m, "completed_at"),
        completed_automatically=m.completed_automatically,
        cancelled_at=_at_if_set(m, "cancelled_at"),
        cancel_reason=m.cancel_reason or None,
        cancelled_by=_uuid_if_set(m.cancelled_by),
    )


def application_page_reply(page: api.ApplicationPage) -> ApplicationPage:
    items = [application_reply(a) for a in page.applications]
    return ApplicationPage(items=items, next_cursor=page.next_cursor or None)


def engagement_page_reply(page: api.EngagementPage) -> EngagementPage:
    items = [engagement_reply(e) for e in page.engagements]
    return EngagementPage(items=items, next_cursor=page.next_cursor or None)
