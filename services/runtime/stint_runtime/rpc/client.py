"""gRPC clients: every call carries a deadline, the caller's signed identity and the
trace context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc

from stint_runtime import identity, telemetry

DEFAULT_DEADLINE_S = 5.0


def _details(
    details: grpc.aio.ClientCallDetails, secret: str, deadline_s: float | None
) -> grpc.aio.ClientCallDetails:
    """``details`` with the caller's signed identity, the trace context and, when the
    call names none, the deadline ``deadline_s`` (None: no deadline)."""
    metadata = grpc.aio.Metadata(*(details.metadata or ()))
    for key, value in identity.to_metadata(identity.current_caller(), secret):
        metadata.add(key, value)
    for key, value in telemetry.inject().items():
        metadata.add(key, value)
    return grpc.aio.ClientCallDetails(
        method=details.method,
        timeout=details.timeout if details.timeout is not None else deadline_s,
        metadata=metadata,
        credentials=details.credentials,
        wait_for_ready=details.wait_for_ready,
    )


class _UnaryInterceptor(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self, internal_secret: str, deadline_s: float) -> None:
        self._secret = internal_secret
        self._deadline_s = deadline_s

    async def intercept_unary_unary(
        self,
        continuation: Callable[[grpc.aio.ClientCallDetails, Any], Any],
        details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        return await continuation(_details(details, self._secret, self._deadline_s), request)


class _StreamInterceptor(grpc.aio.UnaryStreamClientInterceptor):
    """Server streams (a live feed) carry identity and traces too, but no default
    deadline: they last as long as the caller listens."""

    def __init__(self, internal_secret: str) -> None:
        self._secret = internal_secret

    async def intercept_unary_stream(
        self,
        continuation: Callable[[grpc.aio.ClientCallDetails, Any], Any],
        details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        return await continuation(_details(details, self._secret, None), request)


def open_channel(
    address: str, internal_secret: str, *, deadline_s: float = DEFAULT_DEADLINE_S
) -> grpc.aio.Channel:
    """An insecure channel inside the cluster (mTLS belongs to the mesh)."""
    return grpc.aio.insecure_channel(
        address,
        interceptors=[
            _UnaryInterceptor(internal_secret, deadline_s),
            _StreamInterceptor(internal_secret),
        ],
        options=[("grpc.keepalive_time_ms", 30_000)],
    )
