from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stint_runtime.errors import InvalidArgument
from stint_runtime.paging import (
    MAX_LIMIT,
    Position,
    decode_cursor,
    encode_cursor,
    page_limit,
    page_of,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ID = "00000000-0000-4000-8000-0000000000a1"


def test_a_cursor_round_trips() -> None:
    position = Position(NOW.replace(microsecond=123456), ID)
    assert decode_cursor(encode_cursor(position)) == position


def test_no_cursor_is_the_first_page() -> None:
    assert decode_cursor("") is None


def test_a_cursor_of_one_order_is_refused_by_another() -> None:
    cursor = encode_cursor(Position(NOW, ID), "published")
    assert decode_cursor(cursor, "published") == Position(NOW, ID)
    for other in ("", "created"):
        with pytest.raises(InvalidArgument):
            decode_cursor(cursor, other)


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense",
        "W10",
        "e30",
        "!!!",
        encode_cursor(Position(NOW, ID))[:-3],
        encode_cursor(Position(NOW.replace(tzinfo=None), ID)),
    ],
)
def test_a_foreign_cursor_is_refused_on_its_field(cursor: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        decode_cursor(cursor)
    assert refused.value.errors[0].loc == ("cursor",)


def test_limits_come_from_the_contract() -> None:
    assert MAX_LIMIT == 100
    assert page_limit(0) == 20
    assert page_limit(1) == 1
    assert page_limit(100) == 100
    for bad in (-1, 101):
        with pytest.raises(InvalidArgument):
            page_limit(bad)


def test_a_page_names_the_next_one_only_when_more_follow() -> None:
    items = [NOW - timedelta(minutes=i) for i in range(3)]

    def position(moment: datetime) -> Position:
        return Position(moment, ID)

    page = page_of(items, 2, position)
    assert page.items == items[:2]
    assert decode_cursor(page.next_cursor) == Position(items[1], ID)
    assert page_of(items[:2], 2, position).next_cursor == ""
    assert page.map(lambda moment: moment.minute).items == [0, 59]
