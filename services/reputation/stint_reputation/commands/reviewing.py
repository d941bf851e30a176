"""A side reviews a completed engagement, once. The receipt never says whether the
other side reviewed (``published`` is false on every receipt); when this review is
the second, both publish in this same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from stint_reputation import events
from stint_reputation.commands.publishing import publish_window
from stint_reputation.context import Context
from stint_reputation.domain import reviews as rules
from stint_reputation.domain.access import require_found
from stint_reputation.domain.reviews import Review, Side
from stint_reputation.store import reviews as store
from stint_reputation.store.projections import get_listing, lock_engagement
from stint_runtime.db import transaction
from stint_runtime.errors import Conflict
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["submit_review"]


async def submit_review(
    pool: asyncpg.Pool,
    ctx: Context,
    caller: Caller,
    engagement_id: str,
    rating: int,
    comment: str,
    endorsed_skills: Sequence[str],
) -> Review:
    engagement_id = resource_id(engagement_id, "engagement")
    rules.validate_review(rating, comment, endorsed_skills)
    async with transaction(pool) as conn:
        engagement = require_found(await lock_engagement(conn, engagement_id), "engagement")
        side = rules.side_of(caller, engagement)
        window = await store.lock_window(conn, engagement.id)
        submitted = await store.reviews_of(conn, engagement.id)
        now = ctx.clock()
        rules.require_reviewable(window, {r.side for r in submitted}, side, now)
        skills: tuple[str, ...] = ()
        if endorsed_skills:
            listing = await get_listing(conn, engagement.listing_id)
            if listing is None and side is Side.ORGANIZATION:
                raise Conflict("The listing's skills are not known here yet; retry shortly.")
            skills = rules.endorsements(side, endorsed_skills, listing.skills if listing else ())
        review = Review(
            id=str(uuid.uuid4()),
            engagement_id=engagement.id,
            side=side,
            author_id=caller.account_id,
            subject_id=rules.subject_for(side, engagement),
            rating=rating,
            comment=comment.strip(),
            endorsed_skills=skills,
            submitted_at=now,
        )
        await store.insert_review(conn, review)
        await events.review_submitted(conn, ctx.schema, review)
        if len(submitted) + 1 == len(Side):
            await publish_window(conn, ctx, engagement, now)
        return review
