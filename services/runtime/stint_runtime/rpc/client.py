"""gRPC clients: every call carries a deadline, the caller's signed identity and the
trace context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc

from stint_runtime import identity, telemetry

DEFAULT_DEADLINE_S = 5.0


class _ClientInterceptor(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self, internal_secret: str, deadline_s: float) -> None:
        self._secret = internal_secret
        self._deadline_s = deadline_s

    async def intercept_unary_unary(
        self,
        continuation: Callable[[grpc.aio.ClientCallDetails, Any], Any],
        details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        for key, value in identity.to_metadata(identity.current_caller(), self._secret):
            metadata.add(key, value)
        for key, value in telemetry.inject().items():
            metadata.add(key, value)
        new_details = grpc.aio.ClientCallDetails(
            method=details.method,
            timeout=details.timeout if details.timeout is not None else self._deadline_s,
            metadata=metadata,
            credentials=details.credentials,
            wait_for_ready=details.wait_for_ready,
        )
        return await continuation(new_details, request)


def open_channel(
    address: str, internal_secret: str, *, deadline_s: float = DEFAULT_DEADLINE_S
) -> grpc.aio.Channel:
    """An insecure channel inside the cluster (mTLS belongs to the mesh)."""
    return grpc.aio.insecure_channel(
        address,
        interceptors=[_ClientInterceptor(internal_secret, deadline_s)],
        options=[("grpc.keepalive_time_ms", 30_000)],
    )
