"""A Kafka record as the rows it lands as: typed values, the raw envelope, and what
is no event (no event id, an unknown type, a dead letter)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from stint.application.v1 import application_pb2, events_pb2
from stint_analytics.domain.records import DeadLetterRow, LandedEvent, UnkeyedRecord
from stint_analytics.wire.catalog import EventCatalog
from stint_analytics.wire.events import decode
from stint_runtime import topics
from stint_runtime.dlq.letters import dead_letter_headers
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.timestamps import to_timestamp

CATALOG = EventCatalog(topics.ALL)
MOMENT = datetime(2030, 3, 4, 9, 30, tzinfo=UTC)


@dataclass
class Record:
    topic: str
    value: bytes | None
    headers: list[tuple[str, bytes]]
    key: bytes | None = b"key-1"
    partition: int = 1
    offset: int = 7
    timestamp: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def closed_application() -> events_pb2.ApplicationClosed:
    application = application_pb2.Application(
        id="app-1",
        listing_id="listing-1",
        status=application_pb2.APPLICATION_STATUS_CLOSED,
        answers={"why": "because"},
        created_at=to_timestamp(MOMENT),
        version=3,
    )
    return events_pb2.ApplicationClosed(
        application=application, reason=application_pb2.APPLICATION_CLOSE_REASON_NO_DECISION
    )


def event_record(message: object, event_type: str, event_id: str | None = None) -> Record:
    headers = envelope_headers(
        event_id=event_id or str(uuid.uuid4()),
        event_type=event_type,
        occurred_at=MOMENT,
        producer="application",
        aggregate_id="app-1",
        trace_context={"traceparent": "00-" + "1" * 32 + "-" + "2" * 16 + "-01"},
    )
    return Record(topics.APPLICATION, message.SerializeToString(), headers)  # type: ignore[attr-defined]


def test_an_event_lands_with_its_envelope_and_typed_values() -> None:
    message = closed_application()
    decoded = decode(event_record(message, message.DESCRIPTOR.full_name), CATALOG)
    assert isinstance(decoded, LandedEvent) and decoded.layout is not None
    raw = decoded.raw
    assert (raw.topic, raw.partition, raw.offset, raw.key) == (topics.APPLICATION, 1, 7, "key-1")
    assert (raw.occurred_at, raw.producer, raw.schema_version) == (MOMENT, "application", "1")
    assert raw.traceparent and raw.decode_error is None
    assert json.loads(raw.payload_json or "")["reason"] == "APPLICATION_CLOSE_REASON_NO_DECISION"
    assert raw.payload == message.SerializeToString()
    assert decoded.typed is not None
    values = dict(
        zip(
            ["event_id", "occurred_at", "aggregate_id", *(c.name for c in decoded.layout.columns)],
            decoded.typed,
            strict=True,
        )
    )
    assert values["event_id"] == raw.event_id and values["occurred_at"] == MOMENT
    assert values["application_status"] == "APPLICATION_STATUS_CLOSED"
    assert values["application_created_at"] == MOMENT
    assert values["application_decided_at"] is None  # unset: NULL, not the epoch
    assert values["application_version"] == 3 and values["application_cover_note"] == ""
    assert json.loads(values["application_answers"]) == {"why": "because"}
    assert values["reason"] == "APPLICATION_CLOSE_REASON_NO_DECISION"


def test_an_unknown_enum_number_is_kept_as_its_number() -> None:
    message = closed_application()
    message.reason = 42  # type: ignore[assignment]
    decoded = decode(event_record(message, message.DESCRIPTOR.full_name), CATALOG)
    assert isinstance(decoded, LandedEvent) and decoded.typed is not None
    assert decoded.typed[-1] == "42"


def test_an_unknown_type_or_a_bad_payload_lands_raw_only() -> None:
    unknown = decode(event_record(closed_application(), "acme.v1.Mystery"), CATALOG)
    assert isinstance(unknown, LandedEvent) and unknown.typed is None
    assert unknown.raw.decode_error == "unknown event type 'acme.v1.Mystery'"
    broken = event_record(closed_application(), "stint.application.v1.ApplicationClosed")
    broken.value = b"\xff\xff\xff"
    garbled = decode(broken, CATALOG)
    assert isinstance(garbled, LandedEvent) and garbled.typed is None
    assert garbled.raw.payload_json is None and garbled.raw.decode_error


def test_a_record_without_an_event_id_is_kept_by_its_place() -> None:
    decoded = decode(Record(topics.LISTING, b"x", [("event_type", b"whatever")]), CATALOG)
    assert isinstance(decoded, UnkeyedRecord)
    assert (decoded.topic, decoded.partition, decoded.offset) == (topics.LISTING, 1, 7)


def test_a_dead_letter_says_who_failed_and_why() -> None:
    original = event_record(closed_application(), "stint.application.v1.ApplicationClosed")
    headers = dead_letter_headers(original, RuntimeError("boom"), "listing.application-events")
    letter = Record(topics.dlq_topic(topics.APPLICATION), original.value, headers)
    decoded = decode(letter, CATALOG, dead_letters=True)
    assert isinstance(decoded, DeadLetterRow)
    assert (decoded.original_topic, decoded.error, decoded.error_type) == (
        topics.APPLICATION,
        "boom",
        "RuntimeError",
    )
    assert decoded.consumer == "listing.application-events" and decoded.event_id


def test_every_declared_event_type_of_every_topic_has_a_table() -> None:
    declared = set(CATALOG.declared)
    assert "stint.application.v1.EngagementCompleted" in declared
    assert "stint.identity.v1.AccountRegistered" in declared
    assert "stint.listing.v1.Listing" not in declared  # a message, not an event
    assert {layout.event_type for layout in CATALOG.declared_layouts()} == declared
