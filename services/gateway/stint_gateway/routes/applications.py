"""Applications and engagements, through the application service. Each route admits
the roles its method's contract declares (403 for others, before the body is read);
beyond the role, only the applicant and the listing's owner organization are parties
(the service's rule on its own data: 404 for everyone else)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import grpc
from fastapi import APIRouter, status
from google.protobuf.message import Message

from stint.application.v1 import application_service_pb2 as api
from stint_gateway.dependencies import ApplicationClient, State, allowed
from stint_gateway.http.problems import problem_responses, rules_beyond_schema
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.routes.matching import with_match_scores
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
from stint_gateway.schemas.bounds import Cursor, Limit
from stint_gateway.wire.applications import (
    application_page_reply,
    application_reply,
    cancellation_message,
    delivery_message,
    engagement_page_reply,
    engagement_reply,
    page_message,
    rejection_message,
    submission_message,
)
from stint_runtime.identity import Caller

router = APIRouter(prefix="/v1", tags=["applications"])

_WRITE = problem_responses(401, 403, 404, 409, 422, 503)
_READ = problem_responses(401, 403, 404, 422, 503)
# A list's bad limit or cursor is a query parameter's fault, not the body's.
_QUERY = ("query",)

_SERVICE = api.DESCRIPTOR.services_by_name["ApplicationService"]
MayApply = Annotated[Caller, allowed(_SERVICE, "SubmitApplication")]
MayWithdraw = Annotated[Caller, allowed(_SERVICE, "WithdrawApplication")]
MayShortlist = Annotated[Caller, allowed(_SERVICE, "ShortlistApplication")]
MayReject = Annotated[Caller, allowed(_SERVICE, "RejectApplication")]
MayHire = Annotated[Caller, allowed(_SERVICE, "HireApplication")]
MaySeeApplication = Annotated[Caller, allowed(_SERVICE, "GetApplication")]
MayListOwn = Annotated[Caller, allowed(_SERVICE, "ListMyApplications")]
MayListListing = Annotated[Caller, allowed(_SERVICE, "ListListingApplications")]
MaySeeEngagement = Annotated[Caller, allowed(_SERVICE, "GetEngagement")]
MayListEngagements = Annotated[Caller, allowed(_SERVICE, "ListMyEngagements")]
MayDeliver = Annotated[Caller, allowed(_SERVICE, "DeliverEngagement")]
MayComplete = Annotated[Caller, allowed(_SERVICE, "CompleteEngagement")]
MayCancel = Annotated[Caller, allowed(_SERVICE, "CancelEngagement")]

RequestT = TypeVar("RequestT", bound=Message)
ReplyT = TypeVar("ReplyT", bound=Message)
AnswerT = TypeVar("AnswerT")


async def _ask(
    what: str,
    method: grpc.aio.UnaryUnaryMultiCallable[RequestT, ReplyT],
    request: RequestT,
    answer: Callable[[ReplyT], AnswerT],
    *,
    loc_prefix: Sequence[str] = ("body",),
) -> AnswerT:
    """Call the application service as the caller the route's dependency signed in,
    and answer with the reply mapped to JSON, or with the problem its failure means."""
    with rpc_problems(what, loc_prefix=loc_prefix):
        return answer(await method(request))


@router.post(
    "/listings/{listing_id}/applications", status_code=status.HTTP_201_CREATED, responses=_WRITE
)
async def apply(
    listing_id: str, body: ApplyIn, _: MayApply, client: ApplicationClient
) -> Application:
    """Apply to an open listing before its apply_by (students; once per listing)."""
    request = submission_message(listing_id, body)
    return await _ask("listing", client.SubmitApplication, request, application_reply)


@router.get("/me/applications", responses=_READ)
async def my_applications(
    _: MayListOwn, client: ApplicationClient, limit: Limit = 20, cursor: Cursor = ""
) -> ApplicationPage:
    """The student's own applications, newest first."""
    request = api.ListMyApplicationsRequest(page=page_message(limit, cursor))
    return await _ask(
        "application",
        client.ListMyApplications,
        request,
        application_page_reply,
        loc_prefix=_QUERY,
    )


