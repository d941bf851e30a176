"""An institution's pages: its linked (and pending) students, their completed
engagements with credentials, granting academic credit, and its e-mail domains."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Api, Institution, Student
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem, GatewayClient
from stint_web.problems import FormErrors, place
from stint_web.rendering import FORM_WITH_ERRORS, page
from stint_web.session import Session

router = APIRouter()

CREDIT_FIELDS = ("credits", "term", "note")


async def _overview(
    request: Request,
    gateway: GatewayClient,
    institution: Session,
    errors: FormErrors | None = None,
    failed_for: str = "",
    granted: bool = False,
) -> HTMLResponse:
    students = await gateway.get("/v1/institution/students", institution.token, {"limit": 100})
    engagements = await gateway.get(
        "/v1/institution/engagements", institution.token, {"status": "completed", "limit": 100}
    )
    return await page(
        request,
        "institution.html",
        FORM_WITH_ERRORS,
        students=students["items"],
        engagements=engagements["items"],
        errors=errors or FormErrors(),
        failed_for=failed_for,
        granted=granted,
    )


@router.get("/institution", response_class=HTMLResponse)
async def overview(
    request: Request, institution: Institution, gateway: Api, granted: str = ""
) -> HTMLResponse:
    return await _overview(request, gateway, institution, granted=bool(granted))


@router.post("/institution/students/{student_id}/approve")
async def approve(student_id: str, institution: Institution, gateway: Api) -> RedirectResponse:
    await gateway.post(f"/v1/institution/students/{student_id}/approve", institution.token)
    return RedirectResponse("/institution", status_code=303)


@router.post("/institution/engagements/{engagement_id}/credit", response_model=None)
async def grant_credit(
    request: Request, engagement_id: str, institution: Institution, gateway: Api
) -> Response:
    form = await form_of(request)
    credits = form.get("credits", "").strip()
    body = {
        "credits": float(credits) if credits.replace(".", "", 1).isdigit() else credits,
        "term": form.get("term", ""),
        "note": form.get("note") or None,
    }
    try:
        await gateway.send(
            "POST", f"/v1/institution/engagements/{engagement_id}/credit", institution.token, body
        )
    except ApiProblem as problem:
        if problem.status not in (409, 422):
            raise
        errors = place(problem, CREDIT_FIELDS)
        return await _overview(request, gateway, institution, errors, engagement_id)
    return RedirectResponse("/institution?granted=1", status_code=303)


@router.post("/institution/settings")
async def save_settings(
    request: Request, institution: Institution, gateway: Api
) -> RedirectResponse:
    form = await form_of(request)
    domains = [d.strip() for d in form.get("email_domains", "").split(",") if d.strip()]
    body = {"email_domains": domains, "credit_policy": form.get("credit_policy") or None}
    await gateway.send("PUT", "/v1/institution/settings", institution.token, body)
    return RedirectResponse("/institution", status_code=303)


@router.post("/me/institution")
async def link(request: Request, student: Student, gateway: Api) -> RedirectResponse:
    form = await form_of(request)
    body = {"institution_id": form.get("institution_id", "").strip()}
    await gateway.send("POST", "/v1/me/institution", student.token, body)
    return RedirectResponse("/profile?linked=1", status_code=303)
