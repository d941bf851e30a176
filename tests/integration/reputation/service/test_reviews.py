"""Double-blind reviews at the service: neither side's review shows anywhere (lists,
counts, scores, events) until both are in, then both publish at once; one review
publishes when the window ends; bad reviews are refused with nothing stored."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

import asyncpg
import grpc
import pytest

from stint.application.v1 import events_pb2 as aev
from stint.reputation.v1 import events_pb2 as rev
from stint.reputation.v1 import reputation_pb2 as pb
from stint_runtime.identity import Caller
from stint_runtime.rpc.errors import field_errors_from
from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.reputation.service.feed import EventFeed
from tests.integration.reputation.service.steps import (
    refused,
    reputation_of,
    review,
    reviews_about,
)
from tests.integration.reputation.service.story import (
    completed_story,
    engagement_of,
    events_of,
    parties,
)
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )


async def _stored(service: RunningService, engagement_id: str) -> int:
    found: int = await service.pool.fetchval(
        "SELECT count(*) FROM reviews WHERE engagement_id = $1", engagement_id
    )
    return found


async def test_both_reviews_publish_at_once_when_the_second_arrives(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    story = await completed_story(feed)
    student, employer = story.student, story.employer
    organization = story.parties.organization_id
    before_student = await reputation_of(reputation, student.account_id)
    before_organization = await reputation_of(reputation, employer.account_id)

    receipt = await review(
        reputation, student, story.engagement.id, rating=4, comment="Clear brief"
    )
    assert receipt.published is False
    # Nobody sees it: not the other side, not anyone, not through counts or scores.
    for viewer in (employer, student, None):
        assert await reviews_about(reputation, employer.account_id, viewer) == []
        assert await reviews_about(reputation, organization, viewer) == []
    unchanged = await reputation_of(reputation, employer.account_id)
    assert unchanged.review_count == 0
    assert unchanged.score == before_organization.score
    submitted = await reputation_service.pool.fetch(
        "SELECT event_type, payload FROM outbox WHERE key = $1 ORDER BY id", story.engagement.id
    )
    assert [r["event_type"].rsplit(".", 1)[-1] for r in submitted] == [
        "ReviewWindowOpened",
        "ReviewSubmitted",
    ]
    event = rev.ReviewSubmitted.FromString(submitted[1]["payload"])
    assert event.side == pb.REVIEWER_SIDE_STUDENT
    assert "Clear brief" not in str(event) and "rating" not in str(event)

    second = await review(
        reputation,
        employer,
        story.engagement.id,
        rating=5,
        comment="Shipped early",
        endorsed=["Python"],
    )
    assert second.published is False
    about_student = await reviews_about(reputation, student.account_id)
    about_organization = await reviews_about(reputation, employer.account_id)
    assert [r.comment for r in about_student] == ["Shipped early"]
    assert list(about_student[0].endorsed_skills) == ["python"]
    assert [r.rating for r in about_organization] == [4]
    assert about_student[0].published_at == about_organization[0].published_at
    assert about_organization[0].subject_id == organization
    assert await events_of(reputation_service.pool, story.engagement.id) == [
        "ReviewWindowOpened",
        "ReviewSubmitted",
        "ReviewSubmitted",
        "ReviewsPublished",
    ]
    after = await reputation_of(reputation, student.account_id)
    assert after.review_count == 1 and after.score != before_student.score
    assert [(s.name, s.endorsements) for s in after.verified_skills] == [("python", 1)]
    assert "SkillVerified" in await events_of(reputation_service.pool, student.account_id)


async def test_one_review_publishes_when_the_window_ends_and_never_changes(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService, moved_clock: MovableClock
) -> None:
    story = await completed_story(feed)
    await review(reputation, story.employer, story.engagement.id, rating=3, comment="Okay")
    assert await reviews_about(reputation, story.student.account_id) == []

    moved_clock.advance(timedelta(days=14, minutes=1))

    async def published() -> list[pb.Review] | None:
        found = await reviews_about(reputation, story.student.account_id)
        return found or None

    shown = await eventually(published, "the lone review to publish when the window ended")
    assert [r.comment for r in shown] == ["Okay"]
    late = await refused(review(reputation, story.student, story.engagement.id))
    assert late.code() == grpc.StatusCode.FAILED_PRECONDITION
    again = await refused(review(reputation, story.employer, story.engagement.id, rating=5))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert await _stored(reputation_service, story.engagement.id) == 1
    # The database refuses changing a published review, too.
    with pytest.raises(asyncpg.RaiseError, match="cannot change"):
        await reputation_service.pool.execute(
            "UPDATE reviews SET rating = 5 WHERE engagement_id = $1", story.engagement.id
        )


async def test_bad_reviews_are_refused_and_nothing_is_stored(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    story = await completed_story(feed)
    engagement_id = story.engagement.id

    async def field_of(error: grpc.aio.AioRpcError) -> list[list[str | int]]:
        trailing = tuple((str(k), v) for k, v in (error.trailing_metadata() or ()))
        return [list(e.loc) for e in field_errors_from(trailing)]

    out_of_range = await refused(review(reputation, story.student, engagement_id, rating=6))
    assert out_of_range.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert await field_of(out_of_range) == [["rating"]]
    student_endorsing = await refused(
        review(reputation, story.student, engagement_id, endorsed=["python"])
    )
    assert student_endorsing.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert await field_of(student_endorsing) == [["endorsed_skills"]]
    not_on_listing = await refused(
        review(reputation, story.employer, engagement_id, endorsed=["python", "cobol"])
    )
    assert await field_of(not_on_listing) == [["endorsed_skills", 1]]
    stranger = Caller(str(uuid.uuid4()), "employer", str(uuid.uuid4()))
    other_student = Caller(str(uuid.uuid4()), "student")
    for outsider in (stranger, other_student):
        hidden = await refused(review(reputation, outsider, engagement_id))
        assert hidden.code() == grpc.StatusCode.NOT_FOUND
    unknown = await refused(review(reputation, story.student, str(uuid.uuid4())))
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    assert await _stored(reputation_service, engagement_id) == 0

    await review(reputation, story.student, engagement_id)
    twice = await refused(review(reputation, story.student, engagement_id, rating=1))
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert await _stored(reputation_service, engagement_id) == 1


async def test_no_review_before_completion(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    who = await parties(feed)
    posted = await feed.listing(who.organization_id)
    active = engagement_of(who, posted.id)
    await feed.engagement(aev.EngagementStarted, active)
    await feed.wait_for("engagements", "engagement_id", active.id)
    early = await refused(review(reputation, who.student, active.id))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "completed" in (early.details() or "")
    assert await _stored(reputation_service, active.id) == 0


async def test_unknown_users_have_no_reputation(reputation: Stub) -> None:
    missing = await refused(reputation_of(reputation, str(uuid.uuid4())))
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    bad = await refused(reputation_of(reputation, "not-a-uuid"))
    assert bad.code() == grpc.StatusCode.NOT_FOUND


async def test_both_sides_at_the_same_moment_publish_once(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    story = await completed_story(feed)
    await asyncio.gather(
        review(reputation, story.student, story.engagement.id, rating=4),
        review(reputation, story.employer, story.engagement.id, rating=5),
    )
    kinds = await events_of(reputation_service.pool, story.engagement.id)
    assert kinds.count("ReviewsPublished") == 1 and kinds.count("ReviewSubmitted") == 2
    assert [r.rating for r in await reviews_about(reputation, story.student.account_id)] == [5]
    assert [r.rating for r in await reviews_about(reputation, story.employer.account_id)] == [4]
