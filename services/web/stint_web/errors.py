"""What a page shows when the API says no: sign in again (401, or no session), a page
saying so for 403 and 404, and a plain "try again" for anything else."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from stint_web.deps import NotAllowed, SignInNeeded
from stint_web.gateway import ApiProblem
from stint_web.rendering import page
from stint_web.session import Session

__all__ = ["install_error_pages"]

_TITLES = {
    403: "Not for your account",
    404: "Not found",
    409: "Not possible now",
    422: "Not accepted",
    429: "Too many tries",
}


def _to_sign_in(request: Request, next_path: str) -> RedirectResponse:
    request.state.session = Session()
    return RedirectResponse(f"/signin?{urlencode({'next': next_path})}", status_code=303)


async def _sign_in_needed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInNeeded)
    return _to_sign_in(request, exc.next_path)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotAllowed)
    detail = f"This page is for {' or '.join(exc.roles)} accounts."
    return await page(request, "error.html", 403, title=_TITLES[403], detail=detail)


async def _api_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiProblem)
    if exc.status == 401:
        return _to_sign_in(request, request.url.path)
    status = exc.status if exc.status in _TITLES else 502
    title = _TITLES.get(exc.status, "Something went wrong")
    detail = exc.detail if exc.status in _TITLES else "The platform did not answer; try again."
    return await page(request, "error.html", status, title=title, detail=detail)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    title = _TITLES.get(exc.status_code, "Something went wrong")
    return await page(request, "error.html", exc.status_code, title=title, detail=str(exc.detail))


def install_error_pages(app: FastAPI) -> None:
    app.add_exception_handler(SignInNeeded, _sign_in_needed)
    app.add_exception_handler(NotAllowed, _not_allowed)
    app.add_exception_handler(ApiProblem, _api_problem)
    app.add_exception_handler(HTTPException, _http_error)
