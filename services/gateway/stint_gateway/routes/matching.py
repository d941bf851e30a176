"""Student profiles, recommendations and candidates, through the matching service.
Each route admits the roles its method's contract declares (403 for others, before the
body is read); beyond the role, the service decides what exists for the caller: another
student's profile, or another organization's listing, is 404."""

from __future__ import annotations

import logging
from typing import Annotated

import grpc
from fastapi import APIRouter

from stint.matching.v1 import matching_service_pb2 as api
from stint_gateway.dependencies import MatchingClient, allowed
from stint_gateway.http.problems import problem_responses, rules_beyond_schema
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.schemas.applications import ApplicationPage
from stint_gateway.schemas.matching import (
    CandidateLimit,
    Candidates,
    Profile,
    ProfileIn,
    RecommendationLimit,
    Recommendations,
)
from stint_gateway.stubs import MatchingStub
from stint_gateway.wire.matching import (
    candidates_reply,
    profile_message,
    profile_reply,
    recommendations_reply,
    scored_page,
)
from stint_runtime.identity import Caller

__all__ = ["router", "with_match_scores"]

log = logging.getLogger(__name__)

"""How long an owner's list of applications waits for their match scores: the list
answers without them (nulls) rather than wait for a slow matching service."""

router = APIRouter(prefix="/v1", tags=["matching"])

_WRITE = problem_responses(401, 403, 422, 503)
_READ = problem_responses(401, 403, 404, 422, 503)
_QUERY = ("query",)
_DEFAULT_LIMIT = 10

_SERVICE = api.DESCRIPTOR.services_by_name["MatchingService"]
MayEditProfile = Annotated[Caller, allowed(_SERVICE, "PutProfile")]
MaySeeProfile = Annotated[Caller, allowed(_SERVICE, "GetProfile")]
MayBeRecommended = Annotated[Caller, allowed(_SERVICE, "Recommend")]
MayRankCandidates = Annotated[Caller, allowed(_SERVICE, "RankCandidates")]


_NAMES = "a name once folded: letters, digits, spaces and . + # & / ' - only, with a letter"


@router.put(
    "/me/profile",
    responses=_WRITE,
    openapi_extra=rules_beyond_schema(
        {"body.skills.*.name": f"{_NAMES}; each skill once", "body.interests.*": _NAMES}
    ),
)
async def put_profile(body: ProfileIn, _: MayEditProfile, client: MatchingClient) -> Profile:
    """Create or replace the student's own profile. Skill and industry names are
    folded (trimmed, lower case, known synonyms: "js" is "javascript")."""
    with rpc_problems("matching"):
        return profile_reply(await client.PutProfile(profile_message(body)))


@router.get("/students/{student_id}/profile", responses=_READ)
async def get_profile(student_id: str, _: MaySeeProfile, client: MatchingClient) -> Profile:
    """A student's profile, for employers, institutions and the student themself."""
    with rpc_problems("profile"):
        found = await client.GetProfile(api.GetProfileRequest(student_id=student_id))
    return profile_reply(found)


@router.get("/me/recommendations", responses=_READ)
async def recommendations(
    _: MayBeRecommended, client: MatchingClient, limit: RecommendationLimit = _DEFAULT_LIMIT
) -> Recommendations:
    """Open listings the student has not applied to, best first, each with its score,
    the reasons and the terms behind it; a page of five or more holds at least one good
    match from an industry the student has not tried (``exploration: true``)."""
    with rpc_problems("matching", loc_prefix=_QUERY):
        found = await client.Recommend(api.RecommendRequest(limit=limit))
    return recommendations_reply(found)


@router.get("/listings/{listing_id}/candidates", responses=_READ)
async def candidates(
    listing_id: str,
    _: MayRankCandidates,
    client: MatchingClient,
    limit: CandidateLimit = _DEFAULT_LIMIT,
) -> Candidates:
    """Students with a profile, best first for the owner's listing, with the same
    explanation a student sees."""
    request = api.RankCandidatesRequest(listing_id=listing_id, limit=limit)
    with rpc_problems("listing", loc_prefix=_QUERY):
        found = await client.RankCandidates(request)
    return candidates_reply(found)


async def with_match_scores(
    page: ApplicationPage, listing_id: str, matching: MatchingStub | None, deadline_s: float
) -> ApplicationPage:
    """The owner's page of applications with each applicant's match score and reasons;
    the page as it is (nulls) when matching is not deployed, is down, refuses or does
    not answer within ``deadline_s`` (``match_score_deadline_s``)."""
    if matching is None or not page.items:
        return page
    request = api.ScoreApplicantsRequest(
        listing_id=listing_id, student_ids=sorted({str(a.student_id) for a in page.items})
    )
    try:
        scores = await matching.ScoreApplicants(request, timeout=deadline_s)
    except grpc.aio.AioRpcError as error:
        log.warning("no match scores for the applications", extra={"code": error.code().name})
        return page
    return scored_page(page, scores)
