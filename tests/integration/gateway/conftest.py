"""The listing service and the gateway started for real, in this process: the
listing service's gRPC server on a free port, the gateway under uvicorn on a free
127.0.0.1 port, both on the test infrastructure's Postgres and broker."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import pytest
import uvicorn

from stint_gateway.app import create_app
from stint_gateway.settings import GatewaySettings
from stint_listing.main import build_spec
from stint_listing.settings import ListingSettings
from stint_runtime.service import RunningService, start_service
from tests.integration.conftest import SettingsFactory

JWT_SECRET = "integration-test-jwt-secret-of-enough-length"


@dataclass
class ListingProcess:
    """The running listing service; a test may stop it (readiness)."""

    running: RunningService
    stopped: bool = False

    async def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            await self.running.stop()


@dataclass(frozen=True)
class Gateway:
    base_url: str
    settings: GatewaySettings


@pytest.fixture(scope="module")
async def listing_service(service_settings: SettingsFactory) -> AsyncIterator[ListingProcess]:
    base = service_settings("listing")
    running = await start_service(build_spec(ListingSettings(**base.model_dump())))
    # Joined before any test runs: a member stopped in the middle of its first join
    # would hold up the next module's member until the group's rebalance timeout.
    await _wait_for(lambda: all(c.assigned for c in running.consumers), "partitions")
    process = ListingProcess(running)
    yield process
    await process.stop()


async def _wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the listing service got no {what} within {timeout_s}s")
        await asyncio.sleep(0.05)


async def _serve(server: uvicorn.Server, timeout_s: float = 30.0) -> asyncio.Task[None]:
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if task.done():
            task.result()  # start-up failed: raise its error here
            raise AssertionError("the gateway stopped during start-up")
        if time.monotonic() > deadline:
            raise AssertionError(f"the gateway did not start within {timeout_s}s")
        await asyncio.sleep(0.02)
    return task


@pytest.fixture(scope="module")
async def gateway(
    service_settings: SettingsFactory, listing_service: ListingProcess
) -> AsyncIterator[Gateway]:
    base = service_settings("gateway")
    settings = GatewaySettings(
        **{
            **base.model_dump(),
            "listing_addr": f"127.0.0.1:{listing_service.running.grpc_port}",
            "application_addr": "",
            "jwt_secret": JWT_SECRET,
            "http_port": 0,
        }
    )
    config = uvicorn.Config(
        create_app(settings, own_logging=False),
        host="127.0.0.1",
        port=0,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    task = await _serve(server)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield Gateway(f"http://127.0.0.1:{port}", settings)
    server.should_exit = True
    await asyncio.wait_for(task, 30)


@pytest.fixture
async def client(gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http:
        yield http
