"""Reputation events for the people they concern: the window opens for both sides, the
reviews are published, a credential is issued, credit is granted (named by the
institution's account)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from stint.reputation.v1 import events_pb2 as rev
from stint.reputation.v1 import reputation_pb2 as rpb
from tests.integration.notification.conftest import known, told
from tests.integration.notification.feed import EventFeed, timestamp

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


async def test_reviews_credentials_and_credit_are_told(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool
) -> None:
    owner = await feed.register("employer")
    student = await feed.register("student")
    school = await feed.register("institution", "Example University")
    for person in (owner, school):
        await known(pool, person)
    engagement_id = str(uuid.uuid4())
    closes = datetime.now(UTC) + timedelta(days=14)
    await feed.send(
        rev.ReviewWindowOpened(
            engagement_id=engagement_id,
            student_id=student.id,
            organization_id=owner.organization_id,
            listing_title="Data cleanup",
            closes_at=timestamp(closes),
        ),
        engagement_id,
    )
    (opened,) = await told(notifications, owner, "review.window_opened")
    assert opened.title == "Review your engagement on “Data cleanup”"
    await told(notifications, student, "review.window_opened")

    await feed.send(
        rev.ReviewsPublished(
            engagement_id=engagement_id,
            student_id=student.id,
            organization_id=owner.organization_id,
        ),
        engagement_id,
    )
    (published,) = await told(notifications, student, "review.published")
    assert published.title == "The reviews of “Data cleanup” are published"
    assert (
        await pool.fetchval(
            "SELECT count(*) FROM reminders WHERE subject_id = $1 AND status = 'pending'",
            engagement_id,
        )
        == 0
    )

    credential_id = str(uuid.uuid4())
    await feed.send(
        rev.CredentialIssued(
            credential_id=credential_id,
            student_id=student.id,
            engagement_id=engagement_id,
            listing_title="Data cleanup",
            organization_name="Northwind Labs",
        ),
        credential_id,
    )
    (credential,) = await told(notifications, student, "credential.issued")
    assert credential.data["link"] == f"/credentials/{credential_id}"
    assert "Northwind Labs confirmed your work" in credential.body

    credit = rpb.Credit(
        id=str(uuid.uuid4()),
        institution_id=school.id,
        student_id=student.id,
        engagement_id=engagement_id,
        credits=2.5,
        term="Spring 2027",
    )
    await feed.send(rev.CreditGranted(credit=credit), student.id)
    (granted,) = await told(notifications, student, "credit.granted")
    assert granted.title == "Example University granted you 2.5 credits"
    assert "(Spring 2027)" in granted.body
