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
    clients cannot be started twice."""
    backoff = Backoff(base_s=0.2, cap_s=5.0)
    while not stopping.is_set():
        client = make()
        try:
            await client.start()
        except Exception as exc:
            with contextlib.suppress(Exception):
                await client.stop()
            delay = backoff.next_delay()
            log.warning(
                "broker unreachable, retrying",
                extra={"client": what, "error": repr(exc), "retry_in_s": delay},
            )
            if await pause(stopping, delay):
                return None
        else:
            return client
    return None


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
