"""The owner decides: shortlist, reject with a reason, or hire into a slot."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg

from stint_application import events
from stint_application.commands.changing import APPLICATION, locked_change
from stint_application.commands.closing import close_open_on_listing
from stint_application.context import Context
from stint_application.domain import applications as rules
from stint_application.domain import engagements as work
from stint_application.domain.access import require_found, require_owner
from stint_application.domain.applications import Application, CloseReason, RejectReason
from stint_application.domain.engagements import Engagement
from stint_application.domain.listings import (
    filled_after_closing,
    require_free_slot,
    with_hire,
)
from stint_application.domain.validation import validate_rejection
from stint_application.store import applications as store
from stint_application.store import engagements as engagement_store
from stint_application.store import listings as listing_store
from stint_runtime.db import transaction
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["hire", "reject", "shortlist"]


def _owned(app: Application | None, owner: Caller) -> Application:
    found = require_found(app, "application")
    require_owner(owner, found.organization_id, "application")
    return found


async def _decide(
    pool: asyncpg.Pool,
    ctx: Context,
    owner: Caller,
    application_id: str,
    decision: Callable[[Application], Application],
) -> Application:
    return await locked_change(
        pool,
        ctx,
        APPLICATION,
        application_id,
        lambda app: require_owner(owner, app.organization_id, "application"),
        decision,
    )


async def shortlist(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, application_id: str
) -> Application:
    return await _decide(
        pool, ctx, owner, application_id, lambda app: rules.shortlist(app, ctx.clock())
    )


async def reject(
    pool: asyncpg.Pool,
    ctx: Context,
    owner: Caller,
    application_id: str,
    reason: RejectReason | None,
    note: str,
) -> Application:
    def decision(app: Application) -> Application:
        checked = validate_rejection(reason, note)
        return rules.reject(app, checked, note.strip(), ctx.clock())

    return await _decide(pool, ctx, owner, application_id, decision)


async def hire(pool: asyncpg.Pool, ctx: Context, owner: Caller, application_id: str) -> Engagement:
    """Hire into a free slot. The listing's projection row is locked first, so that
    concurrent hires on one listing count one after the other and never overfill it."""
    application_id = resource_id(application_id, "application")
    async with transaction(pool) as conn:
        seen = _owned(await store.get_application(conn, application_id), owner)
        listing = await listing_store.lock_listing(conn, seen.listing_id)
        app = _owned(await store.lock_application(conn, application_id), owner)
        # Applications reference the projection: a missing listing cannot happen.
        listing = require_found(listing, "listing")
        now = ctx.clock()
        engagement_id = str(uuid.uuid4())
        hired = rules.hire(app, engagement_id, now)
        require_free_slot(listing)
        engagement = work.start(engagement_id, hired, listing.duration_days, now)
        await store.save_application(conn, hired)
        await engagement_store.insert_engagement(conn, engagement)
        await listing_store.add_hire(conn, listing.id)
        await events.application_changed(conn, ctx.schema, hired)
        await events.engagement_changed(conn, ctx.schema, engagement)
        if filled_after_closing(with_hire(listing)):
            await close_open_on_listing(conn, ctx, listing.id, CloseReason.POSITION_FILLED)
        return engagement
