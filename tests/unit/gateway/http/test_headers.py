from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from stint_gateway.http.headers import HSTS, ResponseHeadersMiddleware


async def _public(request: object) -> JSONResponse:
    return JSONResponse({})


async def _cached(request: object) -> JSONResponse:
    return JSONResponse({}, headers={"Cache-Control": "public, max-age=60"})


def _client(*, production: bool) -> httpx.AsyncClient:
    app = Starlette(routes=[Route("/public", _public), Route("/cached", _cached)])
    wrapped = ResponseHeadersMiddleware(app, strict_transport=production)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=wrapped), base_url="http://t")


async def test_credentials_make_an_answer_private_unless_the_route_said_otherwise() -> None:
    async with _client(production=False) as client:
        assert "cache-control" not in (await client.get("/public")).headers
        signed_in = await client.get("/public", headers={"Authorization": "Bearer x"})
        assert signed_in.headers["cache-control"] == "private, no-store"
        kept = await client.get("/cached", headers={"Authorization": "Bearer x"})
        assert kept.headers["cache-control"] == "public, max-age=60"
        assert signed_in.headers["x-content-type-options"] == "nosniff"


async def test_strict_transport_security_in_production_only() -> None:
    async with _client(production=True) as client:
        assert (await client.get("/public")).headers["strict-transport-security"] == HSTS
    async with _client(production=False) as client:
        assert "strict-transport-security" not in (await client.get("/public")).headers
