"""The caller's inbox, preferences and webhook delivery log: nobody reads anyone
else's (the recipient is always the caller)."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from stint_notification.context import Context
from stint_notification.domain.preferences import Preferences
from stint_notification.domain.records import Notification, WebhookAttempt
from stint_notification.domain.webhooks import WebhookEndpoint
from stint_notification.store import notifications, webhooks
from stint_notification.store.preferences import current_endpoint, get_preferences
from stint_runtime.db import connection
from stint_runtime.identity import Caller
from stint_runtime.paging import Page, decode_cursor, page_limit

__all__ = ["Inbox", "Settings", "inbox", "preferences", "webhook_attempts"]


@dataclass(frozen=True)
class Inbox:
    page: Page[Notification]
    unread: int
    last_sequence: int


@dataclass(frozen=True)
class Settings:
    preferences: Preferences
    endpoint: WebhookEndpoint | None


async def inbox(
    pool: asyncpg.Pool, reader: Caller, unread_only: bool, limit: int, cursor: str
) -> Inbox:
    size = page_limit(limit)
    after = decode_cursor(cursor, "unread" if unread_only else "")
    async with connection(pool) as conn:
        # The sequence first: a stream from it misses nothing the page does not show.
        last = await notifications.last_sequence(conn, reader.account_id)
        page = await notifications.page_for(conn, reader.account_id, unread_only, after, size)
        unread = await notifications.unread_count(conn, reader.account_id)
    return Inbox(page, unread, last)


async def preferences(pool: asyncpg.Pool, ctx: Context, person: Caller) -> Settings:
    async with connection(pool) as conn:
        prefs = await get_preferences(conn, person.account_id)
        endpoint = await current_endpoint(conn, person.account_id, ctx.clock())
    return Settings(prefs, endpoint)


async def webhook_attempts(
    pool: asyncpg.Pool, person: Caller, limit: int, cursor: str
) -> Page[WebhookAttempt]:
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await webhooks.attempts_page(conn, person.account_id, after, size)
