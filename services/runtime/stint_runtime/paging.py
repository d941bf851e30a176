"""Cursor pages of every list a service answers: a page size (``limit``) and an opaque
cursor that names the position of the last item of the previous page, so that pages
neither repeat nor skip items when new ones arrive meanwhile.

Lists sort by (a moment, id), newest first. A store fetches ``limit + 1`` items from
after the cursor's position; ``page_of`` keeps ``limit`` of them and makes the next
cursor when the extra one says that another page follows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from stint.common.v1 import page_pb2
from stint_runtime.contract import field_limits
from stint_runtime.errors import InvalidArgument

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Page",
    "Position",
    "decode_cursor",
    "encode_cursor",
    "page_limit",
    "page_of",
]

DEFAULT_LIMIT = 20
MAX_LIMIT = field_limits(page_pb2.PageRequest.DESCRIPTOR)["limit"].bounds[1]
_NOT_OURS = "not a cursor this list gave out"

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Position:
    """Where a page ends: items sort by (at, id), newest first."""

    at: datetime
    id: str


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str
    """Empty on the last page."""

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        """The same page with each item converted (rows to domain records, ...)."""
        return Page([convert(item) for item in self.items], self.next_cursor)


def page_limit(limit: int) -> int:
    """0 means the default; otherwise 1 to ``MAX_LIMIT``."""
    if limit == 0:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidArgument.one("limit", f"must be between 1 and {MAX_LIMIT}")
    return limit


def encode_cursor(position: Position, order: str = "") -> str:
    """``order`` names the sort of a list that has several, so that a cursor of one
    is refused by the other."""
    fields = [position.at.isoformat(), position.id] + ([order] if order else [])
    return base64.urlsafe_b64encode(json.dumps(fields).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: str = "") -> Position | None:
    """None for no cursor; InvalidArgument for anything this list did not hand out
    (tampered, truncated, or from a list in another order)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        fields = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(fields, list) or fields[2:] != ([order] if order else []):
            raise ValueError("cursor from another list")
        position = Position(datetime.fromisoformat(fields[0]), str(UUID(fields[1])))
    except (ValueError, TypeError, IndexError, binascii.Error) as exc:
        raise InvalidArgument.one("cursor", _NOT_OURS) from exc
    if position.at.tzinfo is None:
        raise InvalidArgument.one("cursor", _NOT_OURS)
    return position


def page_of(
    fetched: Sequence[T], limit: int, position: Callable[[T], Position], order: str = ""
) -> Page[T]:
    """The page (at most ``limit``) out of up to ``limit + 1`` items fetched in list
    order, with the cursor of the next page when there is one."""
    items = list(fetched[:limit])
    if len(fetched) <= limit:
        return Page(items, "")
    return Page(items, encode_cursor(position(items[-1]), order))
