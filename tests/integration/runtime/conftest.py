"""Fixtures for the runtime's event machinery: a migrated throwaway service, its pool
and a fresh topic per test."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from stint_runtime import db, kafka, telemetry
from stint_runtime.db.migrations import migrate
from stint_runtime.settings import ServiceSettings
from stint_runtime.topics import dlq_topic
from tests.integration.infra import TestInfra, unique_name

# A table the tests' handlers write their effects to (no unique key: a second effect
# of one event would show).
EFFECTS_SQL = """CREATE TABLE effects (
    event_id   uuid NOT NULL,
    event_type text NOT NULL,
    listing_id text NOT NULL
);"""


@pytest.fixture
async def migrated(scratch_service: ServiceSettings, tmp_path: Path) -> ServiceSettings:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_effects.sql").write_text(EFFECTS_SQL)
    conn = await db.connect(scratch_service)
    try:
        await migrate(conn, scratch_service.database_schema, folder)
    finally:
        await conn.close()
    return scratch_service


@pytest.fixture
async def pool(migrated: ServiceSettings) -> AsyncIterator[asyncpg.Pool]:
    created = await db.create_pool(migrated)
    yield created
    await created.close()


@pytest.fixture
async def topic(infra: TestInfra) -> AsyncIterator[str]:
    """A fresh topic (and its .dlq), 3 partitions, deleted afterwards: the embedded
    broker keeps everything in memory."""
    name = f"test.{unique_name('events')}.v1"
    await kafka.ensure_topics(infra.bootstrap_servers, [name])
    yield name
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers)
    await admin.start()
    # Tidying only: a leftover topic harms nothing.
    with contextlib.suppress(Exception):
        await admin.delete_topics([name, dlq_topic(name)])
    await admin.close()


class _WhileRecording(SimpleSpanProcessor):
    """Exports only while a test asks for spans, so the rest of the session keeps none."""

    recording = False

    def on_end(self, span: ReadableSpan) -> None:
        if self.recording:
            super().on_end(span)


@pytest.fixture(scope="session")
def _span_recorder() -> Iterator[tuple[_WhileRecording, InMemorySpanExporter]]:
    telemetry.setup_tracing("stint-runtime-tests")
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider)
    exporter = InMemorySpanExporter()
    processor = _WhileRecording(exporter)
    provider.add_span_processor(processor)
    yield processor, exporter
    exporter.shutdown()


@pytest.fixture
def spans(
    _span_recorder: tuple[_WhileRecording, InMemorySpanExporter],
) -> Iterator[InMemorySpanExporter]:
    """The spans finished in this process during the test."""
    processor, exporter = _span_recorder
    processor.recording = True
    yield exporter
    processor.recording = False
    exporter.clear()
