"""``python -m stint_bench.gateway_app``: the gateway app for the gateway benchmark, plus
on the same uvicorn server ``/bench/bare`` from a bare FastAPI app (no middleware at
all) and ``/bench/gateway-bare``, the same handler inside the gateway app (its
middleware, no downstream call). Settings from the environment, as the gateway's."""

from __future__ import annotations

import inspect
from typing import Any

import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from stint_gateway.app import create_app
from stint_gateway.settings import GatewaySettings


def main() -> None:
    settings = GatewaySettings()
    gateway = create_app(settings)
    # Bare: no middleware, and none of the framework's own tracing where it has some.
    quiet: dict[str, Any] = {}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        quiet["telemetry"] = {"tracing": False, "metrics": False, "logs": False}
    bare = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, **quiet)

    async def small_json() -> dict[str, Any]:
        return {"status": "ok", "items": [1, 2, 3], "name": "bare"}

    bare.get("/bench/bare")(small_json)
    gateway.get("/bench/gateway-bare", include_in_schema=False)(small_json)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        target = bare if scope["type"] == "http" and scope["path"] == "/bench/bare" else gateway
        await target(scope, receive, send)

    uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.http_host,
            port=settings.http_port,
            log_config=None,
            access_log=False,
            lifespan="on",
            http="httptools",  # as the gateway serves
            loop="asyncio",
        )
    ).run()


if __name__ == "__main__":
    main()
