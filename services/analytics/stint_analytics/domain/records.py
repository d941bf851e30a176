"""The rows a Kafka record lands as: an event (its raw envelope and its typed row), or
what is no event of ours (a record without a valid event id, a dead letter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stint_analytics.domain.columns import TableLayout

__all__ = ["DeadLetterRow", "LandedEvent", "RawEvent", "UnkeyedRecord"]


@dataclass(frozen=True)
class RawEvent:
    event_id: str
    event_type: str
    topic: str
    partition: int
    offset: int
    key: str
    occurred_at: datetime
    producer: str
    aggregate_id: str
    schema_version: str
    traceparent: str | None
    headers: str
    """Every header, as a JSON object."""
    payload: bytes
    payload_json: str | None
    """protobuf's JSON mapping of the payload; None when it could not be decoded."""
    decode_error: str | None


@dataclass(frozen=True)
class LandedEvent:
    raw: RawEvent
    layout: TableLayout | None
    typed: tuple[Any, ...] | None
    """The typed row: the envelope's columns, then the layout's."""


@dataclass(frozen=True)
class UnkeyedRecord:
    """A record without a valid event id: kept by its place in the topic."""

    topic: str
    partition: int
    offset: int
    key: str
    headers: str
    payload: bytes
    reason: str


@dataclass(frozen=True)
class DeadLetterRow:
    topic: str
    partition: int
    offset: int
    event_id: str | None
    event_type: str
    original_topic: str
    error: str
    error_type: str
    consumer: str
    failed_at: str
    headers: str
    payload: bytes
