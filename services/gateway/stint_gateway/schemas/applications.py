"""Bodies of the Applications and Engagements sections. The bounds are the contract's
(the requests' declared limits, which the application service enforces too), so that
most bad input is refused here with the field named; who may do what, and when, is
the service's word."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from stint.application.v1 import application_service_pb2 as api
from stint_gateway.schemas.bounds import count, text
from stint_runtime.contract import field_limits

_SUBMIT = field_limits(api.SubmitApplicationRequest.DESCRIPTOR)
_REJECT = field_limits(api.RejectApplicationRequest.DESCRIPTOR)
_DELIVER = field_limits(api.DeliverEngagementRequest.DESCRIPTOR)
_CANCEL = field_limits(api.CancelEngagementRequest.DESCRIPTOR)

ApplicationStatus = Literal["submitted", "shortlisted", "hired", "rejected", "withdrawn", "closed"]
RejectReason = Literal["skills_mismatch", "availability", "position_filled", "other"]
CloseReason = Literal["position_filled", "listing_closed", "no_decision"]
EngagementStatus = Literal["active", "delivered", "completed", "cancelled"]
CoverNote = Annotated[str, text(_SUBMIT["cover_note"], strip=False)]
Note = Annotated[str, text(_REJECT["note"], strip=False)]
Summary = Annotated[str, text(_DELIVER["summary"])]
Link = Annotated[str, StringConstraints(max_length=_DELIVER["links"].entry_max)]
Reason = Annotated[str, text(_CANCEL["reason"])]


class ApplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cover_note: CoverNote
    answers: dict[str, str] | None = count(_SUBMIT["answers"], default=None)


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason_code: RejectReason
    note: Note | None = Field(default=None, description="Shown to the student.")


class DeliverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: Summary
    links: list[Link] = count(
        _DELIVER["links"], default_factory=list, description="http(s) URLs of the work."
    )


class CancelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class Application(BaseModel):
    id: UUID
    listing_id: UUID
    student_id: UUID
    organization_id: UUID
    status: ApplicationStatus
    cover_note: str
    answers: dict[str, str]
    reject_reason: RejectReason | None = None
    reject_note: str | None = None
    close_reason: CloseReason | None = None
    outcome_message: str = Field(description="What the student reads about the outcome.")
    decision_due_at: datetime = Field(description="Decided by then, or closed: no_decision.")
    decided_at: datetime | None = None
    engagement_id: UUID | None = None
    match_score: float | None = Field(
        default=None,
        description="How well the applicant fits the listing (0..1), for its owner; null "
        "when the matching service does not know or did not answer in time.",
    )
    match_reasons: list[str] | None = Field(
        default=None, description="The reasons behind match_score, when it is known."
    )
    created_at: datetime
    updated_at: datetime


class Engagement(BaseModel):
    id: UUID
    application_id: UUID
    listing_id: UUID
    student_id: UUID
    organization_id: UUID
    status: EngagementStatus
    started_at: datetime
    due_at: datetime
    delivered_at: datetime | None = None
    delivery_summary: str | None = None
    delivery_links: list[str]
    auto_complete_at: datetime | None = Field(
        default=None, description="Delivered work completes then unless the owner acts."
    )
    completed_at: datetime | None = None
    completed_automatically: bool
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    cancelled_by: UUID | None = None


class ApplicationPage(BaseModel):
    items: list[Application]
    next_cursor: str | None = Field(description="Null on the last page.")


class EngagementPage(BaseModel):
    items: list[Engagement]
    next_cursor: str | None = Field(description="Null on the last page.")
