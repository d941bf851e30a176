"""A local webhook receiver: a real HTTP server (uvicorn) on 127.0.0.1 that keeps every
request it gets and answers with the status codes a test lines up (200 once they run
out)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.types import Receive, Scope, Send

from tests.waiting import eventually

__all__ = ["Received", "Receiver", "serving_receiver"]


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float
    """time.monotonic() when it arrived."""
    answered: int


@dataclass
class Receiver:
    answers: list[int] = field(default_factory=list)
    """Status codes to answer with, first to last."""
    received: list[Received] = field(default_factory=list)
    base_url: str = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status = self.answers.pop(0) if self.answers else 200
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.received.append(Received(scope["path"], headers, body, time.monotonic(), status))
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    def at(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]


class _Server(uvicorn.Server):
    """Leaves the process's signal handlers alone: they belong to the gateway under
    test (whose SSE streams close when its own server is told to exit)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@asynccontextmanager
async def serving_receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    config = uvicorn.Config(
        receiver, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="off"
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve())
    await eventually(lambda: server.started, "the webhook receiver to listen")
    port = server.servers[0].sockets[0].getsockname()[1]
    receiver.base_url = f"http://127.0.0.1:{port}"
    try:
        yield receiver
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
