"""The outbox relay. INTERFACE ONLY — being implemented; see the docstrings."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
from aiokafka import AIOKafkaProducer

from stint_runtime.settings import ServiceSettings

ProducerFactory = Callable[[], AIOKafkaProducer]


class OutboxRelay:
    """Publishes a service's outbox rows to Kafka.

    - single leader per service: a dedicated connection holds
      ``pg_try_advisory_lock(hashtext('stint.relay.' || schema))``; standbys retry;
    - wakes on LISTEN ``outbox.notify_channel(schema)``, polls every
      ``settings.outbox_poll_interval_s`` as a fallback;
    - publishes unsent rows in id order with key, protobuf value and the envelope
      headers (event_id, event_type, occurred_at, producer, aggregate_id,
      schema_version, traceparent); marks a row sent only after the broker acked;
    - retries with backoff while the broker is away (never loses, never reorders a key);
    - prunes sent rows older than ``settings.outbox_retention_hours``.
    """

    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        producer_factory: ProducerFactory,
    ) -> None:
        raise NotImplementedError

    @property
    def is_leader(self) -> bool:
        raise NotImplementedError

    async def broker_healthy(self) -> bool:
        """True when this relay's producer reaches the broker (or, as a standby, when
        a broker answers a metadata request)."""
        raise NotImplementedError

    async def run(self) -> None:
        """Run until ``stop()``; survives the broker and the database going away."""
        raise NotImplementedError

    async def stop(self) -> None:
        """Finish the batch in flight, release leadership, close the producer."""
        raise NotImplementedError
