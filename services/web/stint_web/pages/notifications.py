"""Notifications: the inbox, marking read, and the live stream the badge follows
(relayed from the gateway with the session's token, which stays on the server)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Anyone, Api, CurrentSession
from stint_web.relay import relayed_stream
from stint_web.rendering import page

router = APIRouter()


@router.get("/notifications", response_class=HTMLResponse)
async def inbox(request: Request, who: Anyone, gateway: Api) -> HTMLResponse:
    found = await gateway.get("/v1/me/notifications", who.token, {"limit": 50})
    return await page(request, "notifications.html", notifications=found["items"])


@router.post("/notifications/read-all")
async def read_all(who: Anyone, gateway: Api) -> RedirectResponse:
    await gateway.post("/v1/me/notifications/read-all", who.token)
    return RedirectResponse("/notifications", status_code=303)


@router.post("/notifications/{notification_id}/read")
async def read_one(notification_id: str, who: Anyone, gateway: Api) -> RedirectResponse:
    await gateway.post(f"/v1/me/notifications/{notification_id}/read", who.token)
    return RedirectResponse("/notifications", status_code=303)


@router.get("/notifications/stream", response_model=None)
async def stream(
    request: Request, session: CurrentSession, gateway: Api, after: int | None = None
) -> Response:
    """The page's stream resumes after the newest notification the page was rendered
    with (``after``); a reconnecting browser's ``Last-Event-ID`` takes over from there."""
    if not session.signed_in or session.token is None:
        # 204 tells EventSource to stop reconnecting: nothing to follow signed out.
        return Response(status_code=204)
    resume = request.headers.get("last-event-id") or (str(after) if after is not None else None)
    return relayed_stream(gateway, session.token, resume)
