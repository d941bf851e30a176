"""A listing was published: every student whose match reaches the threshold hears of
it once (MatchFound), never twice, whatever is replayed or published again."""

from __future__ import annotations

import asyncpg

from stint.matching.v1 import matching_pb2 as pb
from stint_matching import events
from stint_matching.context import Context
from stint_matching.domain.listings import ListingView
from stint_matching.domain.reasons import Audience
from stint_matching.store.matches import claim_new_matches
from stint_matching.store.refresh import catch_up_within
from stint_matching.wire import match_message

__all__ = ["announce_matches"]


async def announce_matches(conn: asyncpg.Connection, ctx: Context, listing: ListingView) -> int:
    """Inside the handler's transaction, before it writes anything (so that the index
    catches up with committed rows only); how many MatchFound were announced."""
    if not listing.open_at(ctx.clock()):
        return 0
    index = await catch_up_within(conn, ctx)
    found = index.matching_students(listing, ctx.match_threshold)
    new = await claim_new_matches(conn, listing.id, found, ctx.clock())
    if not new:
        return 0
    scored = index.score_students(listing, (s for s, _ in found if s in new))
    # Students alike share one assessment, so its words are made once.
    worded: dict[int, pb.Match] = {}
    matches = []
    for student_id, assessment in scored:
        template = worded.get(id(assessment))
        if template is None:
            template = worded[id(assessment)] = match_message(
                listing.id, "", assessment, Audience.STUDENT
            )
        match = pb.Match()
        match.CopyFrom(template)
        match.student_id = student_id
        matches.append(match)
    await events.matches_found(conn, ctx.schema, listing, matches)
    return len(matches)
