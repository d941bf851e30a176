"""The few calls of the gateway's public API the demo loader makes, with its errors
as exceptions."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from typing import Any

import httpx

# How long a service may take to learn of a listing from the listing service's events.
PROJECTION_WAIT_S = 20.0


class ApiRefused(RuntimeError):
    """The API answered with a status the caller did not expect."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


async def post_once_known(
    client: httpx.AsyncClient, path: str, body: Mapping[str, Any], token: str
) -> httpx.Response:
    """POST, retrying while the service answers 404: it learns of a new listing from an
    event, a moment after the listing service published it. 409: done before."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PROJECTION_WAIT_S
    while True:
        try:
            return await post(client, path, body, token, ok=(201, 409))
        except ApiRefused as exc:
            if exc.status != 404 or loop.time() > deadline:
                raise
        await asyncio.sleep(0.2)


async def post(
    client: httpx.AsyncClient,
    path: str,
    body: Mapping[str, Any],
    token: str | None = None,
    *,
    ok: tuple[int, ...] = (200, 201),
) -> httpx.Response:
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    reply = await client.post(path, json=dict(body), headers=headers)
    if reply.status_code not in ok:
        raise ApiRefused(
            f"POST {path}: HTTP {reply.status_code} {reply.text[:500]}", reply.status_code
        )
    return reply


async def get(
    client: httpx.AsyncClient, path: str, token: str, params: Mapping[str, str] | None = None
) -> dict[str, Any]:
    reply = await client.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
    if reply.status_code != 200:
        raise ApiRefused(
            f"GET {path}: HTTP {reply.status_code} {reply.text[:500]}", reply.status_code
        )
    found: dict[str, Any] = reply.json()
    return found


async def all_items(
    client: httpx.AsyncClient, path: str, token: str, **query: str
) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``next_cursor``."""
    items: list[dict[str, Any]] = []
    params = {"limit": "100", **query}
    while True:
        page = await get(client, path, token, params)
        items += page.get("items", [])
        cursor = page.get("next_cursor")
        if not cursor:
            return items
        params["cursor"] = str(cursor)
