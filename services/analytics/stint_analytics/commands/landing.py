"""Landing records: decoded by type, written in one transaction keyed by event id."""

from __future__ import annotations

from collections.abc import Sequence

from stint_analytics.context import Context, is_dead_letter_topic
from stint_analytics.domain.records import DeadLetterRow, LandedEvent, UnkeyedRecord
from stint_analytics.store import schema
from stint_analytics.store.connection import opened
from stint_analytics.store.landing import Landed, land
from stint_analytics.wire.catalog import EventCatalog, catalog_of
from stint_analytics.wire.events import decode
from stint_runtime.kafka.headers import KafkaRecord

__all__ = ["catalog", "land_records", "prepare_store", "reset_store"]


def catalog(ctx: Context) -> EventCatalog:
    return catalog_of(ctx.event_topics)


def prepare_store(ctx: Context) -> None:
    """Create the file and every table the landed topics' event types need."""
    with opened(ctx.db_path, read_only=False, wait_s=ctx.lock_wait_s) as conn:
        conn.begin()
        schema.ensure_tables(conn, catalog(ctx).declared_layouts())
        conn.commit()


def reset_store(ctx: Context) -> None:
    """Drop every table and make them anew, empty: the start of a rebuild."""
    with opened(ctx.db_path, read_only=False, wait_s=ctx.lock_wait_s) as conn:
        conn.begin()
        schema.drop_everything(conn)
        schema.ensure_tables(conn, catalog(ctx).declared_layouts())
        conn.commit()


def land_records(ctx: Context, records: Sequence[KafkaRecord]) -> Landed:
    if not records:
        return Landed(0, 0, 0)
    known = catalog(ctx)
    events: list[LandedEvent] = []
    unkeyed: list[UnkeyedRecord] = []
    letters: list[DeadLetterRow] = []
    for record in records:
        decoded = decode(record, known, dead_letters=is_dead_letter_topic(record.topic))
        if isinstance(decoded, LandedEvent):
            events.append(decoded)
        elif isinstance(decoded, UnkeyedRecord):
            unkeyed.append(decoded)
        else:
            letters.append(decoded)
    with opened(ctx.db_path, read_only=False, wait_s=ctx.lock_wait_s) as conn:
        return land(conn, events, unkeyed, letters, ctx.clock())
