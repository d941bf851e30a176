"""Exponential backoff with a cap: how long to wait before the next try."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

__all__ = ["Backoff", "exponential_delay", "pause"]


def exponential_delay(attempt: int, base_s: float, cap_s: float) -> float:
    """``base_s * 2**attempt`` seconds, never more than ``cap_s``; attempt 0 waits ``base_s``."""
    if attempt < 0:
        raise ValueError("attempt must be >= 0")
    # Cap the exponent first so that a long outage cannot overflow the float.
    return min(cap_s, base_s * 2.0 ** min(attempt, 32))


@dataclass
class Backoff:
    """Successive delays for one failing dependency; ``reset()`` after a success. The
    defaults (0.2 s, doubling up to 5 s) are the platform's for a broker or database
    that went away: quick to notice its return, gentle while it stays away."""

    base_s: float = 0.2
    cap_s: float = 5.0
    failures: int = field(default=0, init=False)
    """Consecutive failures since the last success."""

    def next_delay(self) -> float:
        delay = exponential_delay(self.failures, self.base_s, self.cap_s)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


async def pause(stopping: asyncio.Event, delay_s: float) -> bool:
    """Sleep ``delay_s`` unless ``stopping`` is set first; True when stopping."""
    if stopping.is_set():
        return True
    try:
        async with asyncio.timeout(delay_s):
            await stopping.wait()
    except TimeoutError:
        return False
    return True
