"""An employer's listings: create and edit (the pay floor explained before submit),
publish, close; and the organization's response rate beside them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Api, Employer
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem, GatewayClient, Json
from stint_web.problems import FormErrors, place
from stint_web.rendering import FORM_WITH_ERRORS, page
from stint_web.session import Session
from stint_web.terms import ALIASES, CURRENCIES, FIELDS, body_of, values_of

router = APIRouter(prefix="/employer")


async def _reputation(gateway: GatewayClient, employer: Session) -> Json | None:
    try:
        return await gateway.get(f"/v1/users/{employer.user_id}/reputation", employer.token)
    except ApiProblem:
        return None


@router.get("/listings", response_class=HTMLResponse)
async def my_listings(request: Request, employer: Employer, gateway: Api) -> HTMLResponse:
    found = await gateway.get("/v1/listings", employer.token, {"mine": "true", "limit": 100})
    return await page(
        request,
        "employer_listings.html",
        listings=found["items"],
        reputation=await _reputation(gateway, employer),
    )


async def _form(
    request: Request,
    status_code: int = 200,
    *,
    listing: Json | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> HTMLResponse:
    floor = request.app.state.settings.pay_floor_cents_per_hour
    return await page(
        request,
        "listing_form.html",
        status_code,
        listing=listing,
        values=values or {"currency": "EUR", "slots": "1", "remote": "true"},
        errors=errors or FormErrors(),
        currencies=CURRENCIES,
        floor_cents=floor,
    )


@router.get("/listings/new", response_class=HTMLResponse)
async def new_listing(request: Request, employer: Employer) -> HTMLResponse:
    return await _form(request)


async def _saved(
    request: Request, gateway: GatewayClient, employer: Session, listing: Json | None
) -> Response:
    form = await form_of(request)
    body, errors = body_of(form)
    if errors:
        return await _form(request, FORM_WITH_ERRORS, listing=listing, values=form, errors=errors)
    try:
        if listing is None:
            key = form.get("idempotency_key")
            saved = await gateway.send("POST", "/v1/listings", employer.token, body, key)
        else:
            saved = await gateway.send(
                "PATCH", f"/v1/listings/{listing['id']}", employer.token, body
            )
    except ApiProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = place(problem, FIELDS, ALIASES)
        return await _form(request, FORM_WITH_ERRORS, listing=listing, values=form, errors=errors)
    return RedirectResponse(f"/employer/listings/{saved['id']}", status_code=303)


@router.post("/listings", response_model=None)
async def create_listing(request: Request, employer: Employer, gateway: Api) -> Response:
    return await _saved(request, gateway, employer, None)


@router.get("/listings/{listing_id}", response_class=HTMLResponse)
async def owned_listing(
    request: Request, listing_id: str, employer: Employer, gateway: Api
) -> HTMLResponse:
    listing = await gateway.get(f"/v1/listings/{listing_id}", employer.token)
    return await page(request, "employer_listing.html", listing=listing)


@router.get("/listings/{listing_id}/edit", response_class=HTMLResponse)
async def edit_listing(
    request: Request, listing_id: str, employer: Employer, gateway: Api
) -> HTMLResponse:
    listing = await gateway.get(f"/v1/listings/{listing_id}", employer.token)
    return await _form(request, listing=listing, values=values_of(listing))


@router.post("/listings/{listing_id}/edit", response_model=None)
async def save_listing(
    request: Request, listing_id: str, employer: Employer, gateway: Api
) -> Response:
    listing = await gateway.get(f"/v1/listings/{listing_id}", employer.token)
    return await _saved(request, gateway, employer, listing)


@router.post("/listings/{listing_id}/publish")
async def publish(listing_id: str, employer: Employer, gateway: Api) -> RedirectResponse:
    await gateway.post(f"/v1/listings/{listing_id}/publish", employer.token)
    return RedirectResponse(f"/employer/listings/{listing_id}", status_code=303)


@router.post("/listings/{listing_id}/close")
async def close(listing_id: str, employer: Employer, gateway: Api) -> RedirectResponse:
    """The owner withdraws it (``filled`` and ``deadline`` are the platform's reasons)."""
    body = {"reason": "withdrawn"}
    await gateway.post(f"/v1/listings/{listing_id}/close", employer.token, body)
    return RedirectResponse(f"/employer/listings/{listing_id}", status_code=303)
