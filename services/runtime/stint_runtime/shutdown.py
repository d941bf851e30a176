"""Bounded stops for the long-running parts (relay, consumers, their Kafka clients).

A part asked to stop first gets a grace period to finish what it has in flight (a
message, a batch); past it, it is cancelled, so that a stuck broker or database never
holds up a rollout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping

from stint_runtime.settings import ServiceSettings

__all__ = ["close_within", "stop_grace_s", "stop_run"]

log = logging.getLogger(__name__)


def stop_grace_s(settings: ServiceSettings) -> float:
    """``shutdown_grace_s``, but at least a second: even with no grace configured, a
    message or batch in flight gets the moment it needs to end cleanly."""
    return max(settings.shutdown_grace_s, 1.0)


async def stop_run(
    run: asyncio.Task[None] | None,
    finished: asyncio.Event,
    grace_s: float,
    *,
    close: Callable[[], Awaitable[None]],
    late: str,
    context: Mapping[str, object] | None = None,
) -> None:
    """Wait up to ``grace_s`` for the task ``run`` of a part (asked to stop already) to
    set ``finished``; past it, log ``late``, cancel the task and wait as long again.

    With no task to wait for (never started, already done, or the part stopping from
    inside its own run), ``close()`` releases what the part holds instead."""
    if run is None or run.done() or run is asyncio.current_task():
        await close()
        return
    try:
        async with asyncio.timeout(grace_s):
            await finished.wait()
    except TimeoutError:
        log.warning(late, extra=dict(context or {}))
        run.cancel()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace_s):
                await finished.wait()


async def close_within(closing: Awaitable[object], grace_s: float, *, late: str) -> None:
    """Await ``closing`` (a Kafka client's ``stop()``) for up to ``grace_s``; past it,
    log ``late`` and go on while the stop finishes in the background. It is never
    cut short: a consumer interrupted while leaving its group would stay a member,
    heartbeating and holding partitions from the others; a producer's flush waits for
    batches in flight, which never end while the broker is away."""
    stop = asyncio.ensure_future(closing)
    try:
        async with asyncio.timeout(grace_s):
            await asyncio.shield(stop)
    except TimeoutError:
        log.warning(late)
        _background.add(stop)
        stop.add_done_callback(_forget)


# Stops still running past their grace, kept referenced until they end.
_background: set[asyncio.Future[object]] = set()


def _forget(stop: asyncio.Future[object]) -> None:
    _background.discard(stop)
    if not stop.cancelled() and stop.exception() is not None:
        log.warning("a late stop failed", extra={"error": repr(stop.exception())})
