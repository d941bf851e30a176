"""Starting Kafka clients while the broker may still be away (it often starts later
than the services, and the embedded broker restarts empty), and probing it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from aiokafka.client import AIOKafkaClient

from stint_runtime.backoff import Backoff, pause

__all__ = ["metadata_reachable", "start_client"]

log = logging.getLogger(__name__)


class _Client(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


C = TypeVar("C", bound=_Client)


async def start_client(make: Callable[[], C], stopping: asyncio.Event, *, what: str) -> C | None:
    """A started client from ``make()``, retried with capped backoff; None when
    ``stopping`` is set first. A client whose start failed is discarded, as aiokafka
    clients cannot be started twice.

    A subscribed consumer's ``start()`` waits for its first partitions (seconds on a
    cold group): a stop in the meantime abandons the start and stops the client, so
    that no half-joined member is left heartbeating in the group."""
    backoff = Backoff()
    while not stopping.is_set():
        client = make()
        try:
            started = await _start_unless_stopping(client, stopping)
        except asyncio.CancelledError:
            await _discard(client)
            raise
        except Exception as exc:
            await _discard(client)
            delay = backoff.next_delay()
            log.warning(
                "broker unreachable, retrying",
                extra={"client": what, "error": repr(exc), "retry_in_s": delay},
            )
            if await pause(stopping, delay):
                return None
            continue
        if started:
            return client
        await _discard(client)
        return None
    return None


async def _start_unless_stopping(client: _Client, stopping: asyncio.Event) -> bool:
    """True once ``client`` started; False when ``stopping`` was set first."""
    start = asyncio.ensure_future(client.start())
    stopped = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({start, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not start.done():
            start.cancel()
            with contextlib.suppress(BaseException):
                await start
    if start.cancelled():
        return False
    start.result()  # raises what start() raised
    return True


async def _discard(client: _Client, timeout_s: float = 10.0) -> None:
    """Stop a client whatever state its start left it in. The stop is shielded: if the
    caller is cancelled meanwhile, the cancellation goes on up and the stop completes
    in the background."""
    with contextlib.suppress(Exception):
        async with asyncio.timeout(timeout_s):
            await asyncio.shield(client.stop())


async def metadata_reachable(bootstrap_servers: str, timeout_s: float = 2.0) -> bool:
    """True when a broker answers a metadata request within ``timeout_s``."""
    client = AIOKafkaClient(
        bootstrap_servers=bootstrap_servers, request_timeout_ms=int(timeout_s * 1000)
    )
    try:
        async with asyncio.timeout(timeout_s):
            await client.bootstrap()
        return True
    except Exception:
        return False
    finally:
        with contextlib.suppress(Exception):
            await client.close()
