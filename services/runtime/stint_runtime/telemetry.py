"""OpenTelemetry: one trace from the gateway's HTTP request through gRPC, the database,
the outbox and Kafka to every consumer. W3C trace context travels in gRPC metadata and
in Kafka headers. Spans are exported over OTLP when an endpoint is configured."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanContext, TraceFlags
from opentelemetry.util.types import AttributeValue

_configured = False


def setup_tracing(service_name: str, otlp_endpoint: str = "") -> None:
    """Install the tracer provider once per process."""
    global _configured
    if _configured:
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint, insecure=True))
        )
    trace.set_tracer_provider(provider)
    _configured = True


def tracer(name: str) -> trace.Tracer:
    return trace.get_tracer(name)


def inject(carrier: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """The current trace context as ``traceparent`` (and ``tracestate``) entries."""
    out: dict[str, str] = dict(carrier or {})
    propagate.inject(out)
    return out


def extract(carrier: Mapping[str, str]) -> otel_context.Context:
    return propagate.extract(dict(carrier))


def span_context_of(carrier: Mapping[str, str]) -> SpanContext | None:
    """The span a W3C ``traceparent`` names, read directly (no propagator, no context):
    what a batch's span links to, once per event."""
    parts = carrier.get("traceparent", "").split("-")
    if len(parts) != 4 or len(parts[1]) != 32 or len(parts[2]) != 16:
        return None
    try:
        found = SpanContext(
            trace_id=int(parts[1], 16),
            span_id=int(parts[2], 16),
            is_remote=True,
            trace_flags=TraceFlags(int(parts[3], 16)),
        )
    except ValueError:
        return None
    return found if found.is_valid else None


def kafka_message_attributes(
    operation: str, topic: str, partition: int, message_id: str
) -> dict[str, AttributeValue]:
    """OpenTelemetry's messaging attributes of one Kafka message, the same on the
    relay's publish span and on each consumer's process span of that event."""
    return {
        "messaging.system": "kafka",
        "messaging.operation.type": operation,
        "messaging.destination.name": topic,
        "messaging.destination.partition.id": str(partition),
        "messaging.message.id": message_id,
    }


def current_trace_id() -> str | None:
    ctx = trace.get_current_span().get_span_context()
    return format(ctx.trace_id, "032x") if ctx.is_valid else None
