"""Events as the topics hold them, decoded with the contracts, and the state they add
up to: what a projection must equal when it is recomputed from the topics."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from google.protobuf import symbol_database
from google.protobuf.message import DecodeError, Message

import stint.application.v1.events_pb2
import stint.identity.v1.events_pb2
import stint.listing.v1.events_pb2
import stint.matching.v1.events_pb2
import stint.notification.v1.events_pb2
import stint.reputation.v1.events_pb2  # noqa: F401  (registers the event types)
from stint_flows.topics import Record

__all__ = ["decoded", "enum_word", "first_copies", "latest", "versioned"]

_symbols = symbol_database.Default()


def decoded(record: Record) -> Message | None:
    """The record's event, or None for a record that is not one of ours."""
    try:
        cls = _symbols.GetSymbol(record.event_type)
    except KeyError:
        return None
    try:
        message: Message = cls.FromString(record.value)
    except DecodeError:
        return None
    return message


def enum_word(message: Message, field: str) -> str:
    """``LISTING_STATUS_OPEN`` → ``open``: the enum value as the tables write it."""
    descriptor = message.DESCRIPTOR.fields_by_name[field].enum_type
    assert descriptor is not None, f"{field} is not an enum"
    name: str = descriptor.values_by_number[getattr(message, field)].name
    prefix = "".join(f"_{c}" if c.isupper() else c.upper() for c in descriptor.name).lstrip("_")
    return name.removeprefix(prefix + "_").lower()


def first_copies(records: Iterable[Record]) -> list[Record]:
    """Each event once, at its first copy (delivery is at least once)."""
    seen: set[str] = set()
    out: list[Record] = []
    for record in records:
        if record.event_id and record.event_id not in seen:
            seen.add(record.event_id)
            out.append(record)
    return out


def latest(
    records: Iterable[Record],
    types: Iterable[str],
    pick: Callable[[Message], tuple[str, int, Any] | None],
) -> dict[str, tuple[int, Any]]:
    """Per aggregate id, the state of its newest version among ``types``: ``pick``
    returns (id, version, state) of an event."""
    wanted = set(types)
    found: dict[str, tuple[int, Any]] = {}
    for record in records:
        if record.event_type not in wanted:
            continue
        message = decoded(record)
        picked = pick(message) if message is not None else None
        if picked is None:
            continue
        key, version, state = picked
        if key not in found or version > found[key][0]:
            found[key] = (version, state)
    return found


def versioned(record: Record) -> int | None:
    """The version of the aggregate the event carries (a listing, an application, an
    engagement, a profile), when it carries one whose id is the record's key."""
    message = decoded(record)
    if message is None:
        return None
    for field in message.DESCRIPTOR.fields:
        if field.message_type is None or "version" not in field.message_type.fields_by_name:
            continue
        state = getattr(message, field.name)
        if getattr(state, "id", record.key) == record.key or field.name == "profile":
            return int(state.version)
    return None
