"""Moments between Python and the contracts: ``datetime`` ⇄ ``google.protobuf.Timestamp``.

Every moment the services hold is timezone-aware; a Timestamp is a UTC instant, so a
moment read back from a message is always aware and in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload

from google.protobuf.timestamp_pb2 import Timestamp

__all__ = ["from_timestamp", "to_timestamp"]


@overload
def to_timestamp(moment: datetime) -> Timestamp: ...


@overload
def to_timestamp(moment: None) -> None: ...


@overload
def to_timestamp(moment: datetime | None) -> Timestamp | None: ...


def to_timestamp(moment: datetime | None) -> Timestamp | None:
    """The instant of ``moment`` (a naive one is taken as UTC, protobuf's rule); None
    for None, so that an optional field is left unset."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime:
    """The instant of ``stamp`` as an aware UTC datetime. An unset field reads as the
    epoch: callers of optional fields check ``HasField`` first."""
    return stamp.ToDatetime(tzinfo=UTC)
