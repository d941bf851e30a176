"""Where "now" comes from, so that tests can move time instead of waiting for days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


def system_clock() -> datetime:
    return datetime.now(UTC)
