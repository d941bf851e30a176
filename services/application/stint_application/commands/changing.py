"""One change of one application or engagement, in one transaction: lock it, check
that the caller may change it, apply the domain rule, save it and write its event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import asyncpg

from stint_application import events
from stint_application.context import Context
from stint_application.domain.access import require_found
from stint_application.store import applications, engagements
from stint_runtime.db import transaction
from stint_runtime.ids import resource_id

__all__ = ["APPLICATION", "ENGAGEMENT", "Aggregate", "locked_change"]

T = TypeVar("T")


@dataclass(frozen=True)
class Aggregate(Generic[T]):
    """What a change needs to know of a kind of record."""

    what: str
    """Its name in messages: ``"No such application."``."""
    lock: Callable[[asyncpg.Connection, str], Awaitable[T | None]]
    save: Callable[[asyncpg.Connection, T], Awaitable[None]]
    announce: Callable[[asyncpg.Connection, str, T], Awaitable[None]]
    """Writes the event of the change to the outbox of the schema it is given."""


APPLICATION = Aggregate(
    "application",
    applications.lock_application,
    applications.save_application,
    events.application_changed,
)
ENGAGEMENT = Aggregate(
    "engagement",
    engagements.lock_engagement,
    engagements.save_engagement,
    events.engagement_changed,
)


async def locked_change(
    pool: asyncpg.Pool,
    ctx: Context,
    aggregate: Aggregate[T],
    item_id: str,
    may: Callable[[T], None],
    change: Callable[[T], T],
) -> T:
    """``may`` refuses a caller who may not change the item (it does not exist for
    them, or it is not theirs to change); ``change`` applies the rule, or refuses."""
    item_id = resource_id(item_id, aggregate.what)
    async with transaction(pool) as conn:
        item = require_found(await aggregate.lock(conn, item_id), aggregate.what)
        may(item)
        changed = change(item)
        await aggregate.save(conn, changed)
        await aggregate.announce(conn, ctx.schema, changed)
        return changed
