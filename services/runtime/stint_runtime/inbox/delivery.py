"""Delivering one Kafka message to a service's handler, exactly once in effect.

One transaction holds the inbox insert of (consumer, event id) and the handler, so a
redelivered event is skipped. A failing handler is retried with backoff, then the
message goes to ``<topic>.dlq`` and the partition moves on. A failure while the
database is unreachable is the outage's, not the message's: it is retried without
counting an attempt (capped backoff) until the database answers again, so that an
outage never floods the DLQ.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

import asyncpg
from aiokafka import AIOKafkaProducer
from opentelemetry.trace import SpanKind, StatusCode

from stint_runtime import db, telemetry
from stint_runtime.backoff import Backoff, exponential_delay, pause
from stint_runtime.dlq.letters import dead_letter_headers
from stint_runtime.inbox import store as inbox_store
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.kafka.headers import InvalidEnvelope, KafkaRecord, received_event
from stint_runtime.kafka.starting import start_client
from stint_runtime.metrics import CONSUMER_EVENTS
from stint_runtime.settings import ServiceSettings
from stint_runtime.shutdown import close_within, stop_grace_s
from stint_runtime.topics import dlq_topic

__all__ = ["Handler", "MessageDelivery"]

log = logging.getLogger(__name__)
_tracer = telemetry.tracer(__name__)

Handler = Callable[[asyncpg.Connection, ReceivedEvent], Awaitable[None]]

RETRY_CAP_S = 30.0


class MessageDelivery:
    """Delivers the messages of one consumer; ``deliver`` returns False only when
    stopping interrupted it (the message must not be committed then)."""

    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        consumer: str,
        handlers: Mapping[str, Handler],
        producer_factory: Callable[[], AIOKafkaProducer],
        stopping: asyncio.Event,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._consumer = consumer
        self._handlers = handlers
        self._producer_factory = producer_factory
        self._stopping = stopping
        self._dlq_producer: AIOKafkaProducer | None = None

    async def deliver(self, record: KafkaRecord) -> bool:
        try:
            event = received_event(record)
        except InvalidEnvelope as exc:
            return await self._dead_letter(record, exc)
        with _tracer.start_as_current_span(
            f"process {event.event_type or 'unknown'}",
            context=telemetry.extract(event.headers),
            kind=SpanKind.CONSUMER,
            attributes={
                **telemetry.kafka_message_attributes(
                    "process", event.topic, event.partition, event.event_id
                ),
                "messaging.kafka.offset": event.offset,
                "messaging.consumer.group.name": self._consumer,
            },
        ) as span:
            outage = Backoff()
            failures = 0
            while True:
                try:
                    outcome = await self._handle(event)
                    CONSUMER_EVENTS.labels(self._consumer, outcome).inc()
                    return True
                except Exception as exc:
                    if not await db.database_is_healthy(self._pool):
                        delay = outage.next_delay()
                        log.warning(
                            "database unreachable while handling an event; retrying",
                            extra={**_where(event), "error": repr(exc), "retry_in_s": delay},
                        )
                        if await pause(self._stopping, delay):
                            return False
                        continue
                    failures += 1
                    if failures >= self._settings.consumer_max_attempts:
                        span.record_exception(exc)
                        span.set_status(StatusCode.ERROR, str(exc))
                        return await self._dead_letter(record, exc)
                    delay = exponential_delay(
                        failures - 1, self._settings.consumer_backoff_s, RETRY_CAP_S
                    )
                    log.warning(
                        "event handler failed; retrying",
                        extra={**_where(event), "attempt": failures, "error": repr(exc)},
                    )
                    if await pause(self._stopping, delay):
                        return False

    async def close(self) -> None:
        producer, self._dlq_producer = self._dlq_producer, None
        if producer is not None:
            await close_within(
                producer.stop(),
                stop_grace_s(self._settings),
                late="DLQ producer did not close in time",
            )

    async def _handle(self, event: ReceivedEvent) -> str:
        """The event's outcome once its transaction committed: handled or duplicate."""
        async with db.transaction(self._pool) as conn:
            if not await inbox_store.record_receipt(conn, self._consumer, event):
                log.debug("duplicate event skipped", extra=_where(event))
                return "duplicate"
            handler = self._handlers.get(event.event_type)
            if handler is not None:
                await handler(conn, event)
        return "handled"

    async def _dead_letter(self, record: KafkaRecord, error: BaseException) -> bool:
        topic = dlq_topic(record.topic)
        headers = dead_letter_headers(record, error, self._consumer)
        backoff = Backoff()
        while not self._stopping.is_set():
            if self._dlq_producer is None:
                self._dlq_producer = await start_client(
                    self._producer_factory, self._stopping, what=f"{self._consumer} DLQ"
                )
                if self._dlq_producer is None:
                    return False
            try:
                delivery = await self._dlq_producer.send(
                    topic, value=record.value, key=record.key, headers=headers
                )
                await delivery
            except Exception as exc:
                log.warning("DLQ publish failed; retrying", extra={"error": repr(exc)})
                if await pause(self._stopping, backoff.next_delay()):
                    return False
                continue
            CONSUMER_EVENTS.labels(self._consumer, "dead_lettered").inc()
            log.error(
                "event sent to the dead-letter topic",
                extra={
                    "dlq_topic": topic,
                    "topic": record.topic,
                    "partition": record.partition,
                    "offset": record.offset,
                    "consumer": self._consumer,
                    "error": repr(error),
                },
            )
            return True
        return False


def _where(event: ReceivedEvent) -> dict[str, object]:
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "topic": event.topic,
        "partition": event.partition,
        "offset": event.offset,
    }
