"""Reputation and Institutions, through the reputation service. Paths are written
whole: the section has a route outside /v1 (``/.well-known/jwks.json``). Routes
admit the roles their method's contract declares (403 for others, before the body is
read); whose engagement, credential or student it is, is the service's rule (404)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from stint.reputation.v1 import reputation_pb2 as pb
from stint.reputation.v1 import reputation_service_pb2 as api
from stint_gateway.dependencies import OptionalCaller, ReputationClient, allowed
from stint_gateway.http.problems import problem_responses, rules_beyond_schema
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.schemas import reputation as s
from stint_gateway.schemas.bounds import Cursor, Limit
from stint_gateway.wire import reputation as w
from stint_gateway.wire.applications import page_message
from stint_runtime.identity import Caller

router = APIRouter(tags=["reputation"])

VC_JWT = "application/vc+jwt"
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)
_READ = problem_responses(401, 403, 404, 422, 503)
_PUBLIC = problem_responses(401, 404, 422, 503)
_SIGNED: dict[int | str, dict[str, Any]] = {
    200: {"content": {VC_JWT: {"schema": {"type": "string"}}}}
}

_SERVICE = api.DESCRIPTOR.services_by_name["ReputationService"]
MayReview = Annotated[Caller, allowed(_SERVICE, "SubmitReview")]
MayRevoke = Annotated[Caller, allowed(_SERVICE, "RevokeCredential")]
MaySeeRecord = Annotated[Caller, allowed(_SERVICE, "GetLearnerRecord")]
MaySetUp = Annotated[Caller, allowed(_SERVICE, "PutInstitutionSettings")]
MayLink = Annotated[Caller, allowed(_SERVICE, "LinkInstitution")]
MayListStudents = Annotated[Caller, allowed(_SERVICE, "ListInstitutionStudents")]
MayApprove = Annotated[Caller, allowed(_SERVICE, "ApproveStudent")]
MayListWork = Annotated[Caller, allowed(_SERVICE, "ListInstitutionEngagements")]
MayGrant = Annotated[Caller, allowed(_SERVICE, "GrantCredit")]
MayListCredits = Annotated[Caller, allowed(_SERVICE, "ListMyCredits")]

ReplyT = TypeVar("ReplyT")
AnswerT = TypeVar("AnswerT")


async def _ask(
    what: str,
    call: Awaitable[ReplyT],
    answer: Callable[[ReplyT], AnswerT],
    *,
    loc_prefix: Sequence[str] = ("body",),
) -> AnswerT:
    with rpc_problems(what, loc_prefix=loc_prefix):
        return answer(await call)


async def _listed(
    what: str, call: Awaitable[ReplyT], answer: Callable[[ReplyT], AnswerT]
) -> AnswerT:
    """A page: a bad limit or cursor is the query's fault, not the body's."""
    return await _ask(what, call, answer, loc_prefix=("query",))


def _wants_jwt(request: Request) -> bool:
    """``Accept: application/vc+jwt`` (with a q above 0) asks for the compact JWT."""
    for part in request.headers.get("accept", "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() == VC_JWT:
            return not any(p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00") for p in params)
    return False


def _negotiated(request: Request, jwt: str, reply: AnswerT) -> Response | AnswerT:
    return Response(jwt, media_type=VC_JWT) if _wants_jwt(request) else reply


@router.post(
    "/v1/engagements/{engagement_id}/reviews",
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
    openapi_extra=rules_beyond_schema(
        {"body.endorsed_skills": "the employer's only, and skills of the engagement's listing"}
    ),
)
async def submit_review(
    engagement_id: str, body: s.ReviewIn, _: MayReview, client: ReputationClient
) -> s.ReviewReceipt:
    """Review a completed engagement once (its student or its organization). Neither
    side's review shows until both reviewed or the review window ended."""
    call = client.SubmitReview(w.review_message(engagement_id, body))
    return await _ask(
        "engagement", call, lambda r: s.ReviewReceipt(id=UUID(r.id), published=r.published)
    )


@router.get("/v1/users/{user_id}/reviews", responses=_PUBLIC)
async def reviews(
    user_id: str,
    _: OptionalCaller,
    client: ReputationClient,
    limit: Limit = 20,
    cursor: Cursor = "",
) -> s.ReviewPage:
    """Published reviews about a student, or about an employer's organization."""
    request = api.ListReviewsRequest(user_id=user_id, page=page_message(limit, cursor))
    return await _listed("user", client.ListReviews(request), w.review_page_reply)


@router.get("/v1/users/{user_id}/reputation", responses=_PUBLIC)
async def reputation(user_id: str, _: OptionalCaller, client: ReputationClient) -> s.Reputation:
    """The score with its formula and breakdown: anyone can recompute it."""
    call = client.GetReputation(api.GetReputationRequest(user_id=user_id))
    return await _ask("user", call, w.reputation_reply)


@router.get("/v1/users/{user_id}/portfolio", responses=_PUBLIC)
async def portfolio(user_id: str, _: OptionalCaller, client: ReputationClient) -> s.Portfolio:
    call = client.GetPortfolio(api.GetPortfolioRequest(user_id=user_id))
    return await _ask("user", call, w.portfolio_reply)


