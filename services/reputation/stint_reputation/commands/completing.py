"""What a completed engagement sets off, once however often its events arrive: the
review window opens (ReviewWindowOpened), the completion credential is issued as soon
as the listing is known (CredentialIssued), and both sides' scores move."""

from __future__ import annotations

import asyncpg

from stint_reputation import events
from stint_reputation.commands.issuing import issue_credential
from stint_reputation.commands.standing import announce_standing
from stint_reputation.context import Context
from stint_reputation.domain.projections import EngagementStatus
from stint_reputation.domain.reviews import open_window
from stint_reputation.domain.subjects import Subject, SubjectKind
from stint_reputation.store import credentials, reviews
from stint_reputation.store.projections import get_listing, lock_engagement

__all__ = ["settle_completion"]


async def settle_completion(conn: asyncpg.Connection, ctx: Context, engagement_id: str) -> None:
    """Inside the caller's (an event handler's) transaction. Safe to call again: the
    window and the credential exist at most once per engagement."""
    engagement = await lock_engagement(conn, engagement_id)
    if engagement is None or engagement.status is not EngagementStatus.COMPLETED:
        return
    listing = await get_listing(conn, engagement.listing_id)
    window = open_window(engagement, ctx.review_window, ctx.clock())
    opened = await reviews.insert_window(conn, window)
    if opened:
        title = listing.title if listing else ""
        await events.window_opened(conn, ctx.schema, engagement, window, title)
    if (
        listing is not None
        and await credentials.credential_for_engagement(conn, engagement.id) is None
    ):
        await issue_credential(conn, ctx, engagement, listing)
    if opened:
        await announce_standing(
            conn,
            ctx,
            [
                Subject(engagement.student_id, SubjectKind.STUDENT),
                Subject(engagement.organization_id, SubjectKind.ORGANIZATION),
            ],
        )
