"""A grpc.aio server with the standard health service (whose status follows the
service's real dependencies), reflection and the service interceptor."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from stint_runtime.rpc.interceptors import ServiceInterceptor

log = logging.getLogger(__name__)

HealthCheck = Callable[[], Awaitable[bool]]
# Liveness: SERVING whenever the process serves, so that a dependency outage takes a pod
# out of rotation (readiness: "" and each service name) without restarting it.
LIVENESS_SERVICE = "stint.liveness"
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class GrpcServer:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        internal_secret: str,
        service_names: Sequence[str],
        checks: Sequence[HealthCheck],
        check_interval_s: float = 2.0,
    ) -> None:
        self.server = grpc.aio.server(interceptors=[ServiceInterceptor(internal_secret)])
        self._address = f"{host}:{port}"
        self._service_names = list(service_names)
        self._checks = list(checks)
        self._interval = check_interval_s
        self._health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self.server)
        reflection.enable_server_reflection(
            [*self._service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self.server
        )
        self._watch: asyncio.Task[None] | None = None
        self.port = 0

    async def start(self) -> int:
        self.port = self.server.add_insecure_port(self._address)
        await self.server.start()
        await self._health.set(LIVENESS_SERVICE, SERVING)
        await self._update_health()
        self._watch = asyncio.create_task(self._watch_health(), name="grpc-health")
        log.info("grpc server listening", extra={"port": self.port})
        return self.port

    async def _update_health(self) -> None:
        results = await asyncio.gather(*(check() for check in self._checks))
        status = SERVING if all(results) else NOT_SERVING
        for name in ["", *self._service_names]:
            await self._health.set(name, status)

    async def _watch_health(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self._update_health()
            except Exception:
                log.exception("health check failed")

    async def stop(self, grace_s: float) -> None:
        """Refuse new calls, let running ones finish within ``grace_s``."""
        if self._watch:
            self._watch.cancel()
        await self._health.enter_graceful_shutdown()
        await self.server.stop(grace_s)
