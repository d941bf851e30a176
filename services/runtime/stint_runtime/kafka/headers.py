"""The envelope's Kafka headers: written by the relay, read back by consumers.

Every header value is UTF-8 text, so analysts' tools and the DLQ CLI can show them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from stint_runtime.kafka import envelope
from stint_runtime.kafka.envelope import ReceivedEvent

__all__ = [
    "InvalidEnvelope",
    "KafkaRecord",
    "RawHeaders",
    "envelope_headers",
    "received_event",
    "rfc3339",
    "schema_version",
]

RawHeaders = Sequence[tuple[str, bytes]]

_VERSIONED_PACKAGE = re.compile(r"\.v(\d+)\.[^.]+$")


class InvalidEnvelope(ValueError):
    """A message that cannot be an event of ours (e.g. no valid event id)."""


class KafkaRecord(Protocol):
    """What a consumer needs of a received Kafka message (aiokafka's ConsumerRecord)."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def timestamp(self) -> int: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def value(self) -> bytes | None: ...
    @property
    def headers(self) -> RawHeaders: ...


def schema_version(event_type: str) -> str:
    """The major version of the type's package: ``stint.listing.v1.ListingPublished`` → "1".

    A breaking change is a new ``v2`` type, so the package carries the version; types
    outside a versioned package are version "1".
    """
    found = _VERSIONED_PACKAGE.search(event_type)
    return found.group(1) if found else "1"


def rfc3339(moment: datetime) -> str:
    """UTC with a ``Z`` suffix, microseconds kept: ``2024-05-01T12:00:00.123456Z``."""
    if moment.tzinfo is None:
        raise ValueError("occurred_at must be timezone-aware")
    text = moment.astimezone(UTC).isoformat(timespec="microseconds")
    return text.removesuffix("+00:00") + "Z"


def envelope_headers(
    *,
    event_id: uuid.UUID | str,
    event_type: str,
    occurred_at: datetime,
    producer: str,
    aggregate_id: str,
    trace_context: Mapping[str, str],
) -> list[tuple[str, bytes]]:
    """The headers of one published event; ``trace_context`` holds ``traceparent``
    (and ``tracestate``) of the publishing span."""
    headers = [
        (envelope.EVENT_ID, str(event_id).encode()),
        (envelope.EVENT_TYPE, event_type.encode()),
        (envelope.OCCURRED_AT, rfc3339(occurred_at).encode()),
        (envelope.PRODUCER, producer.encode()),
        (envelope.AGGREGATE_ID, aggregate_id.encode()),
        (envelope.SCHEMA_VERSION, schema_version(event_type).encode()),
    ]
    for name in (envelope.TRACEPARENT, envelope.TRACESTATE):
        value = trace_context.get(name)
        if value:
            headers.append((name, value.encode()))
    return headers


def received_event(record: KafkaRecord) -> ReceivedEvent:
    """The event in ``record``; raises InvalidEnvelope without a valid ``event_id``."""
    headers = envelope.headers_dict(list(record.headers))
    try:
        event_id = str(uuid.UUID(headers[envelope.EVENT_ID]))
    except (KeyError, ValueError) as exc:
        raise InvalidEnvelope("missing or invalid event_id header") from exc
    key = (record.key or b"").decode("utf-8", "replace")
    return ReceivedEvent(
        event_id=event_id,
        event_type=headers.get(envelope.EVENT_TYPE, ""),
        occurred_at=_occurred_at(headers.get(envelope.OCCURRED_AT), record.timestamp),
        producer=headers.get(envelope.PRODUCER, ""),
        aggregate_id=headers.get(envelope.AGGREGATE_ID, key),
        payload=record.value or b"",
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        headers=headers,
    )


def _occurred_at(text: str | None, fallback_ms: int) -> datetime:
    # Foreign producers may omit the header; the broker's timestamp is the best guess.
    if text:
        try:
            parsed = datetime.fromisoformat(text)
            if parsed.tzinfo is not None:
                return parsed
        except ValueError:
            pass
    return datetime.fromtimestamp(fallback_ms / 1000, UTC)
