"""Open listings: search with the API's filters, one listing's page, and applying to
it with a cover note."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Api, CurrentSession, Student
from stint_web.formatting import cents_of
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem
from stint_web.problems import FormErrors, place
from stint_web.rendering import FORM_WITH_ERRORS, page

router = APIRouter()

FILTERS = ("q", "industry", "skill", "remote", "min_pay", "cursor")


def _query(values: dict[str, str]) -> tuple[dict[str, Any], FormErrors]:
    query: dict[str, Any] = {
        "q": values.get("q"),
        "industry": values.get("industry"),
        "skill": values.get("skill"),
        "cursor": values.get("cursor"),
        "remote": "true" if values.get("remote") == "true" else None,
    }
    if values.get("min_pay"):
        try:
            query["min_pay_cents"] = cents_of(values["min_pay"])
        except ValueError as exc:
            return query, FormErrors({"min_pay": [str(exc)]})
    return query, FormErrors()


@router.get("/listings", response_class=HTMLResponse)
async def search(request: Request, session: CurrentSession, gateway: Api) -> HTMLResponse:
    values = {name: request.query_params.get(name, "") for name in FILTERS}
    query, errors = _query(values)
    found: dict[str, Any] = {"items": [], "next_cursor": None}
    if not errors:
        try:
            found = await gateway.get("/v1/listings", session.token, query)
        except ApiProblem as problem:
            if problem.status != 422:
                raise
            errors = place(problem, FILTERS, {"min_pay_cents": "min_pay"})
    following = {k: v for k, v in values.items() if v and k != "cursor"}
    return await page(
        request, "listings.html", errors=errors, values=values, found=found, following=following
    )


async def _listing_page(
    request: Request, listing_id: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    session = request.state.session
    listing = await request.app.state.gateway.get(f"/v1/listings/{listing_id}", session.token)
    return await page(request, "listing.html", status_code, listing=listing, **context)


@router.get("/listings/{listing_id}", response_class=HTMLResponse)
async def listing(request: Request, listing_id: str) -> HTMLResponse:
    return await _listing_page(request, listing_id)


@router.post("/listings/{listing_id}/apply", response_model=None)
async def apply(request: Request, listing_id: str, student: Student, gateway: Api) -> Response:
    form = await form_of(request)
    body = {"cover_note": form.get("cover_note", "")}
    try:
        await gateway.send(
            "POST",
            f"/v1/listings/{listing_id}/applications",
            student.token,
            body,
            idempotency_key=form.get("idempotency_key"),
        )
    except ApiProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = place(problem, ("cover_note",))
        return await _listing_page(
            request, listing_id, FORM_WITH_ERRORS, errors=errors, values=form
        )
    return RedirectResponse("/applications?sent=1", status_code=303)
