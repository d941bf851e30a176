"""The DuckDB store on a real file: each event once, a batch all or nothing, tables
that gain the columns a message gains, and a file shared by taking turns."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from stint.application.v1 import application_pb2, events_pb2
from stint_analytics import queries
from stint_analytics.context import Context
from stint_analytics.domain.columns import Column, ColumnKind, TableLayout
from stint_analytics.domain.records import LandedEvent, UnkeyedRecord
from stint_analytics.settings import AnalyticsSettings
from stint_analytics.store import schema
from stint_analytics.store.connection import StoreBusy, StoreMissing, StoreOutdated, opened
from stint_analytics.store.landing import land
from stint_analytics.wire.catalog import EventCatalog
from stint_analytics.wire.events import decode
from stint_runtime import topics
from stint_runtime.kafka.headers import envelope_headers
from tests.unit.analytics.test_decoding import Record

CATALOG = EventCatalog(topics.ALL)
NOW = datetime(2030, 3, 4, tzinfo=UTC)


def submitted(app_id: str = "app-1") -> LandedEvent:
    message = events_pb2.ApplicationSubmitted(
        application=application_pb2.Application(id=app_id, listing_id="l-1")
    )
    headers = envelope_headers(
        event_id=uuid.uuid4(),
        event_type=message.DESCRIPTOR.full_name,
        occurred_at=NOW,
        producer="application",
        aggregate_id=app_id,
        trace_context={},
    )
    found = decode(Record(topics.APPLICATION, message.SerializeToString(), headers), CATALOG)
    assert isinstance(found, LandedEvent)
    return found


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "analytics.duckdb"
    with opened(path, read_only=False, wait_s=1) as conn:
        schema.ensure_tables(conn, CATALOG.declared_layouts())
    return path


def count(path: Path, table: str) -> int:
    with opened(path, read_only=True, wait_s=1) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_the_same_event_lands_once_in_the_raw_and_the_typed_table(store: Path) -> None:
    first, second = submitted("a"), submitted("b")
    with opened(store, read_only=False, wait_s=1) as conn:
        assert land(conn, [first, first, second], [], [], NOW).events == 2
        again = land(conn, [second, first], [], [], NOW)
    assert (again.events, again.duplicates) == (0, 2)
    assert count(store, "events") == 2
    assert count(store, "application_v1.application_submitted") == 2


def test_a_batch_lands_whole_or_not_at_all(store: Path) -> None:
    good, bad = submitted("a"), submitted("b")
    assert bad.typed is not None
    broken = dataclasses.replace(bad, typed=("not-a-uuid", *bad.typed[1:]))  # fails in DuckDB
    with opened(store, read_only=False, wait_s=1) as conn, pytest.raises(duckdb.Error):
        land(conn, [good, broken], [], [], NOW)
    assert count(store, "events") == 0
    assert count(store, "application_v1.application_submitted") == 0


def test_records_without_an_event_id_are_kept_once_by_their_place(store: Path) -> None:
    record = UnkeyedRecord(topics.LISTING, 0, 5, "k", "{}", b"x", "no event id")
    with opened(store, read_only=False, wait_s=1) as conn:
        assert land(conn, [], [record], [], NOW).others == 1
        assert land(conn, [], [record], [], NOW).others == 0
    assert count(store, "unkeyed_records") == 1


def test_a_message_that_gains_a_field_gains_a_column(store: Path) -> None:
    column = Column("extra_note", "VARCHAR", ("extra_note",), ColumnKind.SCALAR, (False,))
    layout = TableLayout("scratch.v1.Thing", "scratch_v1", "thing", ())
    with opened(store, read_only=False, wait_s=1) as conn:
        schema.ensure_typed_table(conn, layout)
        schema.ensure_typed_table(conn, dataclasses.replace(layout, columns=(column,)))
        names = [r[0] for r in conn.execute("DESCRIBE scratch_v1.thing").fetchall()]
    assert names == ["event_id", "occurred_at", "aggregate_id", "extra_note"]


def test_a_reset_drops_every_table_it_made(store: Path) -> None:
    with opened(store, read_only=False, wait_s=1) as conn:
        land(conn, [submitted()], [], [], NOW)
        schema.drop_everything(conn)
        schema.ensure_tables(conn, CATALOG.declared_layouts())
    assert count(store, "events") == 0
    assert count(store, "application_v1.application_submitted") == 0


def test_a_reader_waits_while_another_process_writes(store: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"c = duckdb.connect({str(store)!r})\n"
            "print('held', flush=True)\n"
            "time.sleep(float(sys.argv[1]))\n",
            "1.5",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy), opened(store, read_only=True, wait_s=0.2):
            pass
        with opened(store, read_only=True, wait_s=20) as conn:  # after the writer let go
            assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
    finally:
        holder.kill()
        holder.wait()


def test_a_missing_store_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing), opened(tmp_path / "none.duckdb", read_only=True, wait_s=0):
        pass


def test_a_store_without_the_tables_the_report_reads_says_to_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with opened(path, read_only=False, wait_s=1) as conn:
        schema.ensure_tables(conn, [])  # made before any event type had a table
    ctx = Context.from_settings(AnalyticsSettings(env="test", analytics_db=path))
    with pytest.raises(StoreOutdated, match="rebuild"):
        queries.report(ctx)
