"""How an event type becomes a typed table: one column per field, nested messages
flattened, so that analysts (and the report) query plain columns.

The rule, from the message's descriptor alone, so that a new event type or a new
field needs no code:

- a field of a nested message is a column named ``<field>_<subfield>``, recursively
  (``application.listing_id`` -> ``application_listing_id``), down to ``MAX_DEPTH``;
- ``google.protobuf.Timestamp`` is a ``TIMESTAMPTZ``, ``Duration`` an ``INTERVAL``,
  a wrapper (``StringValue`` ...) its value;
- an enum is its value's name (``APPLICATION_STATUS_HIRED``);
- repeated fields, maps and any other message (``Struct``, ``Any``, deeper nesting)
  are ``JSON`` in protobuf's JSON mapping;
- a field that can be absent (message fields, ``optional``, oneof members) is NULL
  when absent; any other scalar holds its value, the default included.

Every typed table starts with the envelope's ``event_id`` (its key), ``occurred_at``
and ``aggregate_id``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

from google.protobuf.descriptor import Descriptor, FieldDescriptor

__all__ = [
    "ENVELOPE_COLUMNS",
    "MAX_DEPTH",
    "Column",
    "ColumnKind",
    "TableLayout",
    "layout_of",
    "snake_case",
    "table_address",
]

MAX_DEPTH = 4
"""Nested messages deeper than this (and recursive ones) are kept as JSON."""


class ColumnKind(enum.Enum):
    SCALAR = "scalar"
    ENUM = "enum"
    TIMESTAMP = "timestamp"
    DURATION = "duration"
    WRAPPER = "wrapper"
    JSON = "json"


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    path: tuple[str, ...]
    """Field names from the event's message down to the field."""
    kind: ColumnKind
    nullable_path: tuple[bool, ...]
    """Per step of ``path``: True when that field can be absent (NULL then)."""


@dataclass(frozen=True)
class TableLayout:
    event_type: str
    schema: str
    table: str
    columns: tuple[Column, ...]
    """The payload's columns, after ``ENVELOPE_COLUMNS``."""


ENVELOPE_COLUMNS = (
    ("event_id", "UUID"),
    ("occurred_at", "TIMESTAMPTZ"),
    ("aggregate_id", "VARCHAR"),
)

_SCALARS = {
    FieldDescriptor.TYPE_DOUBLE: "DOUBLE",
    FieldDescriptor.TYPE_FLOAT: "FLOAT",
    FieldDescriptor.TYPE_INT64: "BIGINT",
    FieldDescriptor.TYPE_SINT64: "BIGINT",
    FieldDescriptor.TYPE_SFIXED64: "BIGINT",
    FieldDescriptor.TYPE_UINT64: "UBIGINT",
    FieldDescriptor.TYPE_FIXED64: "UBIGINT",
    FieldDescriptor.TYPE_INT32: "INTEGER",
    FieldDescriptor.TYPE_SINT32: "INTEGER",
    FieldDescriptor.TYPE_SFIXED32: "INTEGER",
    FieldDescriptor.TYPE_UINT32: "UINTEGER",
    FieldDescriptor.TYPE_FIXED32: "UINTEGER",
    FieldDescriptor.TYPE_BOOL: "BOOLEAN",
    FieldDescriptor.TYPE_STRING: "VARCHAR",
    FieldDescriptor.TYPE_BYTES: "BLOB",
}
_WRAPPERS = {
    f"google.protobuf.{name}Value"
    for name in ("Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes")
}
_NAME_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_NAME = re.compile(r"[^a-z0-9_]+")


def snake_case(name: str) -> str:
    """``ApplicationSubmitted`` -> ``application_submitted``."""
    return _NOT_NAME.sub("_", _NAME_BREAK.sub("_", name).lower()).strip("_")


def table_address(event_type: str) -> tuple[str, str]:
    """The (schema, table) of an event type: ``stint.listing.v1.ListingPublished`` ->
    (``listing_v1``, ``listing_published``); the platform's ``stint.`` is left out."""
    package, _, message = event_type.rpartition(".")
    package = package.removeprefix("stint.")
    return snake_case(package.replace(".", "_")) or "events", snake_case(message)


def layout_of(descriptor: Descriptor) -> TableLayout:
    schema, table = table_address(descriptor.full_name)
    taken = {name for name, _ in ENVELOPE_COLUMNS}
    columns: list[Column] = []
    for column in _columns(descriptor, (), (), depth=1, seen=(descriptor.full_name,)):
        name = column.name
        while name in taken:
            name = f"{name}_field"
        taken.add(name)
        columns.append(column if name == column.name else _renamed(column, name))
    return TableLayout(descriptor.full_name, schema, table, tuple(columns))


def _renamed(column: Column, name: str) -> Column:
    return Column(name, column.sql_type, column.path, column.kind, column.nullable_path)


def _columns(
    message: Descriptor,
    path: tuple[str, ...],
    nullable: tuple[bool, ...],
    *,
    depth: int,
    seen: tuple[str, ...],
) -> Iterator[Column]:
    for field in message.fields:
        here = (*path, field.name)
        absent = (*nullable, bool(field.has_presence))
        name = "_".join(here)
        if field.is_repeated:
            yield Column(name, "JSON", here, ColumnKind.JSON, absent)
        elif field.type == FieldDescriptor.TYPE_ENUM:
            yield Column(name, "VARCHAR", here, ColumnKind.ENUM, absent)
        elif field.type in (FieldDescriptor.TYPE_MESSAGE, FieldDescriptor.TYPE_GROUP):
            yield from _message_columns(field, here, absent, depth=depth, seen=seen)
        else:
            yield Column(name, _SCALARS[field.type], here, ColumnKind.SCALAR, absent)


def _message_columns(
    field: FieldDescriptor,
    path: tuple[str, ...],
    nullable: tuple[bool, ...],
    *,
    depth: int,
    seen: tuple[str, ...],
) -> Iterator[Column]:
    message_type = field.message_type
    if message_type is None:  # only a message field gets here
        raise ValueError(f"{field.full_name} is not a message field")
    kind_name = message_type.full_name
    name = "_".join(path)
    if kind_name == "google.protobuf.Timestamp":
        yield Column(name, "TIMESTAMPTZ", path, ColumnKind.TIMESTAMP, nullable)
    elif kind_name == "google.protobuf.Duration":
        yield Column(name, "INTERVAL", path, ColumnKind.DURATION, nullable)
    elif kind_name in _WRAPPERS:
        value = message_type.fields_by_name["value"]
        yield Column(name, _SCALARS[value.type], path, ColumnKind.WRAPPER, nullable)
    elif kind_name.startswith("google.protobuf.") or depth >= MAX_DEPTH or kind_name in seen:
        yield Column(name, "JSON", path, ColumnKind.JSON, nullable)
    else:
        yield from _columns(message_type, path, nullable, depth=depth + 1, seen=(*seen, kind_name))
