"""Headers clients and proxies rely on, on every route of the published OpenAPI
document: nosniff everywhere, nothing an account reads kept by a cache, no token reply
stored by anyone."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from tests.integration.gateway.api import PASSWORD, sign_up

TOKEN_PATH = "/v1/auth/token"


async def _headers(client: httpx.AsyncClient, method: str, path: str, auth: str) -> httpx.Headers:
    """The headers of the answer, without reading its body (a live stream never ends)."""
    filled = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
    extra = {"Authorization": f"Bearer {auth}"} if auth else {}
    body: Any = {} if method in ("post", "put", "patch") else None
    async with client.stream(method.upper(), filled, json=body, headers=extra) as reply:
        return reply.headers


async def test_every_route_answers_with_nosniff_and_private_no_store(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    _, token = await sign_up(client, "student")
    routes = [(m, p) for p, ops in document["paths"].items() for m in ops]
    assert len(routes) > 20
    for method, path in routes:
        anonymous = await _headers(client, method, path, "")
        assert anonymous["x-content-type-options"] == "nosniff", (method, path)
        signed_in = await _headers(client, method, path, token)
        assert signed_in["x-content-type-options"] == "nosniff", (method, path)
        assert signed_in["cache-control"] in ("private, no-store", "no-store"), (method, path)
        assert "strict-transport-security" not in signed_in, "HSTS outside production"


@pytest.mark.parametrize("password", [PASSWORD, "a wrong password"])
async def test_the_token_endpoint_is_never_stored(client: httpx.AsyncClient, password: str) -> None:
    account, _ = await sign_up(client, "student")
    reply = await client.post(TOKEN_PATH, json={"email": account["email"], "password": password})
    assert reply.status_code in (200, 401)
    assert reply.headers["cache-control"] == "no-store"
    assert reply.headers["pragma"] == "no-cache"


async def test_public_reads_stay_cacheable_but_problems_do_not(client: httpx.AsyncClient) -> None:
    listings = await client.get("/v1/listings")
    assert listings.status_code == 200
    assert "cache-control" not in listings.headers
    missing = await client.get(f"/v1/listings/{uuid.uuid4()}")
    assert missing.status_code == 404
    assert missing.headers["cache-control"] == "no-store"
