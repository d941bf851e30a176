"""A student's side of applying: their applications with status, decision deadline and
the reason of every outcome; withdrawing; recommendations with their reasons."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from stint_web.deps import Api, Student
from stint_web.gateway import ApiProblem, GatewayClient, Json
from stint_web.rendering import page

router = APIRouter()


async def listings_by_id(
    gateway: GatewayClient, token: str | None, ids: set[str]
) -> dict[str, Json]:
    """The listings named, by id; one the caller may no longer see is left out."""

    async def one(listing_id: str) -> Json | None:
        try:
            return await gateway.get(f"/v1/listings/{listing_id}", token)
        except ApiProblem:
            return None

    found = await asyncio.gather(*(one(i) for i in sorted(ids)))
    return {listing["id"]: listing for listing in found if listing}


@router.get("/applications", response_class=HTMLResponse)
async def my_applications(
    request: Request, student: Student, gateway: Api, sent: str = ""
) -> HTMLResponse:
    found = await gateway.get("/v1/me/applications", student.token, {"limit": 100})
    items: list[dict[str, Any]] = found["items"]
    listings = await listings_by_id(gateway, student.token, {a["listing_id"] for a in items})
    return await page(
        request, "applications.html", applications=items, listings=listings, sent=bool(sent)
    )


@router.post("/applications/{application_id}/withdraw")
async def withdraw(application_id: str, student: Student, gateway: Api) -> RedirectResponse:
    await gateway.post(f"/v1/applications/{application_id}/withdraw", student.token)
    return RedirectResponse("/applications", status_code=303)


@router.get("/recommendations", response_class=HTMLResponse)
async def recommendations(request: Request, student: Student, gateway: Api) -> HTMLResponse:
    found = await gateway.get("/v1/me/recommendations", student.token, {"limit": 20})
    return await page(request, "recommendations.html", recommendations=found["items"])
