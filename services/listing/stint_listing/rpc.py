"""The gRPC servicer: protobuf ⇄ domain around the listing board, nothing more."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import grpc

from stint.listing.v1 import listing_pb2, listing_service_pb2, listing_service_pb2_grpc
from stint_listing import contract
from stint_listing.board import ListingBoard
from stint_listing.domain import access, search
from stint_runtime.errors import InvalidArgument, NotFound
from stint_runtime.identity import current_caller

__all__ = ["SERVICE_NAME", "ListingServicer"]

SERVICE_NAME = listing_service_pb2.DESCRIPTOR.services_by_name["ListingService"].full_name

Context = grpc.aio.ServicerContext[Any, Any]


def _listing_id(text: str) -> UUID:
    """A malformed id names no listing: not found, like any unknown one."""
    try:
        return UUID(text)
    except ValueError:
        raise NotFound("no such listing") from None


class ListingServicer(listing_service_pb2_grpc.ListingServiceServicer):
    def __init__(self, board: ListingBoard) -> None:
        self._board = board

    async def CreateOrganization(
        self, request: listing_service_pb2.CreateOrganizationRequest, context: Context
    ) -> listing_pb2.Organization:
        try:
            organization_id = UUID(request.organization_id)
        except ValueError:
            raise InvalidArgument.one("organization_id", "must be a UUID") from None
        organization = await self._board.register_organization(
            current_caller(),
            organization_id,
            name=request.name,
            industry=request.industry,
            website=request.website,
        )
        return contract.organization_message(organization)

    async def CreateListing(
        self, request: listing_service_pb2.CreateListingRequest, context: Context
    ) -> listing_pb2.Listing:
        caller = current_caller()
        # Who may create is decided before what was written is judged.
        access.hiring_organization(caller)
        terms = contract.terms_from_draft(request.draft)
        return contract.listing_message(await self._board.create_listing(caller, terms))

    async def UpdateListing(
        self, request: listing_service_pb2.UpdateListingRequest, context: Context
    ) -> listing_pb2.Listing:
        patch = contract.patch_from_message(request.patch)
        listing = await self._board.update_listing(
            current_caller(), _listing_id(request.listing_id), patch
        )
        return contract.listing_message(listing)

    async def PublishListing(
        self, request: listing_service_pb2.PublishListingRequest, context: Context
    ) -> listing_pb2.Listing:
        listing = await self._board.publish_listing(
            current_caller(), _listing_id(request.listing_id)
        )
        return contract.listing_message(listing)

    async def CloseListing(
        self, request: listing_service_pb2.CloseListingRequest, context: Context
    ) -> listing_pb2.Listing:
        reason = contract.close_reason_from_message(request.reason)
        listing = await self._board.close_listing(
            current_caller(), _listing_id(request.listing_id), reason
        )
        return contract.listing_message(listing)

    async def GetListing(
        self, request: listing_service_pb2.GetListingRequest, context: Context
    ) -> listing_pb2.Listing:
        listing = await self._board.get_listing(current_caller(), _listing_id(request.listing_id))
        return contract.listing_message(listing)

    async def SearchListings(
        self, request: listing_service_pb2.SearchListingsRequest, context: Context
    ) -> listing_service_pb2.SearchListingsResponse:
        owner = access.hiring_organization(current_caller()) if request.mine else None
        query = search.search(
            q=request.q,
            industry=request.industry,
            skill=request.skill,
            remote=request.remote if request.HasField("remote") else None,
            min_pay_cents=request.min_pay_cents,
            owner=owner,
            limit=request.page.limit,
            cursor=request.page.cursor,
        )
        listings, next_cursor = await self._board.search_listings(query)
        return listing_service_pb2.SearchListingsResponse(
            listings=[contract.listing_message(listing) for listing in listings],
            next_cursor=next_cursor,
        )
