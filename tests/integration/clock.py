"""A clock the tests move, so that deadlines pass without waiting for days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["MovableClock"]


class MovableClock:
    """The real time plus an offset a test moves forward (and a fixture resets)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta
