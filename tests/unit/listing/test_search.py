import uuid
from datetime import timedelta

import pytest

from stint_listing.domain.listing import ListingStatus
from stint_listing.domain.search import SearchOrder, page_of_listings, position_of, search
from stint_runtime.errors import InvalidArgument
from stint_runtime.paging import DEFAULT_LIMIT, Position, decode_cursor, encode_cursor
from tests.unit.listing.examples import NOW, listing


def test_filters_are_normalised_and_empty_means_none() -> None:
    query = search(industry=" FinTech ", skill="JS", q="  dashboards ")
    assert (query.industry, query.skill, query.q) == (
        "financial technology",
        "javascript",
        "dashboards",
    )
    blank = search()
    assert (blank.industry, blank.skill, blank.min_pay_cents, blank.remote) == (None,) * 4
    assert blank.limit == DEFAULT_LIMIT and blank.order is SearchOrder.PUBLISHED


@pytest.mark.parametrize("limit", [-1, 101])
def test_a_limit_out_of_range_is_refused(limit: int) -> None:
    with pytest.raises(InvalidArgument) as refused:
        search(limit=limit)
    assert [e.loc for e in refused.value.errors] == [("limit",)]


def test_limits_at_the_edges_are_accepted() -> None:
    assert search(limit=1).limit == 1
    assert search(limit=100).limit == 100


def test_a_cursor_works_in_its_own_order_only() -> None:
    position = Position(at=NOW.replace(microsecond=123456), id=str(uuid.uuid4()))
    cursor = encode_cursor(position, SearchOrder.PUBLISHED)
    assert search(cursor=cursor).after == position
    with pytest.raises(InvalidArgument):
        search(cursor=cursor, owner=uuid.uuid4())


@pytest.mark.parametrize(
    "cursor", ["nonsense", "e30", "W10", "!!!", "eyJvIjoicHVibGlzaGVkIn0", "WyJ4IiwgInkiXQ"]
)
def test_a_bad_cursor_names_the_cursor(cursor: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        search(cursor=cursor)
    assert [e.loc for e in refused.value.errors] == [("cursor",)]


@pytest.mark.parametrize(("field", "longest"), [("q", 200), ("industry", 60), ("skill", 60)])
def test_a_filter_longer_than_the_contract_allows_is_refused(field: str, longest: int) -> None:
    def search_with(text: str) -> object:
        filters = {"q": "", "industry": "", "skill": ""} | {field: text}
        return search(q=filters["q"], industry=filters["industry"], skill=filters["skill"])

    assert search_with("x" * longest)
    with pytest.raises(InvalidArgument) as refused:
        search_with("x" * (longest + 1))
    assert [e.loc for e in refused.value.errors] == [(field,)]


@pytest.mark.parametrize("field", ["q", "industry", "skill"])
def test_a_filter_holding_a_nul_character_is_refused_on_its_field(field: str) -> None:
    # Compared with Postgres text, which cannot hold U+0000.
    filters = {"q": "", "industry": "", "skill": ""} | {field: "py\x00thon"}
    with pytest.raises(InvalidArgument) as refused:
        search(q=filters["q"], industry=filters["industry"], skill=filters["skill"])
    assert [e.loc for e in refused.value.errors] == [(field,)]


def test_negative_min_pay_is_refused() -> None:
    with pytest.raises(InvalidArgument):
        search(min_pay_cents=-1)


def test_a_page_carries_a_cursor_only_when_more_follow() -> None:
    query = search(limit=2)
    found = [
        listing(status=ListingStatus.OPEN, published_at=NOW - timedelta(minutes=i))
        for i in range(3)
    ]
    page = page_of_listings(found, query)
    assert page.items == found[:2]
    assert decode_cursor(page.next_cursor, SearchOrder.PUBLISHED) == Position(
        at=NOW - timedelta(minutes=1), id=str(found[1].id)
    )
    assert page_of_listings(found[:2], query).next_cursor == ""


def test_an_organizations_own_pages_follow_creation() -> None:
    query = search(owner=uuid.uuid4(), limit=1)
    drafts = [listing(created_at=NOW), listing(created_at=NOW - timedelta(hours=1))]
    cursor = page_of_listings(drafts, query).next_cursor
    assert decode_cursor(cursor, SearchOrder.CREATED) == position_of(drafts[0], SearchOrder.CREATED)
    assert position_of(drafts[0], SearchOrder.CREATED).at == NOW
