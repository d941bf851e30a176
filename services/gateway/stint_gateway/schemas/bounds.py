"""The constraints of request fields, read from the bounds the contracts declare
(``stint.common.v1.limits``), so that the gateway refuses what the service would
refuse, with the field named, before calling it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from pydantic import Field, StringConstraints

from stint.common.v1 import page_pb2
from stint_runtime.contract import FieldLimits, field_limits

__all__ = ["Cursor", "Limit", "count", "text", "within"]


def text(limits: FieldLimits, *, strip: bool = True) -> StringConstraints:
    """Text within the declared length (after trimming, as the services count it)."""
    return StringConstraints(strip_whitespace=strip, min_length=limits.min, max_length=limits.max)


def within(limits: FieldLimits) -> Any:
    """A number within the declared value range, taken as JSON gives it: "10" or 1.0
    for a count is a client's mistake to hear about, not to guess at."""
    return Field(strict=True, ge=limits.min, le=limits.max)


def count(limits: FieldLimits, **extra: Any) -> Any:
    """A list or map with at most the declared number of entries."""
    return Field(max_length=limits.max, **extra)


_PAGE = field_limits(page_pb2.PageRequest.DESCRIPTOR)

Limit = Annotated[int, Query(ge=_PAGE["limit"].min, le=_PAGE["limit"].max)]
"""A page's size (``?limit=``)."""
Cursor = Annotated[str, Query(max_length=_PAGE["cursor"].max)]
"""The ``next_cursor`` of the previous page (``?cursor=``)."""
