"""Operations: liveness, readiness (the database and every service behind the
gateway) and Prometheus metrics."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request, Response
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from stint_gateway.dependencies import State
from stint_gateway.http.metrics import HttpMetrics
from stint_gateway.http.problems import ProblemError, problem_responses
from stint_gateway.state import Downstream
from stint_runtime.db import database_is_healthy

router = APIRouter(tags=["operations"])

CHECK_TIMEOUT_S = 2.0


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("/healthz", summary="The process is up")
async def healthz() -> Health:
    return Health(status="ok")


async def _serving(downstream: Downstream) -> bool:
    stub: Any = health_pb2_grpc.HealthStub(downstream.channel)
    try:
        reply = await stub.Check(
            health_pb2.HealthCheckRequest(service=downstream.service), timeout=CHECK_TIMEOUT_S
        )
    except Exception:
        return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


@router.get(
    "/readyz",
    summary="The database and every service behind the gateway answer",
    responses=problem_responses(503),
)
async def readyz(state: State) -> Readiness:
    names = ["database", *(d.name for d in state.downstreams)]
    results = await asyncio.gather(
        database_is_healthy(state.pool), *(_serving(d) for d in state.downstreams)
    )
    checks = {name: "ok" if ok else "down" for name, ok in zip(names, results, strict=True)}
    down = [name for name, result in checks.items() if result != "ok"]
    if down:
        raise ProblemError(
            503,
            f"Not ready: {', '.join(down)} down.",
            title="Not ready",
            extra={"checks": checks},
        )
    return Readiness(status="ok", checks=checks)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    registry = request.app.state.metrics
    assert isinstance(registry, HttpMetrics)
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
