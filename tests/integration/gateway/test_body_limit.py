"""Request bodies are bounded at the gateway: 413 problem+json, nothing created."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from stint_gateway.http.body_limit import MAX_BODY_BYTES

PROBLEM = "application/problem+json"


def _oversized_registration() -> bytes:
    padding = "x" * (MAX_BODY_BYTES + 1)
    return (
        '{"email": "big@example.com", "password": "long enough password", '
        f'"role": "student", "display_name": "{padding}"}}'
    ).encode()


async def test_a_declared_oversized_body_is_refused(client: httpx.AsyncClient) -> None:
    for headers in ({}, {"Idempotency-Key": "big-body-1"}):
        reply = await client.post(
            "/v1/auth/register",
            content=_oversized_registration(),
            headers={"content-type": "application/json", **headers},
        )
        assert reply.status_code == 413, reply.text
        assert reply.headers["content-type"].startswith(PROBLEM)
        assert reply.json()["status"] == 413


async def test_a_streamed_oversized_body_is_refused(client: httpx.AsyncClient) -> None:
    body = _oversized_registration()

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked upload
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    for headers in ({}, {"Idempotency-Key": "big-body-2"}):
        reply = await client.post(
            "/v1/auth/register",
            content=chunks(),
            headers={"content-type": "application/json", **headers},
        )
        assert reply.status_code == 413, reply.text
        assert reply.headers["content-type"].startswith(PROBLEM)
    token = await client.post(
        "/v1/auth/token", json={"email": "big@example.com", "password": "long enough password"}
    )
    assert token.status_code == 401, "nothing was registered"
