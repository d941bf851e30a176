from __future__ import annotations

import asyncio

import pytest

from stint_runtime.backoff import Backoff, exponential_delay, pause


def test_delays_double_from_the_base_up_to_the_cap() -> None:
    assert [exponential_delay(n, 0.2, 5.0) for n in range(7)] == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0]
    assert exponential_delay(10_000, 0.2, 5.0) == 5.0


def test_a_negative_attempt_is_refused() -> None:
    with pytest.raises(ValueError):
        exponential_delay(-1, 0.2, 5.0)


def test_backoff_grows_with_failures_and_starts_over_after_a_success() -> None:
    backoff = Backoff(base_s=0.1, cap_s=0.3)
    assert [backoff.next_delay() for _ in range(4)] == [0.1, 0.2, 0.3, 0.3]
    assert backoff.failures == 4
    backoff.reset()
    assert backoff.next_delay() == 0.1


async def test_pause_ends_early_when_stopping() -> None:
    stopping = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, stopping.set)
    async with asyncio.timeout(5):
        assert await pause(stopping, 60) is True


async def test_pause_runs_its_course_otherwise() -> None:
    assert await pause(asyncio.Event(), 0.01) is False
