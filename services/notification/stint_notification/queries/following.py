"""The live stream of a reader's notifications: every one after the sequence the
reader has seen, then each new one as it is committed. What to send always comes from
the table (sequences commit in order per reader), signals only say when to look, so a
stream neither skips nor repeats one, and a reconnect from any replica resumes exactly."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg

from stint_notification.domain.records import Notification
from stint_notification.store import notifications
from stint_notification.store.signals import Followers
from stint_runtime.backoff import pause
from stint_runtime.db import connection
from stint_runtime.identity import Caller

__all__ = ["follow"]

BATCH = 100


async def follow(
    pool: asyncpg.Pool,
    followers: Followers,
    reader: Caller,
    after_sequence: int,
    poll_s: float,
) -> AsyncIterator[Notification]:
    """After ``after_sequence`` (0: from now on), until the caller goes away."""
    with followers.follow(reader.account_id) as wake:
        seen = after_sequence
        if seen <= 0:
            async with connection(pool) as conn:
                seen = await notifications.last_sequence(conn, reader.account_id)
        while True:
            wake.clear()
            async with connection(pool) as conn:
                found = await notifications.after_sequence(conn, reader.account_id, seen, BATCH)
            for notification in found:
                seen = notification.sequence
                yield notification
            if len(found) < BATCH:
                await pause(wake, poll_s)
