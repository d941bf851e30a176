"""The live stream through the gateway (``text/event-stream``): a new notification
arrives within 2 s, each event's ``id:`` is its sequence, a reconnect with
``Last-Event-ID`` gets exactly the missed ones (also through another gateway replica),
heartbeat comments keep it open, and it ends cleanly when the gateway shuts down."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent, aconnect_sse

from stint_runtime.service import RunningService
from tests.integration.conftest import SettingsFactory
from tests.integration.gateway.api import Account, Api
from tests.integration.notification.conftest import notices
from tests.integration.platform import Gateway, serving_gateway

STREAM = "/v1/me/notifications/stream"


async def _next(events: AsyncIterator[ServerSentEvent], timeout_s: float = 10) -> ServerSentEvent:
    """The next notification event (the greeting that only sets ``retry:`` is skipped)."""
    async with asyncio.timeout(timeout_s):
        async for event in events:
            if event.event == "notification":
                return event
    raise AssertionError("the stream ended")


async def _applicant(api: Api, listing_id: str) -> str:
    student = await api.sign_up("student")
    return await api.apply(student, listing_id)


async def test_live_within_two_seconds_and_resumed_exactly(
    public_api: Api,
    gateway: Gateway,
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    notification_service: RunningService,
) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    listing = await api.open_listing(owner)
    await _applicant(api, listing["id"])  # the listing is known everywhere from now on
    await notices(api, owner, "application.submitted")

    async with aconnect_sse(api.http, "GET", STREAM, headers=owner.auth) as source:
        assert source.response.headers["content-type"].startswith("text/event-stream")
        events = source.aiter_sse()
        greeting = await anext(events)
        assert greeting.retry == 3000
        started = time.monotonic()
        application_id = await _applicant(api, listing["id"])
        live = await _next(events)
        assert time.monotonic() - started < 2.0
    body = json.loads(live.data)
    assert live.id == str(body["sequence"])
    assert body["type"] == "application.submitted"
    assert body["data"]["application_id"] == application_id

    missed = [await _applicant(api, listing["id"]) for _ in range(3)]
    await notices(api, owner, "application.submitted", 5)
    # Another gateway replica resumes it: the position is the service's, not the gateway's.
    async with (
        serving_gateway(
            service_settings,
            listing=listing_service.grpc_port,
            application=application_service.grpc_port,
            notification=notification_service.grpc_port,
        ) as replica,
        httpx.AsyncClient(base_url=replica.base_url, timeout=15) as other,
    ):
        headers = {**owner.auth, "Last-Event-ID": live.id}
        async with aconnect_sse(other, "GET", STREAM, headers=headers) as source:
            events = source.aiter_sse()
            resumed = [await _next(events) for _ in missed]
            assert [json.loads(e.data)["data"]["application_id"] for e in resumed] == missed
            ids = [int(e.id) for e in resumed]
            assert ids == sorted(ids) and ids[0] > int(live.id) and len(set(ids)) == 3
            newest = await _applicant(api, listing["id"])
            after = await _next(events)
            assert json.loads(after.data)["data"]["application_id"] == newest
            assert int(after.id) > ids[-1]


async def test_who_may_follow(public_api: Api) -> None:
    api = public_api
    reply = await api.http.get(STREAM)
    assert reply.status_code == 401
    student = await api.sign_up("student")
    bad = await api.http.get(STREAM, headers={**student.auth, "Last-Event-ID": "yesterday"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["header", "Last-Event-ID"]


async def test_heartbeats_keep_it_open(
    public_api: Api, gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway.settings, "sse_heartbeat_s", 0.3)
    student = await public_api.sign_up("student")
    comments: list[str] = []
    async with public_api.http.stream("GET", STREAM, headers=student.auth) as response:
        assert response.status_code == 200
        async with asyncio.timeout(5):
            async for line in response.aiter_lines():
                if line.startswith(":") and "ping" in line:
                    comments.append(line)
                    if len(comments) == 2:
                        break
    assert len(comments) == 2


async def test_the_stream_ends_when_the_gateway_shuts_down(
    service_settings: SettingsFactory,
    listing_service: RunningService,
    application_service: RunningService,
    notification_service: RunningService,
    public_api: Api,
) -> None:
    student: Account = await public_api.sign_up("student")
    stack = contextlib.AsyncExitStack()
    replica = await stack.enter_async_context(
        serving_gateway(
            service_settings,
            listing=listing_service.grpc_port,
            application=application_service.grpc_port,
            notification=notification_service.grpc_port,
        )
    )
    ended: Any = None
    try:
        async with httpx.AsyncClient(base_url=replica.base_url, timeout=15) as http:
            async with aconnect_sse(http, "GET", STREAM, headers=student.auth) as source:
                events = source.aiter_sse()
                assert (await anext(events)).retry == 3000
                closing = asyncio.create_task(stack.aclose())
                started = time.monotonic()
                async with asyncio.timeout(10):
                    async for _ in events:
                        pass
                ended = time.monotonic() - started
            await asyncio.wait_for(closing, 30)
    finally:
        await stack.aclose()
    assert ended is not None and ended < 5.0
