"""Reminders on the clock (moved by the tests): apply-by 48 h ahead to matched students
who have not applied, decision deadlines 48 h ahead to the employer with the count
still undecided, half-way through an engagement to both sides, the review window
closing to the side that has not reviewed. Each once, also with several replicas
sweeping at the same moment, and none once what it reminds of is resolved."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest

from stint.application.v1 import application_pb2 as apb
from stint.reputation.v1 import events_pb2 as rev
from stint.reputation.v1 import reputation_pb2 as rpb
from stint_notification.commands.reminding import send_due_reminders
from stint_notification.context import Context
from stint_runtime import db
from tests.integration.clock import MovableClock
from tests.integration.notification.conftest import inbox_of, known, told
from tests.integration.notification.feed import (
    ENGAGEMENT_EVENTS,
    EventFeed,
    Person,
    engagement,
    timestamp,
)
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )
    from stint_runtime.service import RunningService

Sweep = Callable[[], Awaitable[int]]


@pytest.fixture
async def replicas(
    notification_service: RunningService, moved_clock: MovableClock
) -> AsyncIterator[list[Sweep]]:
    """The reminder sweeps of two more replicas, each with its own pool."""
    settings: Any = notification_service.spec.settings
    pools = [await db.create_pool(settings) for _ in range(2)]
    ctx = Context.from_settings(settings, moved_clock)
    yield [lambda p=p: send_due_reminders(p, ctx) for p in pools]  # type: ignore[misc]
    for pool in pools:
        await pool.close()


async def _status(pool: asyncpg.Pool, key: str) -> str | None:
    found: str | None = await pool.fetchval("SELECT status FROM reminders WHERE key = $1", key)
    return found


async def _types(notifications: Stub, person: Person) -> list[str]:
    return [n.type for n in (await inbox_of(notifications, person)).notifications]


async def test_apply_by_reminds_matched_students_who_did_not_apply(
    notifications: Stub,
    feed: EventFeed,
    pool: asyncpg.Pool,
    moved_clock: MovableClock,
    replicas: list[Sweep],
) -> None:
    owner = await feed.register("employer")
    waiting, applied = await feed.register("student"), await feed.register("student")
    apply_by = datetime.now(UTC) + timedelta(days=3)
    listing = await feed.publish_listing(
        owner, title="Survey analysis", apply_by=timestamp(apply_by)
    )
    matches = [await feed.match(listing, s, ["A fit."]) for s in (waiting, applied)]
    await feed.application_event("submitted", feed.application(listing, applied))
    await told(notifications, owner, "application.submitted")
    await told(notifications, applied, "match.found")
    keys = [f"apply_by:{m.match_id}" for m in matches]
    assert await _status(pool, keys[0]) == "pending"
    # Cancelled, or never scheduled when the application was known first (the two
    # events come on different topics, in either order).
    assert await _status(pool, keys[1]) in (None, "cancelled")

    moved_clock.advance(timedelta(days=1, minutes=1))
    await asyncio.gather(*(sweep() for sweep in replicas))
    (reminder,) = await told(notifications, waiting, "reminder.apply_by")
    assert "Survey analysis" in reminder.title and "Applications close" in reminder.body
    assert reminder.data["listing_id"] == listing.id
    assert await _status(pool, keys[0]) == "sent"
    await asyncio.gather(*(sweep() for sweep in replicas))
    assert (await _types(notifications, waiting)).count("reminder.apply_by") == 1
    assert "reminder.apply_by" not in await _types(notifications, applied)


async def test_decision_deadline_reminds_the_employer_with_the_undecided_count(
    notifications: Stub,
    feed: EventFeed,
    pool: asyncpg.Pool,
    moved_clock: MovableClock,
    replicas: list[Sweep],
) -> None:
    owner = await feed.register("employer")
    await known(pool, owner)
    listing = await feed.publish_listing(owner, title="Pricing page copy")
    due = datetime.now(UTC) + timedelta(days=5)
    apps = []
    for _ in range(3):
        app = feed.application(
            listing, await feed.register("student"), decision_due_at=timestamp(due)
        )
        apps.append(await feed.application_event("submitted", app))
    decided = apps[0]
    decided.status, decided.reject_reason, decided.version = (
        apb.APPLICATION_STATUS_REJECTED,
        apb.REJECT_REASON_OTHER,
        2,
    )
    await feed.application_event("rejected", decided, reason=apb.REJECT_REASON_OTHER)
    await told(notifications, owner, "application.submitted", 3)
    await eventually(
        lambda: pool.fetchval(
            "SELECT status = 'rejected' FROM applications WHERE application_id = $1", decided.id
        ),
        "the rejection in the projection",
    )

    moved_clock.advance(timedelta(days=3, minutes=1))
    await asyncio.gather(*(sweep() for sweep in replicas))
    (reminder,) = await told(notifications, owner, "reminder.decision_due")
    assert reminder.title == "2 applications on “Pricing page copy” await your decision"
    assert reminder.data["undecided"] == "2"
    await asyncio.gather(*(sweep() for sweep in replicas))
    assert (await _types(notifications, owner)).count("reminder.decision_due") == 1


async def test_check_in_half_way_to_both_sides_unless_delivered(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool, moved_clock: MovableClock
) -> None:
    owner = await feed.register("employer")
    working, delivered = await feed.register("student"), await feed.register("student")
    await known(pool, owner)
    listing = await feed.publish_listing(owner, title="Onboarding emails")
    engagements = {}
    for student in (working, delivered):
        app = feed.application(listing, student)
        started = engagement(app)
        await feed.send(ENGAGEMENT_EVENTS["started"](engagement=started), started.id)
        engagements[student.id] = started
    early = engagements[delivered.id]
    early.status, early.version = apb.ENGAGEMENT_STATUS_DELIVERED, 2
    await feed.send(ENGAGEMENT_EVENTS["delivered"](engagement=early), early.id)
    await told(notifications, owner, "engagement.delivered")
    assert await _status(pool, f"check_in:{early.id}:student") == "cancelled"

    moved_clock.advance(timedelta(days=5, minutes=1))
    (mine,) = await told(notifications, working, "reminder.check_in")
    assert mine.title == "Half-way through “Onboarding emails”"
    assert "Your work is due" in mine.body
    (theirs,) = await told(notifications, owner, "reminder.check_in")
    assert "check-in" in theirs.body
    assert "reminder.check_in" not in await _types(notifications, delivered)


async def test_review_window_closing_reminds_the_side_that_has_not_reviewed(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool, moved_clock: MovableClock
) -> None:
    owner = await feed.register("employer")
    student = await feed.register("student")
    await known(pool, owner)
    engagement_id = str(feed.application(await feed.publish_listing(owner), student).id)
    closes_at = datetime.now(UTC) + timedelta(days=14)
    await feed.send(
        rev.ReviewWindowOpened(
            engagement_id=engagement_id,
            student_id=student.id,
            organization_id=owner.organization_id,
            listing_title="Data cleanup",
            closes_at=timestamp(closes_at),
        ),
        engagement_id,
    )
    await told(notifications, student, "review.window_opened")
    await feed.send(
        rev.ReviewSubmitted(
            review_id=engagement_id, engagement_id=engagement_id, side=rpb.REVIEWER_SIDE_STUDENT
        ),
        engagement_id,
    )
    await eventually(lambda: _cancelled(pool, engagement_id), "the student's reminder cancelled")
    moved_clock.advance(timedelta(days=12, minutes=1))
    (reminder,) = await told(notifications, owner, "reminder.review_closing")
    assert "“Data cleanup”" in reminder.title
    assert "reminder.review_closing" not in await _types(notifications, student)


async def _cancelled(pool: asyncpg.Pool, engagement_id: str) -> bool:
    return await _status(pool, f"review_closing:{engagement_id}:student") == "cancelled"
