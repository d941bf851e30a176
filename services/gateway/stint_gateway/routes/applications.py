"""Applications and engagements, through the application service. Who may see and do
what is the service's rule (the applicant and the listing's owner organization; 404
for everyone else); the gateway asks for a signed-in caller and maps the answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Protocol
from uuid import UUID

from fastapi import APIRouter, Query, status
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.common.v1 import common_pb2
from stint_gateway.dependencies import ApplicationClient, CurrentCaller, Employer
from stint_gateway.problems import problem_responses
from stint_gateway.rpc_problems import rpc_problems

router = APIRouter(prefix="/v1", tags=["applications"])

ApplicationStatus = Literal["submitted", "shortlisted", "hired", "rejected", "withdrawn", "closed"]
RejectReason = Literal["skills_mismatch", "availability", "position_filled", "other"]
CloseReason = Literal["position_filled", "listing_closed", "no_decision"]
EngagementStatus = Literal["active", "delivered", "completed", "cancelled"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _ProtoEnum(Protocol):
    def Name(self, number: Any) -> str: ...


def _name(enum: _ProtoEnum, prefix: str, number: int) -> Any:
    """``APPLICATION_STATUS_SUBMITTED`` → ``"submitted"``; None for UNSPECIFIED. The
    reply models check the result against their literals."""
    name = enum.Name(number).removeprefix(prefix).lower()
    return None if name == "unspecified" else name


_WRITE = problem_responses(401, 403, 404, 409, 422, 503)
_READ = problem_responses(401, 403, 404, 422, 503)
Limit = Annotated[int, Query(ge=1, le=100)]
Cursor = Annotated[str, Query(max_length=500)]


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


def _at(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def _application(m: pb.Application) -> Application:
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
        decision_due_at=_at(m.decision_due_at),
        decided_at=_at(m.decided_at) if m.HasField("decided_at") else None,
        engagement_id=UUID(m.engagement_id) if m.engagement_id else None,
        created_at=_at(m.created_at),
        updated_at=_at(m.updated_at),
    )


def _engagement(m: pb.Engagement) -> Engagement:
    def maybe(field: Literal["delivered_at", "completed_at", "cancelled_at"]) -> datetime | None:
        return _at(getattr(m, field)) if m.HasField(field) else None

    return Engagement(
        id=UUID(m.id),
        application_id=UUID(m.application_id),
        listing_id=UUID(m.listing_id),
        student_id=UUID(m.student_id),
        organization_id=UUID(m.organization_id),
        status=_name(pb.EngagementStatus, "ENGAGEMENT_STATUS_", m.status),
        started_at=_at(m.started_at),
        due_at=_at(m.due_at),
        delivered_at=maybe("delivered_at"),
        delivery_summary=m.delivery_summary or None,
        delivery_links=list(m.delivery_links),
        auto_complete_at=_at(m.auto_complete_at) if m.HasField("auto_complete_at") else None,
        completed_at=maybe("completed_at"),
        completed_automatically=m.completed_automatically,
        cancelled_at=maybe("cancelled_at"),
        cancel_reason=m.cancel_reason or None,
        cancelled_by=UUID(m.cancelled_by) if m.cancelled_by else None,
    )


def _page(limit: int, cursor: str) -> common_pb2.PageRequest:
    return common_pb2.PageRequest(limit=limit, cursor=cursor)


@router.post(
    "/listings/{listing_id}/applications", status_code=status.HTTP_201_CREATED, responses=_WRITE
)
async def apply(
    listing_id: str, body: ApplyIn, _: CurrentCaller, client: ApplicationClient
) -> Application:
    """Apply to an open listing before its apply_by (students; once per listing)."""
    request = api.SubmitApplicationRequest(
        listing_id=listing_id, cover_note=body.cover_note, answers=body.answers or {}
    )
    with rpc_problems("listing"):
        return _application(await client.SubmitApplication(request))


@router.get("/me/applications", responses=_READ)
async def my_applications(
    _: CurrentCaller, client: ApplicationClient, limit: Limit = 20, cursor: Cursor = ""
) -> ApplicationPage:
    """The student's own applications, newest first."""
    with rpc_problems("application", loc_prefix=("query",)):
        found = await client.ListMyApplications(
            api.ListMyApplicationsRequest(page=_page(limit, cursor))
        )
    items = [_application(a) for a in found.applications]
    return ApplicationPage(items=items, next_cursor=found.next_cursor or None)


