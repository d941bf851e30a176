"""Text a listing can keep: Postgres text refuses the NUL character (U+0000), so input
holding one is refused with its field named instead of failing the write."""

from __future__ import annotations

from stint_runtime.errors import FieldError

__all__ = ["NUL_MESSAGE", "nul_errors"]

NUL_MESSAGE = "must not contain the NUL character (U+0000)"


def nul_errors(loc: tuple[str | int, ...], text: str) -> list[FieldError]:
    return [FieldError(loc, NUL_MESSAGE)] if "\x00" in text else []
