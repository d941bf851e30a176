"""The reader marks notifications read: one (someone else's does not exist for them),
or all of theirs."""

from __future__ import annotations

import asyncpg

from stint_notification.context import Context
from stint_notification.store import notifications as store
from stint_runtime.db import transaction
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["mark_all_read", "mark_read"]


async def mark_read(pool: asyncpg.Pool, ctx: Context, reader: Caller, notification_id: str) -> int:
    notification_id = resource_id(notification_id, "notification")
    async with transaction(pool) as conn:
        marked = await store.mark_read(conn, reader.account_id, notification_id, ctx.clock())
    if marked is None:
        raise NotFound("No such notification.")
    return marked


async def mark_all_read(pool: asyncpg.Pool, ctx: Context, reader: Caller) -> int:
    async with transaction(pool) as conn:
        return await store.mark_all_read(conn, reader.account_id, ctx.clock())
