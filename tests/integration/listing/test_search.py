"""Searching open listings: filters, full text, pages, and an employer's own listings.

Each test writes its listings into an industry (or with a word) no other test uses, so
that other listings in the shared database do not change its results."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import grpc
import pytest

from stint.common.v1 import common_pb2, page_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_runtime.identity import Caller
from stint_runtime.rpc.errors import field_errors_from
from tests.integration.listing.conftest import STUDENT, acting_as, register_employer
from tests.integration.listing.examples import FLOOR, create, create_open

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


async def _search(stub: Stub, caller: Caller | None = None, **fields: Any) -> list[str]:
    with acting_as(caller):
        found = await stub.SearchListings(listing_service_pb2.SearchListingsRequest(**fields))
    return [listing.id for listing in found.listings]


def _skill(name: str, required: bool = True) -> listing_pb2.SkillRequirement:
    return listing_pb2.SkillRequirement(name=name, required=required)


async def test_filters_select_open_listings_only(listings: Stub, employer: Caller) -> None:
    industry = _unique("cartography")
    python_remote = await create_open(listings, employer, industry=industry)
    js_onsite = await create_open(
        listings,
        employer,
        industry=industry,
        skills=[_skill("JavaScript")],
        remote=False,
        location="Lisbon",
        estimated_hours=10,
        pay=common_pb2.Money(amount_cents=100_000, currency="EUR"),
    )
    await create(listings, employer, industry=industry)  # a draft: never in the feed

    assert set(await _search(listings, industry=industry)) == {python_remote.id, js_onsite.id}
    # Filters are normalised as the listings' own names are.
    assert await _search(listings, industry=industry.upper(), skill=" js ") == [js_onsite.id]
    assert await _search(listings, industry=industry, remote=True) == [python_remote.id]
    assert await _search(listings, industry=industry, remote=False) == [js_onsite.id]
    assert await _search(listings, industry=industry, min_pay_cents=20 * FLOOR + 1) == [
        js_onsite.id
    ]
    # Anyone may search, signed in or not.
    assert len(await _search(listings, STUDENT, industry=industry)) == 2


async def test_full_text_covers_title_description_skills_and_organization(
    listings: Stub, employer: Caller
) -> None:
    word = f"zq{uuid.uuid4().hex[:8]}"
    in_title = await create_open(listings, employer, title=f"Map the {word} routes")
    in_description = await create_open(
        listings, employer, description=f"Our {word} archive needs a cleanup and an index."
    )
    in_skills = await create_open(listings, employer, skills=[_skill(word)])
    assert set(await _search(listings, q=word)) == {in_title.id, in_description.id, in_skills.id}
    assert await _search(listings, q=f'"map the {word}"') == [in_title.id]
    assert await _search(listings, q=f"{word} -archive -map") == [in_skills.id]

    organization = f"Yx{uuid.uuid4().hex[:8]} Cartographers"
    named = await register_employer(listings, organization)
    by_name = await create_open(listings, named)
    assert await _search(listings, q=organization.split()[0]) == [by_name.id]


async def test_pages_follow_the_cursor_without_repeats_or_gaps(
    listings: Stub, employer: Caller
) -> None:
    industry = _unique("surveying")
    opened = [await create_open(listings, employer, industry=industry) for _ in range(5)]
    newest_first = [listing.id for listing in reversed(opened)]
    seen: list[str] = []
    cursor = ""
    pages = 0
    while True:
        with acting_as(None):
            page = await listings.SearchListings(
                listing_service_pb2.SearchListingsRequest(
                    industry=industry, page=page_pb2.PageRequest(limit=2, cursor=cursor)
                )
            )
        pages += 1
        seen += [listing.id for listing in page.listings]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
        assert pages < 5, "the cursor never reached the last page"
    assert pages == 3
    assert seen == newest_first


async def test_mine_lists_every_status_for_its_employer_only(
    listings: Stub, employer: Caller
) -> None:
    draft = await create(listings, employer)
    opened = await create_open(listings, employer)
    with acting_as(employer):
        closed = await listings.CloseListing(
            listing_service_pb2.CloseListingRequest(
                listing_id=(await create(listings, employer)).id
            )
        )
    mine = await _search(listings, employer, mine=True)
    assert mine == [closed.id, opened.id, draft.id]
    with acting_as(STUDENT), pytest.raises(grpc.aio.AioRpcError) as refused:
        await listings.SearchListings(listing_service_pb2.SearchListingsRequest(mine=True))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.parametrize(
    ("page", "field"),
    [
        (page_pb2.PageRequest(limit=101), "limit"),
        (page_pb2.PageRequest(limit=-1), "limit"),
        (page_pb2.PageRequest(cursor="not-a-cursor"), "cursor"),
    ],
)
async def test_a_bad_page_request_names_its_field(
    listings: Stub, page: page_pb2.PageRequest, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await listings.SearchListings(listing_service_pb2.SearchListingsRequest(page=page))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    errors = field_errors_from(refused.value.trailing_metadata())  # type: ignore[arg-type]
    assert [e.loc for e in errors] == [(field,)]
