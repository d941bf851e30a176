"""A student applies, or withdraws."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping

import asyncpg

from stint_application import events
from stint_application.commands.changing import APPLICATION, locked_change
from stint_application.context import Context
from stint_application.domain import applications as rules
from stint_application.domain.access import require_student_of
from stint_application.domain.applications import Application, ApplicationStatus
from stint_application.domain.deadlines import decision_due_at
from stint_application.domain.listings import ListingStatus, require_accepting_applications
from stint_application.domain.validation import validate_application
from stint_application.store import applications as store
from stint_application.store.listings import get_listing, share_listing
from stint_runtime.db import connection, transaction
from stint_runtime.errors import Conflict, NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["submit", "withdraw"]

PROJECTION_POLL_S = 0.05


async def submit(
    pool: asyncpg.Pool,
    ctx: Context,
    student: Caller,
    listing_id: str,
    cover_note: str,
    answers: Mapping[str, str],
) -> Application:
    listing_id = resource_id(listing_id, "listing")
    validate_application(cover_note, answers)
    await _projected(pool, listing_id, ctx.unknown_listing_wait_s)
    async with transaction(pool) as conn:
        listing = await share_listing(conn, listing_id)
        if listing is None or listing.status is ListingStatus.DRAFT:
            raise NotFound("No such listing.")
        now = ctx.clock()
        require_accepting_applications(listing, now)
        app = Application(
            id=str(uuid.uuid4()),
            listing_id=listing.id,
            student_id=student.account_id,
            organization_id=listing.organization_id,
            status=ApplicationStatus.SUBMITTED,
            cover_note=cover_note,
            answers=dict(answers),
            decision_due_at=decision_due_at(listing.apply_by, now, ctx.decision_window),
            created_at=now,
            updated_at=now,
        )
        if not await store.insert_application(conn, app):
            raise Conflict("You already applied to this listing.")
        await events.application_changed(conn, ctx.schema, app)
        return app


async def _projected(pool: asyncpg.Pool, listing_id: str, within_s: float) -> None:
    """Wait, at most ``within_s``, for the listing's first event to reach this service's
    projection: a student who applies the moment a listing is published must not be told
    that it does not exist. A listing that never comes is answered 404 afterwards."""
    for _ in range(int(within_s / PROJECTION_POLL_S)):
        # A connection per look, none held while waiting: the consumer that writes the
        # projection needs one from the same pool.
        async with connection(pool) as conn:
            if await get_listing(conn, listing_id) is not None:
                return
        await asyncio.sleep(PROJECTION_POLL_S)


async def withdraw(
    pool: asyncpg.Pool, ctx: Context, student: Caller, application_id: str
) -> Application:
    return await locked_change(
        pool,
        ctx,
        APPLICATION,
        application_id,
        lambda app: require_student_of(student, app, "application"),
        lambda app: rules.withdraw(app, ctx.clock()),
    )
