"""Idempotent event consumers. INTERFACE ONLY — being implemented; see the docstrings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import asyncpg

from stint_runtime.envelope import ReceivedEvent
from stint_runtime.relay import ProducerFactory
from stint_runtime.settings import ServiceSettings

Handler = Callable[[asyncpg.Connection, ReceivedEvent], Awaitable[None]]


@dataclass(frozen=True)
class Subscription:
    """What one consumer group of a service handles."""

    name: str
    """Consumer name: the Kafka group id and the inbox's consumer column."""
    topics: tuple[str, ...]
    handlers: Mapping[str, Handler]
    """By full event type name; events of other types are recorded and skipped."""


class EventConsumer:
    """Consumes a subscription: per message, one transaction of inbox insert
    (consumer, event_id) + handler; duplicates skipped; offsets committed after the
    transaction; a failing handler is retried ``settings.consumer_max_attempts`` times
    with backoff, then the message goes to ``<topic>.dlq`` with error headers and the
    partition moves on."""

    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        subscription: Subscription,
        producer_factory: ProducerFactory,
    ) -> None:
        raise NotImplementedError

    @property
    def assigned(self) -> bool:
        """True once the group gave this member at least one partition."""
        raise NotImplementedError

    async def run(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError
