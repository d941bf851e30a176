"""The relay publishes an enqueued event with the whole envelope, in the trace of the
request that enqueued it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from stint.listing.v1 import events_pb2
from stint_runtime import telemetry
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.outbox_events import PUBLISHED, enqueue, listing_published
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually

ENVELOPE = {
    "event_id",
    "event_type",
    "occurred_at",
    "producer",
    "aggregate_id",
    "schema_version",
    "traceparent",
}


async def test_an_event_arrives_with_its_envelope_in_the_enqueuing_trace(
    migrated: ServiceSettings,
    pool: asyncpg.Pool,
    topic: str,
    relay: OutboxRelay,
    spans: InMemorySpanExporter,
) -> None:
    listing_id = "lst-envelope-1"
    event = listing_published(listing_id, version=3)
    with telemetry.tracer("test").start_as_current_span("publish listing request") as request:
        event_id = await enqueue(pool, migrated, topic, listing_id, event)
    request_context = request.get_span_context()

    async with TopicReader(migrated.kafka_bootstrap_servers, topic) as reader:
        (record,) = await reader.wait_for(1)

    headers = {k: v.decode() for k, v in record.headers}
    assert set(headers) >= ENVELOPE
    assert record.key == listing_id.encode()
    assert headers["event_id"] == str(event_id)
    assert headers["event_type"] == PUBLISHED
    assert headers["producer"] == migrated.service_name
    assert headers["aggregate_id"] == listing_id
    assert headers["schema_version"] == "1"
    occurred_at = datetime.fromisoformat(headers["occurred_at"])
    assert headers["occurred_at"].endswith("Z")
    assert abs(datetime.now(UTC) - occurred_at) < timedelta(minutes=1)
    assert events_pb2.ListingPublished.FromString(record.value) == event

    _version, trace_id, span_id, _flags = headers["traceparent"].split("-")
    assert trace_id == format(request_context.trace_id, "032x")
    # The header names the event's creation (outbox.enqueue, in the request's trace),
    # which consumers continue; the relay's span of the record batch links to it.
    finished = {s.context.span_id: s for s in spans.get_finished_spans()}
    creation = finished[int(span_id, 16)]
    assert creation.name == "outbox.enqueue"
    assert request_context.span_id in _ancestors(creation, finished)

    def batch_span() -> ReadableSpan | None:
        return next(
            (
                s
                for s in spans.get_finished_spans()
                if s.kind is SpanKind.PRODUCER
                and any(link.context.span_id == creation.context.span_id for link in s.links)
            ),
            None,
        )

    publish = await eventually(batch_span, "the relay's span of the batch")
    assert publish.name == f"publish {topic}"
    assert (publish.attributes or {})["messaging.batch.message_count"] == 1

    async def marked_sent() -> bool:
        row = await pool.fetchrow(
            "SELECT sent_at, attempts FROM outbox WHERE event_id = $1", event_id
        )
        return row is not None and row["sent_at"] is not None and row["attempts"] == 1

    await eventually(marked_sent, "the row to be marked sent", timeout_s=10)
    assert relay.is_leader
    assert await relay.broker_healthy()


def _ancestors(span: ReadableSpan, finished: dict[int, ReadableSpan]) -> list[int]:
    found: list[int] = []
    parent = span.parent
    while parent is not None:
        found.append(parent.span_id)
        above = finished.get(parent.span_id)
        parent = above.parent if above is not None else None
    return found
