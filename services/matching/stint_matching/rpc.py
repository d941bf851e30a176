"""The gRPC MatchingService: protobuf in, one command or query, protobuf out. Who may
call each method is the contract's (checked by the runtime's interceptor first)."""

from __future__ import annotations

from typing import Any

import asyncpg
import grpc

from stint.matching.v1 import matching_pb2 as pb
from stint.matching.v1 import matching_service_pb2 as api
from stint.matching.v1 import matching_service_pb2_grpc as api_grpc
from stint_matching import queries
from stint_matching.commands.profiles import put_profile
from stint_matching.context import Context
from stint_matching.wire import (
    applicant_scores_message,
    candidates_message,
    profile_input,
    profile_message,
    recommendations_message,
)
from stint_runtime.identity import required_caller
from stint_runtime.service import Register

__all__ = ["SERVICE_NAME", "MatchingServicer", "register"]

SERVICE_NAME = api.DESCRIPTOR.services_by_name["MatchingService"].full_name

Ctx = grpc.aio.ServicerContext[Any, Any]


class MatchingServicer(api_grpc.MatchingServiceServicer):
    def __init__(self, pool: asyncpg.Pool, ctx: Context) -> None:
        self._pool = pool
        self._ctx = ctx

    async def PutProfile(self, request: api.PutProfileRequest, context: Ctx) -> pb.Profile:
        profile = await put_profile(
            self._pool, self._ctx, required_caller(), profile_input(request)
        )
        return profile_message(profile)

    async def GetProfile(self, request: api.GetProfileRequest, context: Ctx) -> pb.Profile:
        profile = await queries.get_profile(self._pool, required_caller(), request.student_id)
        return profile_message(profile)

    async def Recommend(self, request: api.RecommendRequest, context: Ctx) -> api.Recommendations:
        student = required_caller()
        found = await queries.recommend(self._pool, self._ctx, student, request.limit)
        return recommendations_message(student.account_id, found)

    async def RankCandidates(
        self, request: api.RankCandidatesRequest, context: Ctx
    ) -> api.Candidates:
        listing, found = await queries.rank_candidates(
            self._pool, self._ctx, required_caller(), request.listing_id, request.limit
        )
        return candidates_message(listing.id, found)

    async def ScoreApplicants(
        self, request: api.ScoreApplicantsRequest, context: Ctx
    ) -> api.ApplicantScores:
        listing, found = await queries.score_applicants(
            self._pool, self._ctx, required_caller(), request.listing_id, request.student_ids
        )
        return applicant_scores_message(listing.id, found)


def register(ctx: Context) -> Register:
    """The ServiceSpec's ``register``: adds the servicer once the pool exists."""

    def add(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        api_grpc.add_MatchingServiceServicer_to_server(MatchingServicer(pool, ctx), server)

    return add
