"""Engagements, for both sides: the student delivers, the employer completes, either
cancels with a reason, and each reviews the other after completion."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Anyone, Api
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem, GatewayClient
from stint_web.pages.applying import listings_by_id
from stint_web.problems import FormErrors, place
from stint_web.rendering import FORM_WITH_ERRORS, page
from stint_web.session import Session

router = APIRouter()


@router.get("/engagements", response_class=HTMLResponse)
async def my_engagements(request: Request, who: Anyone, gateway: Api) -> HTMLResponse:
    found = await gateway.get("/v1/me/engagements", who.token, {"limit": 100})
    items: list[dict[str, Any]] = found["items"]
    listings = await listings_by_id(gateway, who.token, {e["listing_id"] for e in items})
    return await page(request, "engagements.html", engagements=items, listings=listings)


async def _engagement_page(
    request: Request,
    gateway: GatewayClient,
    who: Session,
    engagement_id: str,
    status_code: int = 200,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    engagement = await gateway.get(f"/v1/engagements/{engagement_id}", who.token)
    listings = await listings_by_id(gateway, who.token, {engagement["listing_id"]})
    return await page(
        request,
        "engagement.html",
        status_code,
        engagement=engagement,
        listing=listings.get(engagement["listing_id"]),
        errors=errors or FormErrors(),
        values=values or {},
        reviewed=request.query_params.get("reviewed") == "1",
    )


@router.get("/engagements/{engagement_id}", response_class=HTMLResponse)
async def engagement(
    request: Request, engagement_id: str, who: Anyone, gateway: Api
) -> HTMLResponse:
    return await _engagement_page(request, gateway, who, engagement_id)


def _body(action: str, form: dict[str, str]) -> dict[str, Any] | None:
    if action == "deliver":
        links = [line.strip() for line in form.get("links", "").splitlines() if line.strip()]
        return {"summary": form.get("summary", ""), "links": links}
    if action == "cancel":
        return {"reason": form.get("reason", "")}
    if action == "reviews":
        skills = [s.strip() for s in form.get("endorsed_skills", "").split(",") if s.strip()]
        rating: int | str = form.get("rating", "")
        if isinstance(rating, str) and rating.isdigit():
            rating = int(rating)
        return {"rating": rating, "comment": form.get("comment", ""), "endorsed_skills": skills}
    return None


@router.post("/engagements/{engagement_id}/{action}", response_model=None)
async def act(
    request: Request, engagement_id: str, action: str, who: Anyone, gateway: Api
) -> Response:
    if action not in ("deliver", "complete", "cancel", "reviews"):
        return RedirectResponse(f"/engagements/{engagement_id}", status_code=303)
    form = await form_of(request)
    try:
        await gateway.send(
            "POST", f"/v1/engagements/{engagement_id}/{action}", who.token, _body(action, form)
        )
    except ApiProblem as problem:
        if problem.status not in (409, 422):
            raise
        fields = ("summary", "links", "reason", "rating", "comment", "endorsed_skills")
        errors = place(problem, fields)
        return await _engagement_page(
            request, gateway, who, engagement_id, FORM_WITH_ERRORS, errors, form
        )
    after = "?reviewed=1" if action == "reviews" else ""
    return RedirectResponse(f"/engagements/{engagement_id}{after}", status_code=303)
