"""The events this service publishes on ``stint.matching.v1``, written to the outbox in
the transaction of the change. Key: the student id (a student's events stay in order)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from stint.matching.v1 import events_pb2 as ev
from stint.matching.v1 import matching_pb2 as pb
from stint_matching.domain.listings import ListingView
from stint_matching.domain.profiles import Profile
from stint_matching.wire import profile_message
from stint_runtime import outbox, topics
from stint_runtime.timestamps import to_timestamp

__all__ = ["match_id", "matches_found", "profile_updated"]

_MATCHES = uuid.UUID("6d1f3c2a-9b7e-4f0a-8c55-2f4e7a1b9d30")
"""The namespace of match ids (UUID v5 of listing and student)."""


def match_id(listing_id: str, student_id: str) -> str:
    """Stable per (listing, student): consumers may key their own records by it."""
    return str(uuid.uuid5(_MATCHES, f"{listing_id}:{student_id}"))


async def profile_updated(conn: asyncpg.Connection, schema: str, profile: Profile) -> None:
    await outbox.enqueue(
        conn,
        topic=topics.MATCHING,
        key=profile.student_id,
        event=ev.ProfileUpdated(profile=profile_message(profile)),
        schema=schema,
    )


async def matches_found(
    conn: asyncpg.Connection, schema: str, listing: ListingView, matches: Sequence[pb.Match]
) -> None:
    """One MatchFound per match, with what a "new project for you" message needs,
    written to the outbox in one statement: a popular listing matches thousands."""
    apply_by = to_timestamp(listing.apply_by)
    found = [
        ev.MatchFound(
            match=match,
            listing_title=listing.title,
            organization_name=listing.organization_name,
            industry=listing.industry,
            apply_by=apply_by,
            match_id=match_id(listing.id, match.student_id),
        )
        for match in matches
    ]
    await outbox.enqueue_many(
        conn, topic=topics.MATCHING, keyed=[(m.match.student_id, m) for m in found], schema=schema
    )
