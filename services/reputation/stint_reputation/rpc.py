"""The gRPC ReputationService: protobuf in, a command or query, protobuf out. Who may
call each method is the contract's (checked by the runtime's interceptor first)."""

from __future__ import annotations

from typing import Any

import asyncpg
import grpc

from stint.reputation.v1 import reputation_pb2 as pb
from stint.reputation.v1 import reputation_service_pb2 as api
from stint.reputation.v1 import reputation_service_pb2_grpc as api_grpc
from stint_reputation.commands import institutions, reviewing, revoking
from stint_reputation.context import Context
from stint_reputation.queries import credentials, profiles
from stint_reputation.queries import institutions as schools
from stint_reputation.wire import (
    credential_message,
    credit_message,
    institution_engagement_message,
    link_message,
    portfolio_entry_message,
    reputation_message,
    review_message,
    settings_message,
    signed_message,
    status_list_message,
)
from stint_runtime.identity import current_caller, required_caller
from stint_runtime.service import Register

__all__ = ["SERVICE_NAME", "ReputationServicer", "register"]

SERVICE_NAME = api.DESCRIPTOR.services_by_name["ReputationService"].full_name

Ctx = grpc.aio.ServicerContext[Any, Any]


class ReputationServicer(api_grpc.ReputationServiceServicer):
    def __init__(self, pool: asyncpg.Pool, ctx: Context) -> None:
        self._pool = pool
        self._ctx = ctx

    async def SubmitReview(
        self, request: api.SubmitReviewRequest, context: Ctx
    ) -> api.ReviewReceipt:
        review = await reviewing.submit_review(
            self._pool,
            self._ctx,
            required_caller(),
            request.engagement_id,
            request.rating,
            request.comment,
            list(request.endorsed_skills),
        )
        return api.ReviewReceipt(id=review.id, published=False)

    async def ListReviews(self, request: api.ListReviewsRequest, context: Ctx) -> api.ReviewPage:
        page = await profiles.list_reviews(
            self._pool, request.user_id, request.page.limit, request.page.cursor
        )
        return api.ReviewPage(
            reviews=[review_message(r) for r in page.items], next_cursor=page.next_cursor
        )

    async def GetReputation(self, request: api.GetReputationRequest, context: Ctx) -> pb.Reputation:
        reputation = await profiles.get_reputation(self._pool, request.user_id)
        return reputation_message(reputation, request.user_id)

    async def GetPortfolio(self, request: api.GetPortfolioRequest, context: Ctx) -> api.Portfolio:
        entries = await profiles.get_portfolio(self._pool, request.user_id)
        return api.Portfolio(entries=[portfolio_entry_message(e) for e in entries])

    async def GetCredential(self, request: api.GetCredentialRequest, context: Ctx) -> pb.Credential:
        found = await credentials.get_credential(
            self._pool, current_caller(), request.credential_id
        )
        return credential_message(found)

    async def RevokeCredential(
        self, request: api.RevokeCredentialRequest, context: Ctx
    ) -> pb.Credential:
        revoked = await revoking.revoke_credential(
            self._pool, self._ctx, required_caller(), request.credential_id, request.reason
        )
        return credential_message(revoked)

    async def GetStatusList(
        self, request: api.GetStatusListRequest, context: Ctx
    ) -> pb.SignedDocument:
        return status_list_message(await credentials.get_status_list(self._pool, request.list_id))

    async def GetKeys(self, request: api.GetKeysRequest, context: Ctx) -> api.KeySet:
        return api.KeySet(jwks=await credentials.key_set(self._pool, self._ctx))

    async def GetLearnerRecord(
        self, request: api.GetLearnerRecordRequest, context: Ctx
    ) -> pb.SignedDocument:
        record_id, signed = await schools.learner_record_of(
            self._pool, self._ctx, required_caller(), request.student_id
        )
        return signed_message(record_id, signed)

    async def PutInstitutionSettings(
        self, request: api.PutInstitutionSettingsRequest, context: Ctx
    ) -> pb.InstitutionSettings:
        settings = await institutions.put_settings(
            self._pool,
            self._ctx,
            required_caller(),
            list(request.email_domains),
            request.credit_policy,
        )
        return settings_message(settings)

    async def LinkInstitution(
        self, request: api.LinkInstitutionRequest, context: Ctx
    ) -> pb.InstitutionLink:
        link = await institutions.link_institution(
            self._pool, self._ctx, required_caller(), request.institution_id
        )
        return link_message(link)

    async def ListInstitutionStudents(
        self, request: api.ListInstitutionStudentsRequest, context: Ctx
    ) -> api.InstitutionLinkPage:
        page = await schools.list_students(
            self._pool, required_caller(), request.page.limit, request.page.cursor
        )
        return api.InstitutionLinkPage(
            links=[link_message(link) for link in page.items], next_cursor=page.next_cursor
        )

    async def ApproveStudent(
        self, request: api.ApproveStudentRequest, context: Ctx
    ) -> pb.InstitutionLink:
        link = await institutions.approve_student(
            self._pool, self._ctx, required_caller(), request.student_id
        )
        return link_message(link)

    async def ListInstitutionEngagements(
        self, request: api.ListInstitutionEngagementsRequest, context: Ctx
    ) -> api.InstitutionEngagementPage:
        page = await schools.list_institution_engagements(
            self._pool, required_caller(), request.status, request.page.limit, request.page.cursor
        )
        return api.InstitutionEngagementPage(
            engagements=[institution_engagement_message(e) for e in page.items],
            next_cursor=page.next_cursor,
        )

    async def GrantCredit(self, request: api.GrantCreditRequest, context: Ctx) -> pb.Credit:
        credit = await institutions.grant_credit(
            self._pool,
            self._ctx,
            required_caller(),
            request.engagement_id,
            request.credits,
            request.term,
            request.note,
        )
        return credit_message(credit)

    async def ListMyCredits(
        self, request: api.ListMyCreditsRequest, context: Ctx
    ) -> api.CreditPage:
        page = await schools.list_my_credits(
            self._pool, required_caller(), request.page.limit, request.page.cursor
        )
        return api.CreditPage(
            credits=[credit_message(c) for c in page.items], next_cursor=page.next_cursor
        )


def register(ctx: Context) -> Register:
    """The ServiceSpec's ``register``: adds the servicer once the pool exists."""

    def add(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        api_grpc.add_ReputationServiceServicer_to_server(ReputationServicer(pool, ctx), server)

    return add
