"""Finding listings: filters, page size and an opaque cursor on a stable order.

The public feed is ordered by (published_at, id) descending, an organization's own
listings by (created_at, id) descending; a cursor names the last listing of a page in
that order, so that pages neither repeat nor skip when listings are added meanwhile.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from stint_listing.domain.listing import Listing
from stint_listing.domain.plain_text import nul_errors
from stint_listing.domain.vocabulary import normalise_industry, normalise_skill
from stint_runtime.errors import InvalidArgument

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ListingSearch",
    "PagePosition",
    "SearchOrder",
    "decode_cursor",
    "encode_cursor",
    "page_limit",
    "page_of",
    "search",
]

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class SearchOrder(StrEnum):
    PUBLISHED = "published"
    """The public feed: open listings, newest published first."""
    CREATED = "created"
    """An organization's own listings of every status, newest created first."""


@dataclass(frozen=True)
class PagePosition:
    """The sort key of the last listing on the previous page."""

    at: datetime
    id: UUID


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
    after: PagePosition | None

    @property
    def order(self) -> SearchOrder:
        return SearchOrder.PUBLISHED if self.owner is None else SearchOrder.CREATED


def page_limit(requested: int) -> int:
    """0 means the default."""
    if requested == 0:
        return DEFAULT_LIMIT
    if not 1 <= requested <= MAX_LIMIT:
        raise InvalidArgument.one("limit", f"must be between 1 and {MAX_LIMIT}")
    return requested


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
    unusable = nul_errors(("q",), q) + nul_errors(("industry",), industry)
    unusable += nul_errors(("skill",), skill)
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
        after=decode_cursor(cursor, order) if cursor else None,
    )


def encode_cursor(order: SearchOrder, position: PagePosition) -> str:
    raw = json.dumps({"o": order.value, "at": position.at.isoformat(), "id": str(position.id)})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: SearchOrder) -> PagePosition:
    """The position a cursor names; InvalidArgument for anything this search did not
    hand out (tampered, truncated, or from a search in another order)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        fields = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if fields["o"] != order.value:
            raise ValueError("cursor from another order")
        at = datetime.fromisoformat(fields["at"])
        if at.tzinfo is None:
            raise ValueError("cursor time without zone")
        return PagePosition(at=at, id=UUID(fields["id"]))
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise InvalidArgument.one("cursor", "not a cursor from a previous page") from exc


def page_of(listings: list[Listing], query: ListingSearch) -> tuple[list[Listing], str]:
    """The page (at most ``limit``) out of ``limit + 1`` fetched, and the cursor of the
    next page ("" on the last)."""
    page = listings[: query.limit]
    if len(listings) <= query.limit:
        return page, ""
    last = page[-1]
    at = last.published_at if query.order is SearchOrder.PUBLISHED else last.created_at
    assert at is not None, "the public feed holds published listings only"
    return page, encode_cursor(query.order, PagePosition(at=at, id=last.id))
