"""The event envelope: Kafka headers around a protobuf value, key = aggregate id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "AGGREGATE_ID",
    "EVENT_ID",
    "EVENT_TYPE",
    "OCCURRED_AT",
    "PRODUCER",
    "SCHEMA_VERSION",
    "TRACEPARENT",
    "TRACESTATE",
    "ReceivedEvent",
    "headers_dict",
]

EVENT_ID = "event_id"
EVENT_TYPE = "event_type"
OCCURRED_AT = "occurred_at"
PRODUCER = "producer"
AGGREGATE_ID = "aggregate_id"
SCHEMA_VERSION = "schema_version"
TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"


@dataclass(frozen=True)
class ReceivedEvent:
    """One event as a consumer's handler sees it."""

    event_id: str
    """UUID given by the producer; the inbox key."""
    event_type: str
    """Full protobuf name, e.g. ``stint.listing.v1.ListingPublished``."""
    occurred_at: datetime
    """When the state change committed at the producer."""
    producer: str
    """Name of the producing service."""
    aggregate_id: str
    """Id of the aggregate (also the Kafka key)."""
    payload: bytes
    """Serialized protobuf message of ``event_type``."""
    topic: str
    partition: int
    offset: int
    headers: dict[str, str]
    """Every header, decoded as UTF-8."""


def headers_dict(
    raw: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...] | None,
) -> dict[str, str]:
    return {k: v.decode("utf-8", "replace") for k, v in (raw or ())}
