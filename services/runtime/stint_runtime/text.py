"""Checks every piece of text a service keeps must pass: Postgres text cannot hold the
NUL character (U+0000), so input with one is refused naming its field instead of
failing the write; lengths are counted in characters."""

from __future__ import annotations

from stint_runtime.errors import FieldError

__all__ = ["NUL_MESSAGE", "length_errors", "nul_errors"]

NUL_MESSAGE = "must not contain the NUL character (U+0000)"

Loc = tuple[str | int, ...]


def nul_errors(loc: Loc, text: str) -> list[FieldError]:
    return [FieldError(loc, NUL_MESSAGE)] if "\x00" in text else []


def length_errors(loc: Loc, text: str, limit: int) -> list[FieldError]:
    """At most ``limit`` characters, and no NUL."""
    if len(text) > limit:
        return [FieldError(loc, f"at most {limit} characters (got {len(text)})")]
    return nul_errors(loc, text)
