"""The constraints of request fields, read from the bounds the contracts declare
(``stint.common.v1.limits``), so that the gateway refuses what the service would
refuse, with the field named, before calling it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from annotated_types import Ge, GroupedMetadata, Le
from fastapi import Query
from pydantic import BeforeValidator, Field, Strict, StringConstraints, WithJsonSchema

from stint.common.v1 import page_pb2
from stint_gateway.schemas.trimmed import trim, trimmed_pattern
from stint_runtime.contract import FieldLimits, field_limits

__all__ = ["Cursor", "Limit", "count", "not_nullable", "text", "within"]


@dataclass(frozen=True)
class _Trimmed(GroupedMetadata):
    limits: FieldLimits

    def __iter__(self) -> Iterator[Any]:
        yield StringConstraints(min_length=self.limits.min, max_length=self.limits.max)
        # Trimmed first, as the services trim (``str.strip``); documented as it is.
        yield BeforeValidator(trim)
        yield WithJsonSchema(
            {"type": "string", "pattern": trimmed_pattern(self.limits.min, self.limits.max)}
        )


def text(limits: FieldLimits, *, strip: bool = True) -> Any:
    """Text within the declared length: after trimming, as the services count it, or
    as sent where ``strip`` is false."""
    if strip:
        return _Trimmed(limits)
    return StringConstraints(min_length=limits.min, max_length=limits.max)


def _json_integer(value: object) -> object:
    # JSON (and so JSON Schema's "integer") has one number 7 however it is written:
    # 7.0 is 7. A fraction stays a float and is refused by the strict check after.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class _Within(GroupedMetadata):
    limits: FieldLimits

    def __iter__(self) -> Iterator[Any]:
        yield Strict()
        if self.limits.min is not None:
            yield Ge(self.limits.min)
        if self.limits.max is not None:
            yield Le(self.limits.max)
        # Last, so that it runs first, before the strict whole-number check.
        yield BeforeValidator(_json_integer)


def within(limits: FieldLimits) -> Any:
    """A whole number within the declared value range, taken as JSON gives it: 7 and
    7.0 are the same number, but "7" or true for a count is a client's mistake to hear
    about, not to guess at."""
    return _Within(limits)


def not_nullable(*names: str) -> Any:
    """For a model's ``json_schema_extra``: the named optional fields may be left out
    but not sent as null, which their ``X | None`` type alone would document."""

    def rewrite(schema: dict[str, Any]) -> None:
        for name in names:
            field: dict[str, Any] = schema["properties"][name]
            field.pop("default", None)
            branches = [b for b in field.pop("anyOf", []) if b.get("type") != "null"]
            if len(branches) == 1:
                field.update(branches[0])
            elif branches:
                field["anyOf"] = branches

    return rewrite


def count(limits: FieldLimits, **extra: Any) -> Any:
    """A list or map with at most the declared number of entries."""
    return Field(max_length=limits.max, **extra)


_PAGE = field_limits(page_pb2.PageRequest.DESCRIPTOR)

Limit = Annotated[int, Query(ge=_PAGE["limit"].min, le=_PAGE["limit"].max)]
"""A page's size (``?limit=``)."""
Cursor = Annotated[str, Query(max_length=_PAGE["cursor"].max)]
"""The ``next_cursor`` of the previous page (``?cursor=``)."""
