"""What a caller may not see does not exist for them (404, never 403)."""

from __future__ import annotations

from typing import TypeVar

from stint_runtime.errors import NotFound

__all__ = ["require_found"]

T = TypeVar("T")


def require_found(item: T | None, what: str) -> T:
    """``item``, when the store found one; NotFound (``"No such {what}."``) otherwise."""
    if item is None:
        raise NotFound(f"No such {what}.")
    return item
