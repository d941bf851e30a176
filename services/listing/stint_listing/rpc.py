"""The gRPC ListingService: protobuf in, a command or query, protobuf out. Who may call
each method is the contract's (checked by the runtime's interceptor before these run)."""

from __future__ import annotations

from typing import Any

import asyncpg
import grpc

from stint.listing.v1 import listing_pb2, listing_service_pb2, listing_service_pb2_grpc
from stint_listing import queries, wire
from stint_listing.commands import organizations, posting
from stint_listing.context import Context
from stint_runtime.identity import current_caller, required_caller
from stint_runtime.service import Register

__all__ = ["SERVICE_NAME", "ListingServicer", "register"]

SERVICE_NAME = listing_service_pb2.DESCRIPTOR.services_by_name["ListingService"].full_name

Ctx = grpc.aio.ServicerContext[Any, Any]


class ListingServicer(listing_service_pb2_grpc.ListingServiceServicer):
    def __init__(self, pool: asyncpg.Pool, ctx: Context) -> None:
        self._pool = pool
        self._ctx = ctx

    async def CreateOrganization(
        self, request: listing_service_pb2.CreateOrganizationRequest, context: Ctx
    ) -> listing_pb2.Organization:
        organization = await organizations.register_organization(
            self._pool,
            self._ctx,
            current_caller(),
            request.organization_id,
            name=request.name,
            industry=request.industry,
            website=request.website,
        )
        return wire.organization_message(organization)

    async def CreateListing(
        self, request: listing_service_pb2.CreateListingRequest, context: Ctx
    ) -> listing_pb2.Listing:
        terms = wire.terms_from_draft(request.draft)
        listing = await posting.create_listing(self._pool, self._ctx, required_caller(), terms)
        return wire.listing_message(listing)

    async def UpdateListing(
        self, request: listing_service_pb2.UpdateListingRequest, context: Ctx
    ) -> listing_pb2.Listing:
        patch = wire.patch_from_message(request.patch)
        listing = await posting.update_listing(
            self._pool, self._ctx, required_caller(), request.listing_id, patch
        )
        return wire.listing_message(listing)

    async def PublishListing(
        self, request: listing_service_pb2.PublishListingRequest, context: Ctx
    ) -> listing_pb2.Listing:
        listing = await posting.publish_listing(
            self._pool, self._ctx, required_caller(), request.listing_id
        )
        return wire.listing_message(listing)

    async def CloseListing(
        self, request: listing_service_pb2.CloseListingRequest, context: Ctx
    ) -> listing_pb2.Listing:
        reason = wire.close_reason_from_message(request.reason)
        listing = await posting.close_listing(
            self._pool, self._ctx, required_caller(), request.listing_id, reason
        )
        return wire.listing_message(listing)

    async def GetListing(
        self, request: listing_service_pb2.GetListingRequest, context: Ctx
    ) -> listing_pb2.Listing:
        listing = await queries.get_listing(self._pool, current_caller(), request.listing_id)
        return wire.listing_message(listing)

    async def SearchListings(
        self, request: listing_service_pb2.SearchListingsRequest, context: Ctx
    ) -> listing_service_pb2.SearchListingsResponse:
        page = await queries.find_listings(
            self._pool,
            current_caller(),
            mine=request.mine,
            q=request.q,
            industry=request.industry,
            skill=request.skill,
            remote=request.remote if request.HasField("remote") else None,
            min_pay_cents=request.min_pay_cents,
            limit=request.page.limit,
            cursor=request.page.cursor,
        )
        return listing_service_pb2.SearchListingsResponse(
            listings=[wire.listing_message(listing) for listing in page.items],
            next_cursor=page.next_cursor,
        )


def register(ctx: Context) -> Register:
    """The ServiceSpec's ``register``: adds the servicer once the pool exists."""

    def add(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        listing_service_pb2_grpc.add_ListingServiceServicer_to_server(
            ListingServicer(pool, ctx), server
        )

    return add
