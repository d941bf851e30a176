"""Finding listings: filters, page size and a cursor on a stable order.

The public feed is ordered by (published_at, id) descending, an organization's own
listings by (created_at, id) descending; a cursor names the last listing of a page in
that order (``stint_runtime.paging``), so that pages neither repeat nor skip when
listings are added meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from stint.listing.v1 import listing_service_pb2
from stint_listing.domain.listing import Listing
from stint_runtime.contract import field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.paging import Page, Position, decode_cursor, page_limit, page_of
from stint_runtime.text import length_errors
from stint_runtime.vocabulary import normalise_industry, normalise_skill

__all__ = ["ListingSearch", "SearchOrder", "page_of_listings", "position_of", "search"]

_LIMITS = field_limits(listing_service_pb2.SearchListingsRequest.DESCRIPTOR)


class SearchOrder(StrEnum):
    PUBLISHED = "published"
    """The public feed: open listings, newest published first."""
    CREATED = "created"
    """An organization's own listings of every status, newest created first."""


@dataclass(frozen=True)
class ListingSearch:
    q: str
    """Full-text query (web search syntax); empty for none."""
    industry: str | None
    skill: str | None
    remote: bool | None
    min_pay_cents: int | None
    """Lowest total pay of the project."""
    owner: UUID | None
    """Set: that organization's listings of every status; None: open listings."""
    limit: int
    after: Position | None

    @property
    def order(self) -> SearchOrder:
        return SearchOrder.PUBLISHED if self.owner is None else SearchOrder.CREATED


def _filter_errors(q: str, industry: str, skill: str) -> list[FieldError]:
    errors: list[FieldError] = []
    for field, text in (("q", q), ("industry", industry), ("skill", skill)):
        errors += length_errors((field,), text, _LIMITS[field].max or 0)
    return errors


def search(
    *,
    q: str = "",
    industry: str = "",
    skill: str = "",
    remote: bool | None = None,
    min_pay_cents: int = 0,
    owner: UUID | None = None,
    limit: int = 0,
    cursor: str = "",
) -> ListingSearch:
    """A validated search; empty strings and zero mean "no filter"."""
    if min_pay_cents < 0:
        raise InvalidArgument.one("min_pay_cents", "must not be negative")
    unusable = _filter_errors(q, industry, skill)
    if unusable:
        raise InvalidArgument(unusable)
    order = SearchOrder.PUBLISHED if owner is None else SearchOrder.CREATED
    return ListingSearch(
        q=q.strip(),
        industry=normalise_industry(industry) or None,
        skill=normalise_skill(skill) or None,
        remote=remote,
        min_pay_cents=min_pay_cents or None,
        owner=owner,
        limit=page_limit(limit),
        after=decode_cursor(cursor, order),
    )


def position_of(listing: Listing, order: SearchOrder) -> Position:
    """Where ``listing`` stands in ``order``."""
    at = listing.published_at if order is SearchOrder.PUBLISHED else listing.created_at
    assert at is not None, "the public feed holds published listings only"
    return Position(at=at, id=str(listing.id))


def page_of_listings(found: list[Listing], query: ListingSearch) -> Page[Listing]:
    """The page out of ``limit + 1`` listings fetched, with the next page's cursor."""
    order = query.order
    return page_of(found, query.limit, lambda listing: position_of(listing, order), order)
