"""Cursor pagination: newest first, a cursor is the position of the last item seen."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from stint_runtime.errors import InvalidArgument

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Page",
    "Position",
    "decode_cursor",
    "encode_cursor",
    "page_limit",
]

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class Position:
    """Where a page ends: items sort by (at, id), newest first."""

    at: datetime
    id: str


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str
    """Empty on the last page."""


def page_limit(limit: int) -> int:
    """0 means the default; otherwise 1-100."""
    if limit == 0:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidArgument.one("limit", f"must be between 1 and {MAX_LIMIT}")
    return limit


def encode_cursor(position: Position) -> str:
    text = json.dumps([position.at.isoformat(), position.id])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Position | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        position = Position(datetime.fromisoformat(at), str(UUID(item_id)))
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidArgument.one("cursor", "not a cursor this list gave out") from exc
    if position.at.tzinfo is None:
        raise InvalidArgument.one("cursor", "not a cursor this list gave out")
    return position
