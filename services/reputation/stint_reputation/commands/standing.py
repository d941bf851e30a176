"""ReputationChanged, whenever a change moved a subject's score (and only then: a
replayed event that changes no fact announces nothing)."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from stint_reputation import events
from stint_reputation.context import Context
from stint_reputation.domain.subjects import Subject
from stint_reputation.store import standing

__all__ = ["announce_standing"]


async def announce_standing(
    conn: asyncpg.Connection, ctx: Context, subjects: Iterable[Subject]
) -> None:
    """Inside the caller's transaction, after the facts changed."""
    for subject in subjects:
        reputation = await standing.reputation_for(conn, subject)
        moved = await standing.announce_if_changed(
            conn, subject.id, reputation.score, reputation.formula.id, ctx.clock()
        )
        if moved:
            await events.reputation_changed(conn, ctx.schema, reputation)
