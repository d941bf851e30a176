"""Live streams as Server-Sent Events (``text/event-stream``, sse-starlette): an event
per item with ``id:`` (what a reconnecting client sends back as ``Last-Event-ID``),
heartbeat comments so that proxies keep the connection open, and an end when the
server shuts down. The items come from a gRPC server stream that is opened again
after the last id sent whenever it breaks (a service replica went away), so the
client sees neither a gap nor a repeat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import anyio
import grpc
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.requests import Request

from stint_gateway.http.problems import FieldProblem, validation_problem
from stint_runtime.backoff import Backoff

__all__ = ["last_event_id", "live_response", "resuming"]

log = logging.getLogger(__name__)

T = TypeVar("T")

SHUTDOWN_GRACE_S = 2.0
"""On shutdown, streams end cleanly within this long (less than the server's own
graceful-shutdown timeout)."""
RECONNECT_MS = 3000
"""How long a browser waits before it reconnects by itself (``retry:``)."""
_FINAL = (
    grpc.StatusCode.UNAUTHENTICATED,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
)


def last_event_id(request: Request) -> int | None:
    """The ``Last-Event-ID`` a reconnecting client sends; None without one. Anything
    but a non-negative whole number is not an id this stream gave out (422)."""
    header = request.headers.get("last-event-id")
    if header is None or not header.strip():
        return None
    text = header.strip()
    if not text.isdigit() or len(text) > 19:
        raise validation_problem(
            [FieldProblem(loc=["header", "Last-Event-ID"], msg="not an event id of this stream")]
        )
    return int(text)


async def resuming(
    open_stream: Callable[[int], grpc.aio.UnaryStreamCall[Any, T]],
    after: int,
    position: Callable[[T], int],
    encode: Callable[[T], ServerSentEvent],
) -> AsyncIterator[ServerSentEvent]:
    """Every item after ``after``, for as long as the client listens: the stream is
    opened again, after the last position sent, whenever it ends or fails for a reason
    that may pass (the service restarting, a replica going away)."""
    yield ServerSentEvent(comment="connected", retry=RECONNECT_MS)
    backoff = Backoff()
    while True:
        call = open_stream(after)
        try:
            async for item in call:
                backoff.reset()
                after = position(item)
                yield encode(item)
        except grpc.aio.AioRpcError as error:
            if error.code() in _FINAL:
                log.info("live stream refused", extra={"code": error.code().name})
                return
            log.warning("live stream broke; resuming", extra={"code": error.code().name})
        finally:
            call.cancel()
        await asyncio.sleep(backoff.next_delay())


async def _until(
    shutdown: anyio.Event, events: AsyncIterator[ServerSentEvent]
) -> AsyncIterator[ServerSentEvent]:
    """``events`` until the server shuts down; then a last comment and a proper end of
    the response, so that the client sees a closed stream, not a broken one, and
    reconnects (to another replica) after ``retry:``."""
    iterator = aiter(events)
    stopping = asyncio.ensure_future(shutdown.wait())
    try:
        while True:
            step = asyncio.ensure_future(anext(iterator))
            await asyncio.wait({step, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not step.done():
                step.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                    await step
                yield ServerSentEvent(comment="the server is shutting down: reconnect")
                return
            try:
                item = step.result()
            except StopAsyncIteration:
                return
            yield item
    finally:
        stopping.cancel()


def live_response(
    events: AsyncIterator[ServerSentEvent], heartbeat_s: float
) -> EventSourceResponse:
    shutdown = anyio.Event()
    return EventSourceResponse(
        _until(shutdown, events),
        ping=heartbeat_s,
        headers={"Cache-Control": "no-store"},
        shutdown_event=shutdown,
        shutdown_grace_period=SHUTDOWN_GRACE_S,
    )
