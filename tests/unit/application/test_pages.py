from __future__ import annotations

import pytest

from stint_application.domain.pages import (
    Position,
    decode_cursor,
    encode_cursor,
    page_limit,
)
from stint_runtime.errors import InvalidArgument
from tests.unit.application.examples import NOW, STUDENT


def test_a_cursor_round_trips() -> None:
    position = Position(NOW, STUDENT)
    assert decode_cursor(encode_cursor(position)) == position


def test_no_cursor_is_the_first_page() -> None:
    assert decode_cursor("") is None


@pytest.mark.parametrize("cursor", ["nonsense", "W10", encode_cursor(Position(NOW, STUDENT))[:-3]])
def test_a_foreign_cursor_is_refused_on_its_field(cursor: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        decode_cursor(cursor)
    assert refused.value.errors[0].loc == ("cursor",)


def test_limits() -> None:
    assert page_limit(0) == 20
    assert page_limit(100) == 100
    for bad in (-1, 101):
        with pytest.raises(InvalidArgument):
            page_limit(bad)
