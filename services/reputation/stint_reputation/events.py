"""The events this service publishes on ``stint.reputation.v1``, written to the outbox
in the transaction of the change. No event says anything of a review before it is
published: ReviewSubmitted carries who and when, never what."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg
from google.protobuf.message import Message

from stint.reputation.v1 import events_pb2 as ev
from stint_reputation.domain.institutions import Credit, InstitutionLink
from stint_reputation.domain.projections import EngagementView
from stint_reputation.domain.reviews import Review, ReviewWindow
from stint_reputation.domain.scoring import Reputation, VerifiedSkill
from stint_reputation.wire import SIDES, credit_message, link_message, review_message
from stint_runtime import outbox, topics
from stint_runtime.timestamps import to_timestamp

__all__ = [
    "credential_issued",
    "credential_revoked",
    "credit_granted",
    "institution_linked",
    "reputation_changed",
    "review_submitted",
    "reviews_published",
    "skill_verified",
    "window_opened",
]


async def _enqueue(conn: asyncpg.Connection, schema: str, key: str, event: Message) -> None:
    await outbox.enqueue(conn, topic=topics.REPUTATION, key=key, event=event, schema=schema)


async def window_opened(
    conn: asyncpg.Connection,
    schema: str,
    engagement: EngagementView,
    window: ReviewWindow,
    title: str,
) -> None:
    event = ev.ReviewWindowOpened(
        engagement_id=engagement.id,
        student_id=engagement.student_id,
        organization_id=engagement.organization_id,
        listing_title=title,
        closes_at=to_timestamp(window.closes_at),
    )
    await _enqueue(conn, schema, engagement.id, event)


async def review_submitted(conn: asyncpg.Connection, schema: str, review: Review) -> None:
    event = ev.ReviewSubmitted(
        review_id=review.id,
        engagement_id=review.engagement_id,
        side=SIDES[review.side],
        submitted_at=to_timestamp(review.submitted_at),
    )
    await _enqueue(conn, schema, review.engagement_id, event)


async def reviews_published(
    conn: asyncpg.Connection, schema: str, engagement: EngagementView, reviews: Sequence[Review]
) -> None:
    event = ev.ReviewsPublished(
        engagement_id=engagement.id,
        student_id=engagement.student_id,
        organization_id=engagement.organization_id,
        reviews=[review_message(r) for r in reviews],
    )
    await _enqueue(conn, schema, engagement.id, event)


async def skill_verified(
    conn: asyncpg.Connection, schema: str, student_id: str, skill: VerifiedSkill
) -> None:
    event = ev.SkillVerified(
        student_id=student_id, skill=skill.name, endorsements=skill.endorsements
    )
    await _enqueue(conn, schema, student_id, event)


async def reputation_changed(conn: asyncpg.Connection, schema: str, reputation: Reputation) -> None:
    subject = reputation.subject.id
    event = ev.ReputationChanged(
        user_id=subject, score=reputation.score, formula_id=reputation.formula.id
    )
    await _enqueue(conn, schema, subject, event)


async def credential_issued(
    conn: asyncpg.Connection,
    schema: str,
    credential_id: str,
    engagement: EngagementView,
    title: str,
    organization_name: str,
    issued_at: datetime,
) -> None:
    event = ev.CredentialIssued(
        credential_id=credential_id,
        student_id=engagement.student_id,
        engagement_id=engagement.id,
        listing_title=title,
        organization_name=organization_name,
        issued_at=to_timestamp(issued_at),
    )
    await _enqueue(conn, schema, credential_id, event)


async def credential_revoked(
    conn: asyncpg.Connection,
    schema: str,
    credential_id: str,
    student_id: str,
    reason: str,
    revoked_at: datetime,
) -> None:
    event = ev.CredentialRevoked(
        credential_id=credential_id,
        student_id=student_id,
        reason=reason,
        revoked_at=to_timestamp(revoked_at),
    )
    await _enqueue(conn, schema, credential_id, event)


async def credit_granted(conn: asyncpg.Connection, schema: str, credit: Credit) -> None:
    await _enqueue(conn, schema, credit.student_id, ev.CreditGranted(credit=credit_message(credit)))


async def institution_linked(conn: asyncpg.Connection, schema: str, link: InstitutionLink) -> None:
    event = ev.InstitutionLinked(link=link_message(link))
    await _enqueue(conn, schema, link.student_id, event)
