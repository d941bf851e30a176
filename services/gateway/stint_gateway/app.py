"""The gateway's FastAPI application: ``create_app(settings)``.

Every section of the public API is a router in ``stint_gateway.routes``; add a new
section's router to ``ROUTERS``.
"""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.middleware import Middleware

from stint_gateway.http.body_limit import BodyLimitMiddleware
from stint_gateway.http.headers import ResponseHeadersMiddleware
from stint_gateway.http.metrics import HttpMetrics, MetricsMiddleware
from stint_gateway.http.problem_handlers import install_problem_handlers
from stint_gateway.http.tracing import TracingMiddleware
from stint_gateway.idempotency.middleware import IdempotencyMiddleware
from stint_gateway.lifespan import gateway_lifespan
from stint_gateway.openapi import install_openapi
from stint_gateway.routes import (
    accounts,
    applications,
    listings,
    matching,
    notifications,
    ops,
    reputation,
)
from stint_gateway.settings import GatewaySettings

ROUTERS: list[APIRouter] = [
    ops.router,
    accounts.router,
    listings.router,
    applications.router,
    matching.router,
    notifications.router,
    reputation.router,
]

# Issuing a token changes nothing, so a retry may simply get a new one; storing
# bearer tokens for replay would keep live credentials in the database.
IDEMPOTENCY_EXEMPT = ("/v1/auth/token",)


# FastAPI releases with built-in OpenTelemetry would open a second SERVER span beside
# TracingMiddleware's (and spans per dependency); theirs is off where it exists.
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


def create_app(settings: GatewaySettings, *, own_logging: bool = True) -> FastAPI:
    metrics = HttpMetrics()
    app = FastAPI(
        **_framework_options(),
        title="Stint API",
        version="v1",
        description="The public API of Stint, the marketplace for paid micro-internships.",
        lifespan=gateway_lifespan(settings, own_logging=own_logging),
        # Outermost first: the span covers everything, metrics see the final status,
        # and every answer (problems of the inner ones too) gets the common headers.
        middleware=[
            Middleware(TracingMiddleware),
            Middleware(ResponseHeadersMiddleware, strict_transport=settings.env == "production"),
            Middleware(MetricsMiddleware, metrics=metrics),
            Middleware(BodyLimitMiddleware),
            Middleware(IdempotencyMiddleware, exempt_paths=IDEMPOTENCY_EXEMPT),
        ],
    )
    app.state.metrics = metrics
    install_problem_handlers(app)
    for router in ROUTERS:
        # The routers' own routes, added to the app's router as they are (each router
        # declared its prefix and tags on its routes): ``include_router`` would wrap each
        # router in one more layer of matching, which scanned every section's routes
        # twice per request and was most of the gateway's own time (docs/benchmarks.md).
        app.router.routes.extend(router.routes)
    install_openapi(app, idempotency_exempt=IDEMPOTENCY_EXEMPT)
    return app
