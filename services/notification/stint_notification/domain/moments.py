"""Moments written for a reader, in their own time zone: "Fri 8 May 2026, 14:00 CEST"."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["written", "zone_named"]

UTC_ZONE = ZoneInfo("UTC")


@cache
def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone ``name``, or None when there is no such zone."""
    if not name or name.startswith(("/", ".")) or ".." in name or "\x00" in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def written(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"
