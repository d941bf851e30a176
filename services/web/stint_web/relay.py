"""The live notifications, relayed: the gateway's stream needs the bearer token, which
the browser never sees, so the web app opens it with the session's token and passes its
events through unchanged to the page's EventSource on this origin. ``Last-Event-ID``
is passed on, so that a reconnecting browser misses nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi.responses import StreamingResponse

from stint_web.gateway import ApiProblem, GatewayClient

__all__ = ["relayed_stream"]

STREAM = "/v1/me/notifications/stream"


async def _events(
    gateway: GatewayClient, token: str, last_event_id: str | None
) -> AsyncIterator[bytes]:
    headers = {"accept": "text/event-stream"}
    if last_event_id:
        headers["last-event-id"] = last_event_id
    # The first bytes go out at once, so that the browser counts the stream as open.
    yield b"retry: 3000\n: relayed\n\n"
    try:
        async with gateway.stream(STREAM, token, headers) as response:
            async for chunk in response.aiter_raw():
                yield chunk
    except (ApiProblem, httpx.HTTPError):
        # The stream ends; the browser reconnects (with its Last-Event-ID) in a while.
        return


def relayed_stream(
    gateway: GatewayClient, token: str, last_event_id: str | None
) -> StreamingResponse:
    return StreamingResponse(
        _events(gateway, token, last_event_id),
        media_type="text/event-stream",
        headers={"x-accel-buffering": "no"},
    )
