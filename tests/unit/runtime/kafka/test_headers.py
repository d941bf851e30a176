from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pytest

from stint_runtime.kafka.headers import (
    InvalidEnvelope,
    envelope_headers,
    received_event,
    rfc3339,
    schema_version,
)

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


@dataclass
class Record:
    topic: str = "stint.listing.v1"
    partition: int = 2
    offset: int = 41
    timestamp: int = 1_700_000_000_000
    key: bytes | None = b"lst-1"
    value: bytes | None = b"\x0a\x00"
    headers: list[tuple[str, bytes]] = field(default_factory=list)


def test_schema_version_comes_from_the_versioned_package() -> None:
    assert schema_version("stint.listing.v1.ListingPublished") == "1"
    assert schema_version("stint.listing.v12.ListingPublished") == "12"
    assert schema_version("legacy.Thing") == "1"


def test_rfc3339_is_utc_with_a_z() -> None:
    moment = datetime(2024, 5, 1, 14, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert rfc3339(moment) == "2024-05-01T12:00:00.123456Z"
    with pytest.raises(ValueError):
        rfc3339(datetime(2024, 5, 1))


def test_envelope_headers_carry_every_field_and_the_trace() -> None:
    event_id = uuid.uuid4()
    headers = envelope_headers(
        event_id=event_id,
        event_type="stint.listing.v1.ListingPublished",
        occurred_at=datetime(2024, 5, 1, 12, tzinfo=UTC),
        producer="listing",
        aggregate_id="lst-1",
        trace_context={"traceparent": TRACEPARENT, "tracestate": "vendor=1"},
    )
    assert headers == [
        ("event_id", str(event_id).encode()),
        ("event_type", b"stint.listing.v1.ListingPublished"),
        ("occurred_at", b"2024-05-01T12:00:00.000000Z"),
        ("producer", b"listing"),
        ("aggregate_id", b"lst-1"),
        ("schema_version", b"1"),
        ("traceparent", TRACEPARENT.encode()),
        ("tracestate", b"vendor=1"),
    ]


def test_without_a_trace_there_is_no_trace_header() -> None:
    headers = envelope_headers(
        event_id="4b0f2cc4-8b51-4f21-9d4c-2f3f3f0d6a11",
        event_type="stint.identity.v1.AccountRegistered",
        occurred_at=datetime.now(UTC),
        producer="gateway",
        aggregate_id="acc-1",
        trace_context={},
    )
    assert {k for k, _ in headers} == {
        "event_id",
        "event_type",
        "occurred_at",
        "producer",
        "aggregate_id",
        "schema_version",
    }


def test_a_published_envelope_reads_back_as_the_same_event() -> None:
    event_id = uuid.uuid4()
    occurred_at = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    record = Record(
        headers=envelope_headers(
            event_id=event_id,
            event_type="stint.listing.v1.ListingPublished",
            occurred_at=occurred_at,
            producer="listing",
            aggregate_id="lst-1",
            trace_context={"traceparent": TRACEPARENT},
        )
    )
    event = received_event(record)
    assert event.event_id == str(event_id)
    assert event.event_type == "stint.listing.v1.ListingPublished"
    assert event.occurred_at == occurred_at
    assert (event.producer, event.aggregate_id) == ("listing", "lst-1")
    assert (event.topic, event.partition, event.offset) == ("stint.listing.v1", 2, 41)
    assert event.payload == b"\x0a\x00"
    assert event.headers["traceparent"] == TRACEPARENT


@pytest.mark.parametrize("headers", [[], [("event_id", b"not-a-uuid")]])
def test_a_message_without_a_valid_event_id_is_no_event(headers: list[tuple[str, bytes]]) -> None:
    with pytest.raises(InvalidEnvelope):
        received_event(Record(headers=headers))


def test_missing_fields_fall_back_to_the_message() -> None:
    event = received_event(Record(headers=[("event_id", str(uuid.uuid4()).encode())]))
    assert event.aggregate_id == "lst-1"
    assert event.occurred_at == datetime.fromtimestamp(1_700_000_000, UTC)
    assert event.event_type == ""
