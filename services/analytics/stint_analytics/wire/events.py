"""A Kafka record as the rows it lands as (``domain.records``): the raw envelope and
the typed row of its event type, or, for what is no event of ours, an unkeyed record
or a dead letter."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message

from stint_analytics.domain.columns import Column, ColumnKind, TableLayout
from stint_analytics.domain.records import DeadLetterRow, LandedEvent, RawEvent, UnkeyedRecord
from stint_analytics.wire.catalog import EventCatalog
from stint_runtime.dlq import letters
from stint_runtime.kafka import envelope
from stint_runtime.kafka.headers import InvalidEnvelope, KafkaRecord, received_event

__all__ = ["Decoded", "decode", "typed_values"]


Decoded = LandedEvent | UnkeyedRecord | DeadLetterRow


def _headers_json(headers: Mapping[str, str]) -> str:
    return json.dumps(dict(headers), sort_keys=True)


def decode(record: KafkaRecord, catalog: EventCatalog, *, dead_letters: bool = False) -> Decoded:
    """``dead_letters``: the record comes from a ``.dlq`` topic."""
    headers = envelope.headers_dict(list(record.headers))
    if dead_letters:
        return _dead_letter(record, headers)
    try:
        event = received_event(record)
    except InvalidEnvelope as exc:
        return UnkeyedRecord(
            record.topic,
            record.partition,
            record.offset,
            (record.key or b"").decode("utf-8", "replace"),
            _headers_json(headers),
            record.value or b"",
            str(exc),
        )
    layout = catalog.layout(event.event_type)
    message_class = catalog.message_class(event.event_type)
    payload_json = typed = error = None
    if message_class is None:
        error = f"unknown event type {event.event_type!r}"
    else:
        try:
            message = message_class.FromString(event.payload)
            as_dict = _as_dict(message)
            payload_json = json.dumps(as_dict, separators=(",", ":"))
            if layout is not None:
                envelope_values = (event.event_id, event.occurred_at, event.aggregate_id)
                typed = (*envelope_values, *typed_values(message, layout, as_dict))
        except (DecodeError, ValueError, OverflowError) as exc:
            error = f"{type(exc).__name__}: {exc}"
    raw = RawEvent(
        event_id=event.event_id,
        event_type=event.event_type,
        topic=event.topic,
        partition=event.partition,
        offset=event.offset,
        key=(record.key or b"").decode("utf-8", "replace"),
        occurred_at=event.occurred_at,
        producer=event.producer,
        aggregate_id=event.aggregate_id,
        schema_version=headers.get(envelope.SCHEMA_VERSION, ""),
        traceparent=headers.get(envelope.TRACEPARENT),
        headers=_headers_json(headers),
        payload=event.payload,
        payload_json=payload_json,
        decode_error=error,
    )
    return LandedEvent(raw, layout if typed is not None else None, typed)


def _dead_letter(record: KafkaRecord, headers: Mapping[str, str]) -> DeadLetterRow:
    try:
        event_id: str | None = received_event(record).event_id
    except InvalidEnvelope:
        event_id = None
    return DeadLetterRow(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        event_id=event_id,
        event_type=headers.get(envelope.EVENT_TYPE, ""),
        original_topic=headers.get(letters.DLQ_ORIGINAL_TOPIC, ""),
        error=headers.get(letters.DLQ_ERROR, ""),
        error_type=headers.get(letters.DLQ_ERROR_TYPE, ""),
        consumer=headers.get(letters.DLQ_CONSUMER, ""),
        failed_at=headers.get(letters.DLQ_FAILED_AT, ""),
        headers=_headers_json(headers),
        payload=record.value or b"",
    )


def _as_dict(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def typed_values(
    message: Message, layout: TableLayout, as_dict: dict[str, Any] | None = None
) -> tuple[Any, ...]:
    """The layout's columns of ``message``, in order (``as_dict``: its JSON mapping,
    when the caller has it already)."""
    values: list[Any] = []
    for column in layout.columns:
        if column.kind is ColumnKind.JSON:
            as_dict = as_dict if as_dict is not None else _as_dict(message)
            values.append(_json_value(as_dict, column))
        else:
            values.append(_value(message, column))
    return tuple(values)


def _json_value(as_dict: Mapping[str, Any], column: Column) -> str | None:
    current: Any = as_dict
    for name in column.path:
        if not isinstance(current, Mapping) or name not in current:
            return None
        current = current[name]
    return json.dumps(current, separators=(",", ":"))


def _value(message: Message, column: Column) -> Any:
    current = message
    *parents, last = column.path
    for name in parents:
        if not current.HasField(name):
            return None
        current = getattr(current, name)
    if column.nullable_path[-1] and not current.HasField(last):
        return None
    value = getattr(current, last)
    match column.kind:
        case ColumnKind.ENUM:
            enum_type = current.DESCRIPTOR.fields_by_name[last].enum_type
            named = enum_type.values_by_number.get(value) if enum_type else None
            return named.name if named is not None else str(value)
        case ColumnKind.TIMESTAMP:
            return value.ToDatetime(tzinfo=UTC)
        case ColumnKind.DURATION:
            return value.ToTimedelta()
        case ColumnKind.WRAPPER:
            return value.value
    return value
