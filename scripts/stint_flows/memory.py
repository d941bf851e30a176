"""Peak resident memory of each process of the platform while something runs: the
services (their current process, across restarts), the broker and Postgres."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psutil

from stint_flows.stack import Stack

MIB = 1 << 20


class PeakMemory:
    def __init__(self) -> None:
        self.peak_mib: dict[str, float] = {}

    def sample(self, stack: Stack) -> None:
        state = stack.state()
        pids = {**state.get("services", {}), "broker": state.get("broker_pid")}
        for name, pid in pids.items():
            if not pid:
                continue
            with contextlib.suppress(psutil.Error):
                rss = psutil.Process(int(pid)).memory_info().rss / MIB
                self.peak_mib[name] = max(self.peak_mib.get(name, 0.0), round(rss, 1))


@asynccontextmanager
async def watching(stack: Stack, every_s: float = 0.25) -> AsyncIterator[PeakMemory]:
    peak = PeakMemory()

    async def sample() -> None:
        while True:
            with contextlib.suppress(Exception):
                peak.sample(stack)
            await asyncio.sleep(every_s)

    task = asyncio.create_task(sample())
    try:
        yield peak
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        peak.sample(stack)
