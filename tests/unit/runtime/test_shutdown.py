"""Bounded stops: a part that finishes in its grace is awaited, one that does not is
cancelled, and a part with no running task only closes."""

from __future__ import annotations

import asyncio

import pytest

from stint_runtime.settings import ServiceSettings
from stint_runtime.shutdown import close_within, stop_grace_s, stop_run


class Part:
    """A run loop that ends when asked, after ``finishing_s`` (its work in flight),
    or never ends unless cancelled."""

    def __init__(self, finishing_s: float | None) -> None:
        self.finishing_s = finishing_s
        self.stopping = asyncio.Event()
        self.finished = asyncio.Event()
        self.cancelled = False
        self.closed = 0

    async def run(self) -> None:
        try:
            await self.stopping.wait()
            if self.finishing_s is None:
                await asyncio.Event().wait()
            await asyncio.sleep(self.finishing_s or 0)
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        finally:
            self.finished.set()

    async def close(self) -> None:
        self.closed += 1


async def test_a_part_that_finishes_in_its_grace_is_not_cancelled() -> None:
    part = Part(finishing_s=0.01)
    task = asyncio.create_task(part.run())
    await asyncio.sleep(0)
    part.stopping.set()
    await stop_run(task, part.finished, 5.0, close=part.close, late="late")
    assert task.done() and not part.cancelled
    assert part.closed == 0


async def test_a_part_stuck_past_its_grace_is_cancelled() -> None:
    part = Part(finishing_s=None)
    task = asyncio.create_task(part.run())
    await asyncio.sleep(0)
    part.stopping.set()
    started = asyncio.get_running_loop().time()
    await stop_run(task, part.finished, 0.05, close=part.close, late="late")
    assert part.cancelled and part.finished.is_set()
    assert asyncio.get_running_loop().time() - started < 2.0


async def test_a_part_that_never_ran_only_closes() -> None:
    part = Part(finishing_s=0)
    await stop_run(None, part.finished, 5.0, close=part.close, late="late")
    assert part.closed == 1


async def test_a_part_stopping_from_inside_its_run_only_closes() -> None:
    part = Part(finishing_s=0)

    async def run_that_stops_itself() -> None:
        current = asyncio.current_task()
        assert current is not None
        await stop_run(current, part.finished, 5.0, close=part.close, late="late")

    await asyncio.wait_for(run_that_stops_itself(), timeout=2.0)
    assert part.closed == 1


async def test_a_close_that_hangs_is_given_up_after_its_grace() -> None:
    hung = asyncio.Event()
    started = asyncio.get_running_loop().time()
    await close_within(hung.wait(), 0.05, late="client did not close in time")
    assert asyncio.get_running_loop().time() - started < 2.0


async def test_a_failing_close_still_raises() -> None:
    async def failing() -> None:
        raise ConnectionResetError("broker gone")

    with pytest.raises(ConnectionResetError):
        await close_within(failing(), 1.0, late="late")


@pytest.mark.parametrize(("configured", "grace"), [(0.0, 1.0), (0.5, 1.0), (12.0, 12.0)])
def test_the_grace_is_at_least_a_second(configured: float, grace: float) -> None:
    settings = ServiceSettings(env="test", shutdown_grace_s=configured)
    assert stop_grace_s(settings) == grace
