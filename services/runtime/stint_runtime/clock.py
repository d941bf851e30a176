"""Where "now" comes from. Every rule that depends on the time takes a ``Clock``, so
that tests move time instead of waiting for days; services pass ``system_clock``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "system_clock"]

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


def system_clock() -> datetime:
    return datetime.now(UTC)
