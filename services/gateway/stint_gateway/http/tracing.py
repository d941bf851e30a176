"""A SERVER span per HTTP request, joined to the caller's trace when the request
carries ``traceparent``. gRPC calls and outbox rows made while it is current carry
the same trace id."""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stint_gateway.http.routing import route_template
from stint_runtime import telemetry

# The W3C trace context and baggage headers: all the propagators read.
_PROPAGATED = frozenset({b"traceparent", b"tracestate", b"baggage"})


class TracingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._tracer = telemetry.tracer("stint.gateway.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope["headers"]
            if name in _PROPAGATED
        }
        method = scope["method"]
        with self._tracer.start_as_current_span(
            method,
            context=telemetry.extract(carrier),
            kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "url.path": scope["path"]},
        ) as span:
            status = 500

            async def record_status(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = int(message["status"])
                await send(message)

            try:
                await self.app(scope, receive, record_status)
            finally:
                _finish(span, scope, method, status)


def _finish(span: trace.Span, scope: Scope, method: str, status: int) -> None:
    route = route_template(scope)
    span.update_name(f"{method} {route}")
    span.set_attribute("http.route", route)
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))
