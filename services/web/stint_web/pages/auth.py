"""Signing up, in and out. Signing in asks the API for a token and keeps it in the
encrypted session cookie with a new form token; signing out forgets both."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Api, CurrentSession
from stint_web.forms import form_of, safe_next
from stint_web.gateway import ApiProblem, GatewayClient
from stint_web.problems import FormErrors, place
from stint_web.rendering import FORM_WITH_ERRORS, page
from stint_web.session import Session

router = APIRouter()

SIGN_UP_FIELDS = (
    "email",
    "password",
    "role",
    "display_name",
    "organization.name",
    "organization.industry",
)
HOME = {"student": "/listings", "employer": "/employer/listings", "institution": "/institution"}


@router.get("/", response_model=None)
async def home(request: Request, session: CurrentSession) -> Response:
    if session.signed_in:
        return RedirectResponse(HOME.get(session.role, "/listings"), status_code=303)
    return await page(request, "home.html")


@router.get("/signin", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str = "") -> HTMLResponse:
    return await page(request, "signin.html", values={"next": safe_next(next, "")})


async def _signed_in(gateway: GatewayClient, email: str, password: str) -> Session:
    issued = await gateway.post("/v1/auth/token", body={"email": email, "password": password})
    account = await gateway.get("/v1/me", issued["access_token"])
    return Session().signed_in_as(issued["access_token"], int(issued["expires_in"]), account)


@router.post("/signin", response_model=None)
async def sign_in(request: Request, gateway: Api) -> Response:
    form = await form_of(request)
    try:
        session = await _signed_in(gateway, form.get("email", ""), form.get("password", ""))
    except ApiProblem as problem:
        errors = (
            FormErrors(general=["That e-mail and password do not match an account."])
            if problem.status == 401
            else place(problem, ("email", "password"))
        )
        values = {"email": form.get("email", ""), "next": safe_next(form.get("next"), "")}
        return await page(request, "signin.html", FORM_WITH_ERRORS, errors=errors, values=values)
    request.state.session = session
    return RedirectResponse(
        safe_next(form.get("next"), HOME.get(session.role, "/")), status_code=303
    )


@router.get("/register", response_class=HTMLResponse)
async def sign_up_page(request: Request, role: str = "student") -> HTMLResponse:
    return await page(request, "register.html", values={"role": role})


def _sign_up_body(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {
        name: form.get(name, "") for name in ("email", "password", "role", "display_name")
    }
    if form.get("role") == "employer":
        body["organization"] = {
            "name": form.get("organization.name", ""),
            "industry": form.get("organization.industry", ""),
        }
    return body


@router.post("/register", response_model=None)
async def sign_up(request: Request, gateway: Api) -> Response:
    form = await form_of(request)
    try:
        await gateway.post("/v1/auth/register", body=_sign_up_body(form))
        session = await _signed_in(gateway, form.get("email", ""), form.get("password", ""))
    except ApiProblem as problem:
        values = {k: v for k, v in form.items() if k != "password"}
        errors = place(problem, SIGN_UP_FIELDS)
        return await page(request, "register.html", FORM_WITH_ERRORS, errors=errors, values=values)
    request.state.session = session
    return RedirectResponse(HOME.get(session.role, "/"), status_code=303)


@router.post("/signout")
async def sign_out(request: Request) -> RedirectResponse:
    request.state.session = Session()
    return RedirectResponse("/", status_code=303)
