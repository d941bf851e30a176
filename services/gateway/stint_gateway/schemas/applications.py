"""Bodies of the Applications and Engagements sections. The limits mirror the
application service's rules, so that most bad input is refused here with the field
named; who may do what, and when, is the service's word."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ApplicationStatus = Literal["submitted", "shortlisted", "hired", "rejected", "withdrawn", "closed"]
RejectReason = Literal["skills_mismatch", "availability", "position_filled", "other"]
CloseReason = Literal["position_filled", "listing_closed", "no_decision"]
EngagementStatus = Literal["active", "delivered", "completed", "cancelled"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ApplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cover_note: str = Field(max_length=4000)
    answers: dict[str, str] | None = Field(default=None, max_length=20)


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason_code: RejectReason
    note: str | None = Field(default=None, max_length=2000, description="Shown to the student.")


class DeliverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: Text
    links: list[Annotated[str, StringConstraints(max_length=2000)]] = Field(
        default_factory=list, max_length=20, description="http(s) URLs of the work."
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
    match_score: float | None = Field(default=None, description="When known.")
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
