"""One trace from the client's HTTP request through the gateway, gRPC, the listing
service's outbox, Kafka and the application service's consumer."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from stint_runtime.service import RunningService
from tests.integration.gateway.api import Api, listing_body
from tests.waiting import eventually

CONSUMER_GROUP = "application.listing-events"


@pytest.fixture
def finished_spans() -> Iterator[InMemorySpanExporter]:
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider), "the services installed the SDK provider"
    exporter = InMemorySpanExporter()
    processor = SimpleSpanProcessor(exporter)
    provider.add_span_processor(processor)
    yield exporter
    processor.shutdown()  # stops exporting; the provider keeps no reference that matters


def _trace(exporter: InMemorySpanExporter, trace_id: int) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.context.trace_id == trace_id]


async def test_publishing_is_one_trace_from_http_to_the_consumer(
    public_api: Api,
    application_service: RunningService,
    finished_spans: InMemorySpanExporter,
) -> None:
    employer = await public_api.sign_up("employer")
    created = await public_api.http.post("/v1/listings", json=listing_body(), headers=employer.auth)
    assert created.status_code == 201, created.text
    trace_id, parent_id = secrets.randbits(128), secrets.randbits(64)
    traceparent = f"00-{trace_id:032x}-{parent_id:016x}-01"
    published = await public_api.http.post(
        f"/v1/listings/{created.json()['id']}/publish",
        headers={**employer.auth, "traceparent": traceparent},
    )
    assert published.status_code == 200, published.text

    async def consumed() -> ReadableSpan | None:
        return next(
            (
                s
                for s in _trace(finished_spans, trace_id)
                if s.kind == SpanKind.CONSUMER
                and (s.attributes or {}).get("messaging.consumer.group.name") == CONSUMER_GROUP
            ),
            None,
        )

    consumer_span = await eventually(consumed, "the application service's consumer span")
    spans = {s.context.span_id: s for s in _trace(finished_spans, trace_id)}

    # Walk from the consumer up to the client's span: every hop is in one trace.
    chain: list[tuple[SpanKind, str]] = []
    span: ReadableSpan | None = consumer_span
    while span is not None:
        chain.append((span.kind, span.name))
        assert span.parent is not None
        if span.parent.span_id == parent_id:
            break
        span = spans.get(span.parent.span_id)
    else:
        pytest.fail(f"the chain broke before reaching the client's span: {chain}")
    kinds = [kind for kind, _ in reversed(chain)]
    names = [name for _, name in reversed(chain)]
    assert kinds[0] == SpanKind.SERVER and names[0].startswith("POST"), names
    assert "stint.listing.v1.ListingService/PublishListing" in names
    assert "outbox.enqueue" in names
    assert kinds[-1] == SpanKind.CONSUMER
    assert names[-1] == "process stint.listing.v1.ListingPublished"
    # The relay's span of the record batch that carried the event links to its creation.
    creation = next(c for c in spans.values() if c.name == "outbox.enqueue")

    def batch_span() -> ReadableSpan | None:
        return next(
            (
                b
                for b in finished_spans.get_finished_spans()
                if b.kind == SpanKind.PRODUCER and b.name == "publish stint.listing.v1"
                and any(link.context.span_id == creation.context.span_id for link in b.links)
            ),
            None,
        )  # fmt: skip

    await eventually(batch_span, "the relay's batch span linked to the event")
