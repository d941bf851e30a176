"""A person's public page: reputation with its published formula, the portfolio of
completed engagements (each with its credential link) and the published reviews."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stint_web.deps import Api, CurrentSession
from stint_web.gateway import ApiProblem, GatewayClient, Json
from stint_web.rendering import page

router = APIRouter()


async def _or_none(gateway: GatewayClient, path: str, token: str | None) -> Json | None:
    try:
        return await gateway.get(path, token)
    except ApiProblem as problem:
        if problem.status in (404, 503):
            return None
        raise


@router.get("/users/{user_id}", response_class=HTMLResponse)
async def public_page(
    request: Request, user_id: str, session: CurrentSession, gateway: Api
) -> HTMLResponse:
    reputation, portfolio, reviews = await asyncio.gather(
        _or_none(gateway, f"/v1/users/{user_id}/reputation", session.token),
        _or_none(gateway, f"/v1/users/{user_id}/portfolio", session.token),
        _or_none(gateway, f"/v1/users/{user_id}/reviews", session.token),
    )
    return await page(
        request,
        "person.html",
        user_id=user_id,
        reputation=reputation,
        entries=(portfolio or {}).get("entries", []),
        reviews=(reviews or {}).get("items", []),
    )
