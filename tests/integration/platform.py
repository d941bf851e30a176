"""The platform's services started for real in the test process, for the test packages
that drive them: each on the session's Postgres and broker, gRPC on a free port, the
gateway under uvicorn on a free 127.0.0.1 port. A service is handed over once its
consumers have their partitions (a member stopped in the middle of its first join
would hold up the next package's member until the group's rebalance timeout)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn

from stint_application.main import build_spec as application_spec
from stint_application.settings import ApplicationSettings
from stint_gateway.app import create_app
from stint_gateway.lifespan import SERVICES
from stint_gateway.settings import GatewaySettings
from stint_listing.main import build_spec as listing_spec
from stint_listing.settings import ListingSettings
from stint_runtime.service import RunningService, start_service
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.waiting import eventually

JWT_SECRET = "integration-test-jwt-secret-of-enough-length"


async def joined(running: RunningService) -> RunningService:
    """``running``, once every consumer of it has partitions."""
    name = running.spec.settings.service_name
    await eventually(
        lambda: all(c.assigned for c in running.consumers), f"{name}'s consumers to join"
    )
    return running


async def start_listing(service_settings: SettingsFactory, **overrides: Any) -> RunningService:
    settings = ListingSettings(**{**service_settings("listing").model_dump(), **overrides})
    return await joined(await start_service(listing_spec(settings)))


def application_settings(
    service_settings: SettingsFactory, **overrides: Any
) -> ApplicationSettings:
    # Sweeps every 0.2 s: the deadline tests wait for the job, not for a timer; an
    # application to a listing never heard of is answered after 1.5 s rather than 3.
    values: dict[str, Any] = {
        **service_settings("application").model_dump(),
        "sweep_interval_s": 0.2,
        "unknown_listing_wait_s": 1.5,
    }
    return ApplicationSettings(**{**values, **overrides})


async def start_application(
    service_settings: SettingsFactory, clock: MovableClock, **overrides: Any
) -> RunningService:
    settings = application_settings(service_settings, **overrides)
    return await joined(await start_service(application_spec(settings, clock)))


@dataclass(frozen=True)
class Gateway:
    base_url: str
    settings: GatewaySettings


@asynccontextmanager
async def serving_gateway(
    service_settings: SettingsFactory, **ports: int | None
) -> AsyncIterator[Gateway]:
    """The gateway in front of the services whose gRPC ports are given by name
    (``listing=..., application=...``); every other service is not deployed for it."""
    addresses = {
        f"{name}_addr": f"127.0.0.1:{ports[name]}" if ports.get(name) else "" for name in SERVICES
    }
    unknown = set(ports) - set(SERVICES)
    assert not unknown, f"no such services: {unknown}"
    settings = GatewaySettings(
        **{
            **service_settings("gateway").model_dump(),
            **addresses,
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
    task = asyncio.create_task(server.serve())

    def started() -> bool:
        if task.done():
            task.result()  # start-up failed: raise its error here
            raise AssertionError("the gateway stopped during start-up")
        return server.started

    await eventually(started, "the gateway to accept connections", timeout_s=30)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Gateway(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)
