"""The Notifications section, through the notification service: the caller's own
inbox, its live stream (Server-Sent Events from the service's gRPC stream), the
caller's preferences and webhook delivery log, for every role; and the one-click
unsubscribe link of e-mails, which needs no sign-in (its token is signed)."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import HTMLResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from stint.common.v1 import page_pb2
from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_gateway.dependencies import NotificationClient, Settings, allowed
from stint_gateway.http.live import last_event_id, live_response, resuming
from stint_gateway.http.problems import problem_responses, rules_beyond_schema
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.schemas.bounds import Cursor, Limit
from stint_gateway.schemas.notifications import (
    NotificationPage,
    PreferencesIn,
    PreferencesOut,
    WebhookDeliveryPage,
)
from stint_gateway.wire.notifications import (
    delivery_page_reply,
    notification_data,
    notification_page_reply,
    preferences_message,
    preferences_reply,
)
from stint_runtime.identity import Caller, set_current_caller

router = APIRouter(prefix="/v1", tags=["notifications"])

_READ = problem_responses(401, 403, 422, 503)
_WRITE = problem_responses(401, 403, 404, 422, 503)
_QUERY = ("query",)

_SERVICE = api.DESCRIPTOR.services_by_name["NotificationService"]
MayRead = Annotated[Caller, allowed(_SERVICE, "ListNotifications")]
MayMark = Annotated[Caller, allowed(_SERVICE, "MarkRead")]
MayMarkAll = Annotated[Caller, allowed(_SERVICE, "MarkAllRead")]
MayFollow = Annotated[Caller, allowed(_SERVICE, "Stream")]
MaySeePreferences = Annotated[Caller, allowed(_SERVICE, "GetPreferences")]
MayChoose = Annotated[Caller, allowed(_SERVICE, "PutPreferences")]
MaySeeDeliveries = Annotated[Caller, allowed(_SERVICE, "ListWebhookDeliveries")]


@router.get("/me/notifications", responses=_READ)
async def my_notifications(
    _: MayRead,
    client: NotificationClient,
    unread: bool = False,
    limit: Limit = 20,
    cursor: Cursor = "",
) -> NotificationPage:
    """The caller's notifications, newest first (``unread=true``: only unread ones)."""
    request = api.ListNotificationsRequest(
        unread_only=unread, page=page_pb2.PageRequest(limit=limit, cursor=cursor)
    )
    with rpc_problems("notification", loc_prefix=_QUERY):
        return notification_page_reply(await client.ListNotifications(request))


@router.post("/me/notifications/read-all", status_code=status.HTTP_204_NO_CONTENT, responses=_WRITE)
async def read_all(_: MayMarkAll, client: NotificationClient) -> Response:
    with rpc_problems("notification"):
        await client.MarkAllRead(api.MarkAllReadRequest())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/me/notifications/{notification_id}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_WRITE,
)
async def read_one(notification_id: str, _: MayMark, client: NotificationClient) -> Response:
    """Mark one of the caller's notifications read (someone else's: 404)."""
    with rpc_problems("notification"):
        await client.MarkRead(api.MarkReadRequest(notification_id=notification_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _event(notification: pb.Notification) -> ServerSentEvent:
    return ServerSentEvent(
        data=notification_data(notification), event="notification", id=str(notification.sequence)
    )


@router.get(
    "/me/notifications/stream",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **_READ},
)
async def stream(
    request: Request, caller: MayFollow, client: NotificationClient, settings: Settings
) -> EventSourceResponse:
    """``text/event-stream``: an ``event: notification`` for each new notification, its
    ``id:`` the notification's sequence; ``Last-Event-ID`` resumes after it, with every
    one missed meanwhile and none twice. Heartbeat comments keep the connection open."""
    after = last_event_id(request)
    if after is None:
        # "From now on": the newest sequence now, read before the stream opens.
        with rpc_problems("notification"):
            page = await client.ListNotifications(
                api.ListNotificationsRequest(page=page_pb2.PageRequest(limit=1))
            )
        after = page.last_sequence

    def open_stream(position: int) -> object:
        set_current_caller(caller)
        return client.Stream(api.StreamRequest(after_sequence=position))

    events = resuming(open_stream, after, lambda n: n.sequence, _event)  # type: ignore[arg-type]
    return live_response(events, settings.sse_heartbeat_s)


@router.get("/me/notification-preferences", responses=_READ)
async def my_preferences(_: MaySeePreferences, client: NotificationClient) -> PreferencesOut:
    with rpc_problems("notification"):
        return preferences_reply(await client.GetPreferences(api.GetPreferencesRequest()))


@router.put(
    "/me/notification-preferences",
    responses=_WRITE,
    openapi_extra=rules_beyond_schema(
        {
            "body.time_zone": "an IANA time zone name (Europe/Berlin)",
            "body.types": "notification types only; critical ones keep in_app on",
            "body.webhook_url": "an https URL of a public address",
            "body.rotate_webhook_secret": "only with a webhook_url",
        }
    ),
)
async def choose_preferences(
    body: PreferencesIn, _: MayChoose, client: NotificationClient
) -> PreferencesOut:
    """Replace the caller's choices. The reply that sets a new ``webhook_url`` (or
    rotates its secret) carries ``webhook_secret`` (``whsec_...``), this once only."""
    with rpc_problems("notification"):
        reply = await client.PutPreferences(preferences_message(body))
    return preferences_reply(reply.preferences, reply.webhook_secret)


@router.get("/me/webhook-deliveries", responses=_READ)
async def my_webhook_deliveries(
    _: MaySeeDeliveries, client: NotificationClient, limit: Limit = 20, cursor: Cursor = ""
) -> WebhookDeliveryPage:
    """Every attempt to call the caller's webhook, newest first."""
    request = api.ListWebhookDeliveriesRequest(
        page=page_pb2.PageRequest(limit=limit, cursor=cursor)
    )
    with rpc_problems("webhook delivery", loc_prefix=_QUERY):
        return delivery_page_reply(await client.ListWebhookDeliveries(request))


Token = Annotated[
    str,
    Query(
        min_length=1,
        max_length=500,
        # Never in a token the service signs (and Postgres text cannot hold it).
        pattern=r"^[^\x00]*$",
        description="The signed token of the e-mail's link.",
    ),
]


@router.post(
    "/notifications/unsubscribe",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(404, 422, 503),
)
async def unsubscribe(token: Token, client: NotificationClient) -> Response:
    """One-click unsubscribe (RFC 8058), as mail clients POST it from the
    List-Unsubscribe header: e-mails of that type stop (in-app notices stay)."""
    with rpc_problems("unsubscribe link"):
        await client.Unsubscribe(api.UnsubscribeRequest(token=token))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/notifications/unsubscribe",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
async def unsubscribe_page(token: Token) -> HTMLResponse:
    """The same link opened in a browser: a button, so that a link checker that only
    fetches it changes nothing."""
    action = f"/v1/notifications/unsubscribe?token={escape(token, quote=True)}"
    return HTMLResponse(
        "<!doctype html><title>Stop these e-mails</title>"
        f'<form method="post" action="{action}">'
        "<p>Stop Stint e-mails like the one you came from?</p>"
        '<button type="submit">Stop them</button></form>'
    )
