"""Operations: the OpenAPI document, metrics, liveness and readiness."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from stint_runtime.service import RunningService
from tests.integration.conftest import SettingsFactory
from tests.integration.gateway.api import (
    assert_problem,
)
from tests.integration.platform import serving_gateway, start_listing


async def test_openapi_and_metrics(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["info"] == {
        "title": "Stint API",
        "version": "v1",
        "description": document["info"]["description"],
    }
    assert {"/v1/auth/register", "/v1/listings/{listing_id}/publish"} <= document["paths"].keys()
    assert (await client.get("/docs")).status_code == 200

    publish = 'stint_http_requests_total{method="POST",route="/v1/listings/{listing_id}/publish",'
    publish += 'status="401"}'
    before = _counted(await client.get("/metrics"), publish)
    await client.get(f"/v1/listings/{uuid.uuid4()}")
    replay = {"Idempotency-Key": str(uuid.uuid4())}
    for _ in range(2):
        await client.post(f"/v1/listings/{uuid.uuid4()}/publish", headers=replay)
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert (
        'stint_http_requests_total{method="GET",route="/v1/listings/{listing_id}",status="404"}'
        in metrics.text
    )
    assert "stint_http_request_duration_seconds_bucket" in metrics.text
    # A replayed response is counted under its route too.
    assert _counted(metrics, publish) == before + 2


def _counted(metrics: httpx.Response, series: str) -> float:
    """The value of one series of the metrics text (0 when absent)."""
    for line in metrics.text.splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    return 0.0


@pytest.fixture(scope="module")
async def lone_listing(service_settings: SettingsFactory) -> AsyncIterator[RunningService]:
    """A listing service of this module's own (its test stops it) in front of no
    application service."""
    running = await start_listing(service_settings)
    yield running
    with contextlib.suppress(Exception):
        await running.stop()


@pytest.fixture(scope="module")
async def lone_gateway(
    service_settings: SettingsFactory, lone_listing: RunningService
) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        serving_gateway(service_settings, listing=lone_listing.grpc_port) as gateway,
        httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http,
    ):
        yield http


async def test_readiness_follows_the_listing_service(
    lone_gateway: httpx.AsyncClient, lone_listing: RunningService
) -> None:
    client = lone_gateway
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "listing": "ok"}

    await lone_listing.stop()
    not_ready = assert_problem(await client.get("/readyz"), 503)
    assert not_ready["checks"] == {"database": "ok", "listing": "down"}
    assert_problem(await client.get(f"/v1/listings/{uuid.uuid4()}"), 503)
    assert (await client.get("/healthz")).status_code == 200