@router.get(
    "/v1/credentials/{credential_id}",
    response_model=s.Credential,
    responses={**_PUBLIC, **_SIGNED},
)
async def credential(
    credential_id: str, request: Request, _: OptionalCaller, client: ReputationClient
) -> Response | s.Credential:
    """The completion credential (Open Badges 3.0), no sign-in needed. ``Accept:
    application/vc+jwt`` answers the compact JWT itself."""
    call = client.GetCredential(api.GetCredentialRequest(credential_id=credential_id))
    found: pb.Credential = await _ask("credential", call, lambda m: m)
    return _negotiated(request, found.document.jwt, w.credential_reply(found))


@router.post("/v1/credentials/{credential_id}/revoke", responses=_WRITE)
async def revoke(
    credential_id: str, body: s.RevokeIn, _: MayRevoke, client: ReputationClient
) -> s.Credential:
    """The issuing organization revokes, saying why; its status list says so."""
    request = api.RevokeCredentialRequest(credential_id=credential_id, reason=body.reason)
    return await _ask("credential", client.RevokeCredential(request), w.credential_reply)


@router.get(
    "/v1/credentials/status/{list_id}",
    response_model=s.SignedCredential,
    responses={**_PUBLIC, **_SIGNED},
)
async def status_list(
    list_id: str, request: Request, _: OptionalCaller, client: ReputationClient
) -> Response | s.SignedCredential:
    """A Bitstring Status List credential (revocation)."""
    call = client.GetStatusList(api.GetStatusListRequest(list_id=list_id))
    found: pb.SignedDocument = await _ask("status list", call, lambda m: m)
    return _negotiated(request, found.jwt, w.signed_reply(found))


@router.get(
    "/v1/users/{user_id}/clr", response_model=s.SignedCredential, responses={**_READ, **_SIGNED}
)
async def learner_record(
    user_id: str, request: Request, _: MaySeeRecord, client: ReputationClient
) -> Response | s.SignedCredential:
    """The student's signed learner record: for the student and linked institutions."""
    call = client.GetLearnerRecord(api.GetLearnerRecordRequest(student_id=user_id))
    found: pb.SignedDocument = await _ask("user", call, lambda m: m)
    return _negotiated(request, found.jwt, w.signed_reply(found))


@router.get("/.well-known/jwks.json", responses=problem_responses(503))
async def jwks(client: ReputationClient) -> JSONResponse:
    """Every public key that verifies Stint's credentials, current and retired."""
    found = await _ask("key", client.GetKeys(api.GetKeysRequest()), lambda m: m.jwks)
    return JSONResponse(json.loads(found))


@router.put(
    "/v1/institution/settings",
    responses=_WRITE,
    openapi_extra=rules_beyond_schema({"body.email_domains.*": "a domain name like uni.edu"}),
)
async def institution_settings(
    body: s.InstitutionSettingsIn, _: MaySetUp, client: ReputationClient
) -> s.InstitutionSettings:
    request = api.PutInstitutionSettingsRequest(
        email_domains=body.email_domains, credit_policy=body.credit_policy or ""
    )
    return await _ask("institution", client.PutInstitutionSettings(request), w.settings_reply)


@router.post("/v1/me/institution", status_code=status.HTTP_201_CREATED, responses=_WRITE)
async def link_institution(
    body: s.LinkIn, _: MayLink, client: ReputationClient
) -> s.InstitutionLink:
    """Linked at once when the student's e-mail domain is the institution's; pending
    its approval otherwise."""
    request = api.LinkInstitutionRequest(institution_id=body.institution_id)
    return await _ask("institution", client.LinkInstitution(request), w.link_reply)


@router.get("/v1/institution/students", responses=_READ)
async def institution_students(
    _: MayListStudents, client: ReputationClient, limit: Limit = 20, cursor: Cursor = ""
) -> s.InstitutionLinkPage:
    request = api.ListInstitutionStudentsRequest(page=page_message(limit, cursor))
    return await _listed("student", client.ListInstitutionStudents(request), w.link_page_reply)


@router.post("/v1/institution/students/{student_id}/approve", responses=_WRITE)
async def approve_student(
    student_id: str, _: MayApprove, client: ReputationClient
) -> s.InstitutionLink:
    request = api.ApproveStudentRequest(student_id=student_id)
    return await _ask("student", client.ApproveStudent(request), w.link_reply)


@router.get("/v1/institution/engagements", responses=_READ)
async def institution_engagements(
    _: MayListWork,
    client: ReputationClient,
    status: s.EngagementStatus | None = None,
    limit: Limit = 20,
    cursor: Cursor = "",
) -> s.InstitutionEngagementPage:
    """The linked students' engagements (``?status=completed``) with their credentials."""
    request = api.ListInstitutionEngagementsRequest(
        status=status or "", page=page_message(limit, cursor)
    )
    return await _listed(
        "engagement", client.ListInstitutionEngagements(request), w.engagement_page_reply
    )


@router.post(
    "/v1/institution/engagements/{engagement_id}/credit",
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
)
async def grant_credit(
    engagement_id: str, body: s.CreditIn, _: MayGrant, client: ReputationClient
) -> s.Credit:
    request = api.GrantCreditRequest(
        engagement_id=engagement_id, credits=body.credits, term=body.term, note=body.note or ""
    )
    return await _ask("engagement", client.GrantCredit(request), w.credit_reply)


@router.get("/v1/me/credits", responses=_READ)
async def my_credits(
    _: MayListCredits, client: ReputationClient, limit: Limit = 20, cursor: Cursor = ""
) -> s.CreditPage:
    request = api.ListMyCreditsRequest(page=page_message(limit, cursor))
    return await _listed("credit", client.ListMyCredits(request), w.credit_page_reply)
