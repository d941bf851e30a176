"""The gRPC ApplicationService: protobuf in, a command or query, protobuf out. Who may
call each method is the contract's (checked by the runtime's interceptor before these run)."""

from __future__ import annotations

from typing import Any

import asyncpg
import grpc

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.application.v1 import application_service_pb2_grpc as api_grpc
from stint_application import queries
from stint_application.commands import applying, deciding, working
from stint_application.context import Context
from stint_application.domain.applications import Application
from stint_application.wire import application_message, engagement_message, reject_reason_from
from stint_runtime.identity import required_caller
from stint_runtime.paging import Page
from stint_runtime.service import Register

__all__ = ["SERVICE_NAME", "ApplicationServicer", "register"]

SERVICE_NAME = api.DESCRIPTOR.services_by_name["ApplicationService"].full_name

Ctx = grpc.aio.ServicerContext[Any, Any]


def _application_page(page: Page[Application]) -> api.ApplicationPage:
    items = [application_message(a) for a in page.items]
    return api.ApplicationPage(applications=items, next_cursor=page.next_cursor)


class ApplicationServicer(api_grpc.ApplicationServiceServicer):
    def __init__(self, pool: asyncpg.Pool, ctx: Context) -> None:
        self._pool = pool
        self._ctx = ctx

    async def SubmitApplication(
        self, request: api.SubmitApplicationRequest, context: Ctx
    ) -> pb.Application:
        app = await applying.submit(
            self._pool,
            self._ctx,
            required_caller(),
            request.listing_id,
            request.cover_note,
            dict(request.answers),
        )
        return application_message(app)

    async def WithdrawApplication(
        self, request: api.ApplicationRef, context: Ctx
    ) -> pb.Application:
        app = await applying.withdraw(
            self._pool, self._ctx, required_caller(), request.application_id
        )
        return application_message(app)

    async def ShortlistApplication(
        self, request: api.ApplicationRef, context: Ctx
    ) -> pb.Application:
        app = await deciding.shortlist(
            self._pool, self._ctx, required_caller(), request.application_id
        )
        return application_message(app)

    async def RejectApplication(
        self, request: api.RejectApplicationRequest, context: Ctx
    ) -> pb.Application:
        app = await deciding.reject(
            self._pool,
            self._ctx,
            required_caller(),
            request.application_id,
            reject_reason_from(request.reason),
            request.note,
        )
        return application_message(app)

    async def HireApplication(self, request: api.ApplicationRef, context: Ctx) -> pb.Engagement:
        engagement = await deciding.hire(
            self._pool, self._ctx, required_caller(), request.application_id
        )
        return engagement_message(engagement)

    async def GetApplication(self, request: api.ApplicationRef, context: Ctx) -> pb.Application:
        app = await queries.get_application(self._pool, required_caller(), request.application_id)
        return application_message(app)

    async def ListMyApplications(
        self, request: api.ListMyApplicationsRequest, context: Ctx
    ) -> api.ApplicationPage:
        page = await queries.list_my_applications(
            self._pool, required_caller(), request.page.limit, request.page.cursor
        )
        return _application_page(page)

    async def ListListingApplications(
        self, request: api.ListListingApplicationsRequest, context: Ctx
    ) -> api.ApplicationPage:
        page = await queries.list_listing_applications(
            self._pool,
            required_caller(),
            request.listing_id,
            request.page.limit,
            request.page.cursor,
        )
        return _application_page(page)

    async def GetEngagement(self, request: api.EngagementRef, context: Ctx) -> pb.Engagement:
        engagement = await queries.get_engagement(
            self._pool, required_caller(), request.engagement_id
        )
        return engagement_message(engagement)

    async def ListMyEngagements(
        self, request: api.ListMyEngagementsRequest, context: Ctx
    ) -> api.EngagementPage:
        page = await queries.list_my_engagements(
            self._pool, required_caller(), request.page.limit, request.page.cursor
        )
        return api.EngagementPage(
            engagements=[engagement_message(e) for e in page.items],
            next_cursor=page.next_cursor,
        )

    async def DeliverEngagement(
        self, request: api.DeliverEngagementRequest, context: Ctx
    ) -> pb.Engagement:
        engagement = await working.deliver(
            self._pool,
            self._ctx,
            required_caller(),
            request.engagement_id,
            request.summary,
            list(request.links),
        )
        return engagement_message(engagement)

    async def CompleteEngagement(self, request: api.EngagementRef, context: Ctx) -> pb.Engagement:
        engagement = await working.complete(
            self._pool, self._ctx, required_caller(), request.engagement_id
        )
        return engagement_message(engagement)

    async def CancelEngagement(
        self, request: api.CancelEngagementRequest, context: Ctx
    ) -> pb.Engagement:
        engagement = await working.cancel(
            self._pool, self._ctx, required_caller(), request.engagement_id, request.reason
        )
        return engagement_message(engagement)


def register(ctx: Context) -> Register:
    """The ServiceSpec's ``register``: adds the servicer once the pool exists."""

    def add(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        api_grpc.add_ApplicationServiceServicer_to_server(ApplicationServicer(pool, ctx), server)

    return add
