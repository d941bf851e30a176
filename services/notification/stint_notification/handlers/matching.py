"""MatchFound: the student hears of a new project with the reasons it fits, and is
reminded of its apply-by ahead of time unless they apply first."""

from __future__ import annotations

import asyncpg

from stint.matching.v1 import events_pb2 as matching_events
from stint_notification.commands import reminding
from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.matches import MatchFact, match_message
from stint_notification.domain.records import Audience
from stint_notification.domain.reminders import ReminderKind
from stint_notification.store import projections
from stint_notification.store.reminders import hold_apply_by
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["matching_subscription"]


def _on_match(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = matching_events.MatchFound.FromString(event.payload)
        match = message.match
        if not match.student_id or not match.listing_id:
            raise ValueError(f"match event without student or listing: {message.match_id!r}")
        fact = MatchFact(
            match_id=message.match_id or f"{match.listing_id}:{match.student_id}",
            listing_id=match.listing_id,
            student_id=match.student_id,
            listing_title=message.listing_title,
            organization_name=message.organization_name,
            apply_by=from_timestamp(message.apply_by),
            reasons=list(match.reasons),
            score=match.score,
            exploration=match.exploration,
        )
        await tell(conn, ctx, [match_message(fact)])
        await hold_apply_by(conn, fact.student_id, fact.listing_id)
        if await projections.applied(conn, fact.student_id, fact.listing_id):
            return  # applied already (the application's event came first)
        await reminding.schedule(
            conn,
            ctx,
            ReminderKind.APPLY_BY,
            f"apply_by:{fact.match_id}",
            fact.listing_id,
            Audience.account(fact.student_id),
            fact.apply_by,
            {"title": fact.listing_title, "organization_name": fact.organization_name},
        )

    return handle


def matching_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name="notification.matching-events",
        topics=(topics.MATCHING,),
        handlers={"stint.matching.v1.MatchFound": _on_match(ctx)},
    )
