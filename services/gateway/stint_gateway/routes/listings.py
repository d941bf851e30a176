"""Listings: create, change, publish, close, read and search, through the listing
service. Each change admits the roles its method's contract declares (an employer);
the listing service decides ownership (404 for another organization's listing) and
who may list their own. A listing id that is not a UUID is answered 404 like any
unknown listing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from stint.common.v1 import page_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_gateway.dependencies import ListingClient, OptionalCaller, allowed
from stint_gateway.http.problems import not_found, problem_responses, rules_beyond_schema
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.schemas.bounds import Cursor, Limit
from stint_gateway.schemas.listings import (
    CloseRequest,
    Listing,
    ListingDraftIn,
    ListingPage,
    ListingPatchIn,
)
from stint_gateway.wire.listings import draft_message, listing_reply, patch_message
from stint_runtime.contract import field_limits
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import parse_id

router = APIRouter(prefix="/v1/listings", tags=["listings"])

_WRITE_PROBLEMS = problem_responses(401, 403, 404, 409, 422, 503)
# The listing service's rules on terms, which need the clock, settings or folding.
_TERMS = rules_beyond_schema(
    {
        "body.apply_by": "must be in the future, and at most the service's horizon ahead",
        "body.pay.amount_cents": "pay per estimated hour at least the floor "
        "(STINT_PAY_FLOOR_CENTS_PER_HOUR, 2000 by default)",
        "body.skills.*.name": "each skill once (names compare folded: trimmed, lower case)",
    }
)
# The largest value the listing service's int64 field can carry.
_MAX_PAY_CENTS = 2**63 - 1
_SEARCH = field_limits(listing_service_pb2.SearchListingsRequest.DESCRIPTOR)

_SERVICE = listing_service_pb2.DESCRIPTOR.services_by_name["ListingService"]
MayCreate = Annotated[Caller, allowed(_SERVICE, "CreateListing")]
MayChange = Annotated[Caller, allowed(_SERVICE, "UpdateListing")]
MayPublish = Annotated[Caller, allowed(_SERVICE, "PublishListing")]
MayClose = Annotated[Caller, allowed(_SERVICE, "CloseListing")]


async def _listing_id(listing_id: Annotated[str, Path(description="The listing's UUID.")]) -> str:
    try:
        return str(parse_id(listing_id, "listing"))
    except NotFound:
        raise not_found("listing") from None


ListingId = Annotated[str, Depends(_listing_id)]


@router.post(
    "", status_code=status.HTTP_201_CREATED, responses=_WRITE_PROBLEMS, openapi_extra=_TERMS
)
async def create_listing(body: ListingDraftIn, _: MayCreate, listings: ListingClient) -> Listing:
    """A draft listing of the employer's organization."""
    with rpc_problems("listing"):
        created = await listings.CreateListing(
            listing_service_pb2.CreateListingRequest(draft=draft_message(body))
        )
    return listing_reply(created)


@router.patch("/{listing_id}", responses=_WRITE_PROBLEMS, openapi_extra=_TERMS)
async def update_listing(
    listing_id: ListingId, body: ListingPatchIn, _: MayChange, listings: ListingClient
) -> Listing:
    """Change any subset of a draft or open listing's terms (owner only)."""
    with rpc_problems("listing"):
        updated = await listings.UpdateListing(
            listing_service_pb2.UpdateListingRequest(
                listing_id=listing_id, patch=patch_message(body)
            )
        )
    return listing_reply(updated)


@router.post("/{listing_id}/publish", responses=_WRITE_PROBLEMS)
async def publish_listing(listing_id: ListingId, _: MayPublish, listings: ListingClient) -> Listing:
    """Open a draft for applications (owner only)."""
    with rpc_problems("listing"):
        published = await listings.PublishListing(
            listing_service_pb2.PublishListingRequest(listing_id=listing_id)
        )
    return listing_reply(published)


@router.post("/{listing_id}/close", responses=_WRITE_PROBLEMS)
async def close_listing(
    listing_id: ListingId,
    _: MayClose,
    listings: ListingClient,
    body: CloseRequest | None = None,
) -> Listing:
    """Withdraw a draft or open listing (owner only)."""
    reason = listing_pb2.CLOSE_REASON_UNSPECIFIED
    if body is not None and body.reason == "withdrawn":
        reason = listing_pb2.CLOSE_REASON_WITHDRAWN
    with rpc_problems("listing"):
        closed = await listings.CloseListing(
            listing_service_pb2.CloseListingRequest(listing_id=listing_id, reason=reason)
        )
    return listing_reply(closed)


@router.get("/{listing_id}", responses=problem_responses(401, 404, 503))
async def get_listing(listing_id: ListingId, _: OptionalCaller, listings: ListingClient) -> Listing:
    """Open and closed listings for anyone; a draft for its owner only."""
    with rpc_problems("listing"):
        found = await listings.GetListing(
            listing_service_pb2.GetListingRequest(listing_id=listing_id)
        )
    return listing_reply(found)


@router.get("", responses=problem_responses(401, 403, 422, 503))
async def search_listings(
    _: OptionalCaller,
    listings: ListingClient,
    q: Annotated[str, Query(max_length=_SEARCH["q"].max, description="Full-text query.")] = "",
    industry: Annotated[str, Query(max_length=_SEARCH["industry"].max)] = "",
    skill: Annotated[str, Query(max_length=_SEARCH["skill"].max)] = "",
    remote: bool | None = None,
    min_pay_cents: Annotated[
        int,
        Query(ge=_SEARCH["min_pay_cents"].min, le=_MAX_PAY_CENTS, description="Lowest total pay."),
    ] = 0,
    limit: Limit = 20,
    cursor: Cursor = "",
    mine: Annotated[bool, Query(description="An employer's own listings, every status.")] = False,
) -> ListingPage:
    """Open listings, newest published first; with ``mine=true`` the employer's own."""
    request = listing_service_pb2.SearchListingsRequest(
        q=q,
        industry=industry,
        skill=skill,
        min_pay_cents=min_pay_cents,
        mine=mine,
        page=page_pb2.PageRequest(limit=limit, cursor=cursor),
    )
    if remote is not None:
        request.remote = remote
    with rpc_problems("listing", loc_prefix=("query",)):
        found = await listings.SearchListings(request)
    return ListingPage(
        items=[listing_reply(item) for item in found.listings],
        next_cursor=found.next_cursor or None,
    )
