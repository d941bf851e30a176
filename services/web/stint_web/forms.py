"""What a submitted form holds, as plain text by field name, and where to go after."""

from __future__ import annotations

from fastapi import Request

__all__ = ["form_of", "safe_next"]


async def form_of(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


def safe_next(value: str | None, default: str = "/") -> str:
    """Only a path of this site: never another origin (``//evil``, ``https://...``)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