@router.get("/listings/{listing_id}/applications", responses=_READ)
async def listing_applications(
    listing_id: str,
    _: Employer,
    client: ApplicationClient,
    limit: Limit = 20,
    cursor: Cursor = "",
) -> ApplicationPage:
    """The applications to the owner's listing, newest first."""
    request = api.ListListingApplicationsRequest(listing_id=listing_id, page=_page(limit, cursor))
    with rpc_problems("listing", loc_prefix=("query",)):
        found = await client.ListListingApplications(request)
    items = [_application(a) for a in found.applications]
    return ApplicationPage(items=items, next_cursor=found.next_cursor or None)


@router.get("/applications/{application_id}", responses=_READ)
async def get_application(
    application_id: str, _: CurrentCaller, client: ApplicationClient
) -> Application:
    """One application, for the applicant and the listing's owner."""
    with rpc_problems("application"):
        found = await client.GetApplication(api.ApplicationRef(application_id=application_id))
    return _application(found)


@router.post("/applications/{application_id}/withdraw", responses=_WRITE)
async def withdraw(application_id: str, _: CurrentCaller, client: ApplicationClient) -> Application:
    """The applicant withdraws an application still waiting for a decision."""
    ref = api.ApplicationRef(application_id=application_id)
    with rpc_problems("application"):
        return _application(await client.WithdrawApplication(ref))


@router.post("/applications/{application_id}/shortlist", responses=_WRITE)
async def shortlist(application_id: str, _: Employer, client: ApplicationClient) -> Application:
    ref = api.ApplicationRef(application_id=application_id)
    with rpc_problems("application"):
        return _application(await client.ShortlistApplication(ref))


@router.post("/applications/{application_id}/reject", responses=_WRITE)
async def reject(
    application_id: str, body: RejectIn, _: Employer, client: ApplicationClient
) -> Application:
    """Reject with a reason code the student reads (and an optional note)."""
    request = api.RejectApplicationRequest(
        application_id=application_id,
        reason=pb.RejectReason.Value(f"REJECT_REASON_{body.reason_code.upper()}"),
        note=body.note or "",
    )
    with rpc_problems("application"):
        return _application(await client.RejectApplication(request))


@router.post(
    "/applications/{application_id}/hire",
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
)
async def hire(application_id: str, _: Employer, client: ApplicationClient) -> Engagement:
    """Hire into a free slot of the listing: the engagement starts (409: no slot left)."""
    ref = api.ApplicationRef(application_id=application_id)
    with rpc_problems("application"):
        return _engagement(await client.HireApplication(ref))


@router.get("/engagements/{engagement_id}", responses=_READ)
async def get_engagement(
    engagement_id: str, _: CurrentCaller, client: ApplicationClient
) -> Engagement:
    with rpc_problems("engagement"):
        found = await client.GetEngagement(api.EngagementRef(engagement_id=engagement_id))
    return _engagement(found)


@router.get("/me/engagements", responses=_READ)
async def my_engagements(
    _: CurrentCaller, client: ApplicationClient, limit: Limit = 20, cursor: Cursor = ""
) -> EngagementPage:
    """A student's engagements, or an employer's organization's, newest first."""
    with rpc_problems("engagement", loc_prefix=("query",)):
        found = await client.ListMyEngagements(
            api.ListMyEngagementsRequest(page=_page(limit, cursor))
        )
    items = [_engagement(e) for e in found.engagements]
    return EngagementPage(items=items, next_cursor=found.next_cursor or None)


@router.post("/engagements/{engagement_id}/deliver", responses=_WRITE)
async def deliver(
    engagement_id: str, body: DeliverIn, _: CurrentCaller, client: ApplicationClient
) -> Engagement:
    """The student hands in the work: a summary and links."""
    request = api.DeliverEngagementRequest(
        engagement_id=engagement_id, summary=body.summary, links=body.links
    )
    with rpc_problems("engagement"):
        return _engagement(await client.DeliverEngagement(request))


@router.post("/engagements/{engagement_id}/complete", responses=_WRITE)
async def complete(engagement_id: str, _: Employer, client: ApplicationClient) -> Engagement:
    ref = api.EngagementRef(engagement_id=engagement_id)
    with rpc_problems("engagement"):
        return _engagement(await client.CompleteEngagement(ref))


@router.post("/engagements/{engagement_id}/cancel", responses=_WRITE)
async def cancel(
    engagement_id: str, body: CancelIn, _: CurrentCaller, client: ApplicationClient
) -> Engagement:
    """Either side cancels unfinished work, saying why."""
    request = api.CancelEngagementRequest(engagement_id=engagement_id, reason=body.reason)
    with rpc_problems("engagement"):
        return _engagement(await client.CancelEngagement(request))
