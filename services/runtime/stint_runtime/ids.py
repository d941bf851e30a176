"""Ids from callers: a UUID in any spelling names the same resource; anything else
names nothing, so it is answered like an unknown id (404), never as bad input."""

from __future__ import annotations

from uuid import UUID

from stint_runtime.errors import NotFound

__all__ = ["parse_id", "resource_id"]


def parse_id(value: str, what: str) -> UUID:
    """The UUID ``value`` spells; NotFound ("No such {what}.") otherwise."""
    try:
        return UUID(value)
    except ValueError:
        raise NotFound(f"No such {what}.") from None


def resource_id(value: str, what: str) -> str:
    """``parse_id`` in canonical text form, for stores that key by text."""
    return str(parse_id(value, what))
