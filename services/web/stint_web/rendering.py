"""Pages from templates: every page gets the session (who is signed in, the form token)
and the unread count for the badge; the token itself is never given to a template."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from stint_web.formatting import FILTERS
from stint_web.gateway import ApiProblem, GatewayClient
from stint_web.problems import FormErrors
from stint_web.session import Session

__all__ = ["FORM_WITH_ERRORS", "STATIC", "page", "templates"]

FORM_WITH_ERRORS = 200
"""A form sent back with the API's messages beside its fields is the page the person
needs, not a failed load: a 4xx document would be reported by the browser as an error."""

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters.update(FILTERS)
templates.env.globals["new_key"] = lambda: str(uuid.uuid4())


async def _inbox(gateway: GatewayClient, session: Session) -> tuple[int | None, int]:
    """The unread count for the badge, and the newest notification's position: the
    badge's stream resumes right after it, so that none arriving meanwhile is missed."""
    if not session.signed_in:
        return None, 0
    try:
        found = await gateway.get("/v1/me/notifications", session.token, {"limit": 1})
    except ApiProblem:
        return None, 0
    return int(found.get("unread", 0)), int(found.get("last_event_id", 0))


async def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: Session = request.state.session
    gateway: GatewayClient = request.app.state.gateway
    viewer = {
        "signed_in": session.signed_in,
        "role": session.role if session.signed_in else "",
        "user_id": session.user_id if session.signed_in else "",
        "display_name": session.display_name if session.signed_in else "",
    }
    context.setdefault("errors", FormErrors())
    context.setdefault("values", {})
    unread, last_event_id = await _inbox(gateway, session)
    return templates.TemplateResponse(
        request,
        name,
        {
            **context,
            "viewer": viewer,
            "csrf_token": session.csrf,
            "unread": unread,
            "last_event_id": last_event_id,
            "gateway_url": request.app.state.settings.api_link,
        },
        status_code=status_code,
    )
