"""The web app: ``create_app(settings)``. Its pages are the routers of
``stint_web.pages``; its only way out is the gateway client on ``app.state.gateway``."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware import Middleware

from stint_web.errors import install_error_pages
from stint_web.gateway import GatewayClient
from stint_web.headers import SecurityHeadersMiddleware
from stint_web.middleware import SessionMiddleware
from stint_web.pages import (
    applying,
    auth,
    browse,
    credentials,
    deciding,
    institution,
    notifications,
    people,
    posting,
    profile,
    work,
)
from stint_web.rendering import STATIC
from stint_web.session import SessionCodec
from stint_web.settings import WebSettings

ROUTERS: list[APIRouter] = [
    auth.router,
    browse.router,
    applying.router,
    profile.router,
    work.router,
    people.router,
    posting.router,
    deciding.router,
    notifications.router,
    credentials.router,
    institution.router,
]

# FastAPI releases with built-in telemetry would add spans and metrics of their own.
_NATIVE_TELEMETRY_OFF = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
}


def _framework_options() -> dict[str, Any]:
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        return {"telemetry": _NATIVE_TELEMETRY_OFF}
    return {}


def create_app(settings: WebSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.gateway = GatewayClient(settings.gateway_url, settings.gateway_timeout_s)
        try:
            yield
        finally:
            await app.state.gateway.close()

    codec = SessionCodec(settings.session_cipher(), settings.session_max_age_s)
    app = FastAPI(
        **_framework_options(),
        title="Stint web",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        middleware=[
            Middleware(SecurityHeadersMiddleware, strict_transport=settings.secure_cookies),
            Middleware(
                SessionMiddleware,
                codec=codec,
                secure=settings.secure_cookies,
                max_age_s=settings.session_max_age_s,
            ),
        ],
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz", response_class=PlainTextResponse)
    async def healthz() -> str:
        return "ok"

    install_error_pages(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
