"""The gRPC NotificationService: protobuf in, one command or query, protobuf out. Who
may call each method is the contract's (checked by the runtime's interceptor before
these run); every method is the caller's own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import grpc

from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint.notification.v1 import notification_service_pb2_grpc as api_grpc
from stint_notification.commands import choosing, reading
from stint_notification.context import Context
from stint_notification.domain.webhooks import WebhookEndpoint
from stint_notification.queries import following
from stint_notification.queries import reading as inbox
from stint_notification.store.signals import Followers
from stint_notification.wire import (
    attempt_message,
    notification_message,
    preferences_from,
    preferences_message,
)
from stint_runtime.identity import required_caller
from stint_runtime.service import Register

__all__ = ["SERVICE_NAME", "NotificationServicer", "register"]

SERVICE_NAME = api.DESCRIPTOR.services_by_name["NotificationService"].full_name

Ctx = grpc.aio.ServicerContext[Any, Any]


def _preferences(prefs: Any, endpoint: WebhookEndpoint | None) -> pb.Preferences:
    url = endpoint.url if endpoint else ""
    reason = endpoint.disabled_reason if endpoint else ""
    return preferences_message(prefs, url, reason)


class NotificationServicer(api_grpc.NotificationServiceServicer):
    def __init__(self, pool: asyncpg.Pool, ctx: Context, followers: Followers) -> None:
        self._pool = pool
        self._ctx = ctx
        self._followers = followers

    async def ListNotifications(
        self, request: api.ListNotificationsRequest, context: Ctx
    ) -> api.NotificationPage:
        found = await inbox.inbox(
            self._pool,
            required_caller(),
            request.unread_only,
            request.page.limit,
            request.page.cursor,
        )
        return api.NotificationPage(
            notifications=[notification_message(n) for n in found.page.items],
            next_cursor=found.page.next_cursor,
            unread=found.unread,
            last_sequence=found.last_sequence,
        )

    async def MarkRead(self, request: api.MarkReadRequest, context: Ctx) -> api.MarkReadReply:
        marked = await reading.mark_read(
            self._pool, self._ctx, required_caller(), request.notification_id
        )
        return api.MarkReadReply(marked=marked)

    async def MarkAllRead(self, request: api.MarkAllReadRequest, context: Ctx) -> api.MarkReadReply:
        marked = await reading.mark_all_read(self._pool, self._ctx, required_caller())
        return api.MarkReadReply(marked=marked)

    async def Stream(
        self, request: api.StreamRequest, context: Ctx
    ) -> AsyncIterator[pb.Notification]:
        async for notification in following.follow(
            self._pool,
            self._followers,
            required_caller(),
            request.after_sequence,
            self._ctx.stream_poll_s,
        ):
            yield notification_message(notification)

    async def GetPreferences(
        self, request: api.GetPreferencesRequest, context: Ctx
    ) -> pb.Preferences:
        found = await inbox.preferences(self._pool, self._ctx, required_caller())
        return _preferences(found.preferences, found.endpoint)

    async def PutPreferences(
        self, request: api.PutPreferencesRequest, context: Ctx
    ) -> api.PreferencesReply:
        chosen = await choosing.choose(
            self._pool,
            self._ctx,
            required_caller(),
            preferences_from(request.preferences),
            request.preferences.webhook_url,
            request.rotate_webhook_secret,
        )
        return api.PreferencesReply(
            preferences=_preferences(chosen.preferences, chosen.endpoint),
            webhook_secret=chosen.new_secret,
        )

    async def ListWebhookDeliveries(
        self, request: api.ListWebhookDeliveriesRequest, context: Ctx
    ) -> api.WebhookDeliveryPage:
        page = await inbox.webhook_attempts(
            self._pool, required_caller(), request.page.limit, request.page.cursor
        )
        return api.WebhookDeliveryPage(
            deliveries=[attempt_message(a) for a in page.items], next_cursor=page.next_cursor
        )

    async def Unsubscribe(
        self, request: api.UnsubscribeRequest, context: Ctx
    ) -> api.UnsubscribeReply:
        type_name = await choosing.unsubscribe(self._pool, self._ctx, request.token)
        return api.UnsubscribeReply(type=type_name)


def register(ctx: Context, followers: Followers) -> Register:
    """The ServiceSpec's ``register``: adds the servicer once the pool exists."""

    def add(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        servicer = NotificationServicer(pool, ctx, followers)
        api_grpc.add_NotificationServiceServicer_to_server(servicer, server)

    return add
