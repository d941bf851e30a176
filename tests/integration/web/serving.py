"""The web app under uvicorn in the test process, on a free 127.0.0.1 port, in front
of the test session's gateway; ``restart()`` stops it and starts a new one on the same
port (a deploy, as far as the browser can tell)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn

from stint_web.app import create_app
from stint_web.settings import WebSettings
from tests.waiting import eventually


async def _start(settings: WebSettings, port: int) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())

    def started() -> bool:
        if task.done():
            task.result()
            raise AssertionError("the web app stopped during start-up")
        return server.started

    await eventually(started, "the web app to accept connections", timeout_s=30)
    return server, task


async def _stop(server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    server.should_exit = True
    # Live streams (the notification relay) would hold a graceful stop open.
    server.force_exit = True
    await asyncio.wait_for(task, 30)


@dataclass
class WebApp:
    settings: WebSettings
    port: int
    _running: tuple[uvicorn.Server, asyncio.Task[None]] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def restart(self) -> None:
        assert self._running is not None
        await _stop(*self._running)
        self._running = await _start(self.settings, self.port)


@asynccontextmanager
async def serving_web(settings: WebSettings) -> AsyncIterator[WebApp]:
    server, task = await _start(settings, 0)
    port = server.servers[0].sockets[0].getsockname()[1]
    app = WebApp(settings, port, (server, task))
    try:
        yield app
    finally:
        if app._running is not None:
            await _stop(*app._running)
