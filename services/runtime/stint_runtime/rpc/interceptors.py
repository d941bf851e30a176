"""Server interceptor: caller identity from metadata, the access the method's contract
declares (``stint.common.v1.access``: its roles, checked before the servicer runs), a
server span joined to the caller's trace, and domain errors mapped to status codes
(never a stack trace out). Unary calls and server streams alike."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast

import grpc
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from stint_runtime import identity, telemetry
from stint_runtime.contract import Access, method_access
from stint_runtime.errors import DomainError
from stint_runtime.rpc.errors import status_for, trailing_metadata_for

log = logging.getLogger(__name__)

Context = grpc.aio.ServicerContext[Any, Any]
Behavior = Callable[[Any, Context], Awaitable[Any]]
StreamBehavior = Callable[[Any, Context], AsyncIterator[Any]]


class ServiceInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, internal_secret: str) -> None:
        self._secret = internal_secret
        self._tracer = telemetry.tracer("stint.grpc.server")

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(details)
        method = details.method
        if handler is None or method.startswith(("/grpc.health", "/grpc.reflection")):
            return handler
        metadata = {k: v for k, v in (details.invocation_metadata or ()) if isinstance(v, str)}
        try:
            access = method_access(method)
        except KeyError:  # a servicer outside the contracts declares nothing
            access = None
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._unary(method, metadata, access, cast(Behavior, handler.unary_unary)),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            stream = cast(StreamBehavior, handler.unary_stream)
            return grpc.unary_stream_rpc_method_handler(
                self._stream(method, metadata, access, stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _unary(
        self, method: str, metadata: dict[str, str], access: Access | None, behavior: Behavior
    ) -> Behavior:
        async def wrapped(request: Any, context: Context) -> Any:
            async with self._serving(method, metadata, access, context):
                return await behavior(request, context)

        return wrapped

    def _stream(
        self,
        method: str,
        metadata: dict[str, str],
        access: Access | None,
        behavior: StreamBehavior,
    ) -> StreamBehavior:
        async def wrapped(request: Any, context: Context) -> AsyncIterator[Any]:
            async with self._serving(method, metadata, access, context):
                async for item in behavior(request, context):
                    yield item

        return wrapped

    @contextlib.asynccontextmanager
    async def _serving(
        self, method: str, metadata: dict[str, str], access: Access | None, context: Context
    ) -> AsyncIterator[None]:
        """The caller set and admitted, a server span current, and every failure of the
        call answered with its status code."""
        token = otel_context.attach(telemetry.extract(metadata))
        caller = identity.from_metadata(metadata, self._secret)
        identity.set_current_caller(caller)
        try:
            with self._tracer.start_as_current_span(
                method.lstrip("/"), kind=SpanKind.SERVER, attributes={"rpc.system": "grpc"}
            ) as span:
                try:
                    refusal = access.refusal(caller) if access is not None else None
                    if refusal is not None:
                        raise refusal
                    yield
                except DomainError as exc:
                    code = status_for(exc)
                    span.set_attribute("rpc.grpc.status_code", code.value[0])
                    context.set_trailing_metadata(trailing_metadata_for(exc))
                    await context.abort(code, exc.message)
                except (grpc.aio.AbortError, grpc.RpcError):
                    raise
                except Exception as exc:
                    log.exception("unhandled error in %s", method)
                    span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
                    await context.abort(grpc.StatusCode.INTERNAL, "internal error")
        finally:
            identity.set_current_caller(None)
            otel_context.detach(token)


def current_span_context() -> trace.SpanContext:
    return trace.get_current_span().get_span_context()