@router.get("/listings/{listing_id}/applications", responses=_READ)
async def listing_applications(
    listing_id: str,
    _: MayListListing,
    client: ApplicationClient,
    state: State,
    limit: Limit = 20,
    cursor: Cursor = "",
) -> ApplicationPage:
    """The applications to the owner's listing, newest first, each with the applicant's
    match score and its reasons when the matching service answers within its short
    deadline (null otherwise: the list never waits for matching)."""
    request = api.ListListingApplicationsRequest(
        listing_id=listing_id, page=page_message(limit, cursor)
    )
    page = await _ask(
        "listing",
        client.ListListingApplications,
        request,
        application_page_reply,
        loc_prefix=_QUERY,
    )
    deadline_s = state.settings.match_score_deadline_s
    return await with_match_scores(page, listing_id, state.matching, deadline_s)


@router.get("/applications/{application_id}", responses=_READ)
async def get_application(
    application_id: str, _: MaySeeApplication, client: ApplicationClient
) -> Application:
    """One application, for the applicant and the listing's owner."""
    ref = api.ApplicationRef(application_id=application_id)
    return await _ask("application", client.GetApplication, ref, application_reply)


@router.post("/applications/{application_id}/withdraw", responses=_WRITE)
async def withdraw(application_id: str, _: MayWithdraw, client: ApplicationClient) -> Application:
    """The applicant withdraws an application still waiting for a decision."""
    ref = api.ApplicationRef(application_id=application_id)
    return await _ask("application", client.WithdrawApplication, ref, application_reply)


@router.post("/applications/{application_id}/shortlist", responses=_WRITE)
async def shortlist(application_id: str, _: MayShortlist, client: ApplicationClient) -> Application:
    ref = api.ApplicationRef(application_id=application_id)
    return await _ask("application", client.ShortlistApplication, ref, application_reply)


@router.post("/applications/{application_id}/reject", responses=_WRITE)
async def reject(
    application_id: str, body: RejectIn, _: MayReject, client: ApplicationClient
) -> Application:
    """Reject with a reason code the student reads (and an optional note)."""
    request = rejection_message(application_id, body)
    return await _ask("application", client.RejectApplication, request, application_reply)


@router.post(
    "/applications/{application_id}/hire",
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
)
async def hire(application_id: str, _: MayHire, client: ApplicationClient) -> Engagement:
    """Hire into a free slot of the listing: the engagement starts (409: no slot left)."""
    ref = api.ApplicationRef(application_id=application_id)
    return await _ask("application", client.HireApplication, ref, engagement_reply)


@router.get("/engagements/{engagement_id}", responses=_READ)
async def get_engagement(
    engagement_id: str, _: MaySeeEngagement, client: ApplicationClient
) -> Engagement:
    ref = api.EngagementRef(engagement_id=engagement_id)
    return await _ask("engagement", client.GetEngagement, ref, engagement_reply)


@router.get("/me/engagements", responses=_READ)
async def my_engagements(
    _: MayListEngagements, client: ApplicationClient, limit: Limit = 20, cursor: Cursor = ""
) -> EngagementPage:
    """A student's engagements, or an employer's organization's, newest first."""
    request = api.ListMyEngagementsRequest(page=page_message(limit, cursor))
    return await _ask(
        "engagement", client.ListMyEngagements, request, engagement_page_reply, loc_prefix=_QUERY
    )


@router.post(
    "/engagements/{engagement_id}/deliver",
    responses=_WRITE,
    openapi_extra=rules_beyond_schema({"body.links.*": "an http(s) URL"}),
)
async def deliver(
    engagement_id: str, body: DeliverIn, _: MayDeliver, client: ApplicationClient
) -> Engagement:
    """The student hands in the work: a summary and links."""
    request = delivery_message(engagement_id, body)
    return await _ask("engagement", client.DeliverEngagement, request, engagement_reply)


@router.post("/engagements/{engagement_id}/complete", responses=_WRITE)
async def complete(engagement_id: str, _: MayComplete, client: ApplicationClient) -> Engagement:
    ref = api.EngagementRef(engagement_id=engagement_id)
    return await _ask("engagement", client.CompleteEngagement, ref, engagement_reply)


@router.post("/engagements/{engagement_id}/cancel", responses=_WRITE)
async def cancel(
    engagement_id: str, body: CancelIn, _: MayCancel, client: ApplicationClient
) -> Engagement:
    """Either side cancels unfinished work, saying why."""
    request = cancellation_message(engagement_id, body)
    return await _ask("engagement", client.CancelEngagement, request, engagement_reply)
