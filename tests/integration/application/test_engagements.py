"""Engagements: the student delivers, the owner completes; either side cancels with a
reason; delivered work nobody acted on completes after the window."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

import grpc

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.common.v1 import page_pb2
from stint_runtime.identity import Caller
from stint_runtime.service import RunningService
from tests.integration.application.conftest import acting_as, employer, student
from tests.integration.application.feed import ListingFeed
from tests.integration.application.steps import apply, events_of, hire, refused
from tests.integration.clock import MovableClock
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


async def _engaged(stub: Stub, feed: ListingFeed) -> tuple[Caller, Caller, pb.Engagement]:
    owner, applicant = employer(), student()
    listing = await feed.publish(owner.organization_id or "")
    app = await apply(stub, applicant, listing.id)
    return owner, applicant, await hire(stub, owner, app.id)


def _deliver(engagement_id: str, summary: str = "Dashboard live", *links: str) -> object:
    return api.DeliverEngagementRequest(
        engagement_id=engagement_id, summary=summary, links=list(links)
    )


async def test_deliver_then_complete(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner, applicant, engagement = await _engaged(applications, feed)
    ref = api.EngagementRef(engagement_id=engagement.id)

    with acting_as(owner):
        early = await refused(applications.CompleteEngagement(ref))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION
    with acting_as(owner):
        wrong_side = await refused(
            applications.DeliverEngagement(_deliver(engagement.id))  # type: ignore[arg-type]
        )
    assert wrong_side.code() == grpc.StatusCode.PERMISSION_DENIED
    with acting_as(student()):
        outsider = await refused(
            applications.DeliverEngagement(_deliver(engagement.id))  # type: ignore[arg-type]
        )
    assert outsider.code() == grpc.StatusCode.NOT_FOUND
    with acting_as(applicant):
        bad_link = await refused(
            applications.DeliverEngagement(
                _deliver(engagement.id, "Done", "ftp://example.org/x")  # type: ignore[arg-type]
            )
        )
        delivered = await applications.DeliverEngagement(
            _deliver(engagement.id, "Dashboard live", "https://example.org/d")  # type: ignore[arg-type]
        )
    assert bad_link.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert delivered.status == pb.ENGAGEMENT_STATUS_DELIVERED
    assert list(delivered.delivery_links) == ["https://example.org/d"]
    assert delivered.HasField("auto_complete_at")

    with acting_as(owner):
        completed = await applications.CompleteEngagement(ref)
    assert completed.status == pb.ENGAGEMENT_STATUS_COMPLETED
    assert not completed.completed_automatically
    assert await events_of(application_service.pool, engagement.id) == [
        "EngagementStarted",
        "EngagementDelivered",
        "EngagementCompleted",
    ]


async def test_either_side_cancels_with_a_reason(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner, applicant, engagement = await _engaged(applications, feed)
    with acting_as(applicant):
        no_reason = await refused(
            applications.CancelEngagement(
                api.CancelEngagementRequest(engagement_id=engagement.id, reason=" ")
            )
        )
    assert no_reason.code() == grpc.StatusCode.INVALID_ARGUMENT
    with acting_as(owner):
        cancelled = await applications.CancelEngagement(
            api.CancelEngagementRequest(engagement_id=engagement.id, reason="Budget withdrawn")
        )
    assert cancelled.status == pb.ENGAGEMENT_STATUS_CANCELLED
    assert cancelled.cancel_reason == "Budget withdrawn"
    assert cancelled.cancelled_by == owner.account_id
    with acting_as(applicant):
        again = await refused(
            applications.CancelEngagement(
                api.CancelEngagementRequest(engagement_id=engagement.id, reason="Me too")
            )
        )
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert (await events_of(application_service.pool, engagement.id))[-1] == ("EngagementCancelled")


async def test_delivered_work_completes_by_itself_after_the_window(
    applications: Stub,
    feed: ListingFeed,
    application_service: RunningService,
    moved_clock: MovableClock,
) -> None:
    _, applicant, engagement = await _engaged(applications, feed)
    with acting_as(applicant):
        await applications.DeliverEngagement(_deliver(engagement.id))  # type: ignore[arg-type]
    ref = api.EngagementRef(engagement_id=engagement.id)

    moved_clock.advance(timedelta(days=7, minutes=1))

    async def completed() -> pb.Engagement | None:
        with acting_as(applicant):
            seen = await applications.GetEngagement(ref)
        return seen if seen.status == pb.ENGAGEMENT_STATUS_COMPLETED else None

    done = await eventually(completed, "the delivered engagement to complete by itself")
    assert done.completed_automatically
    assert await events_of(application_service.pool, engagement.id) == [
        "EngagementStarted",
        "EngagementDelivered",
        "EngagementCompleted",
    ]


async def test_each_side_lists_its_engagements(applications: Stub, feed: ListingFeed) -> None:
    owner, applicant, engagement = await _engaged(applications, feed)
    for caller in (owner, applicant):
        with acting_as(caller):
            page = await applications.ListMyEngagements(api.ListMyEngagementsRequest())
        assert [e.id for e in page.engagements] == [engagement.id]
    with acting_as(student()):
        page = await applications.ListMyEngagements(api.ListMyEngagementsRequest())
    assert list(page.engagements) == []


async def test_engagements_come_in_pages_newest_first(
    applications: Stub, feed: ListingFeed
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=3)
    made = [
        await hire(applications, owner, (await apply(applications, student(), listing.id)).id)
        for _ in range(3)
    ]
    with acting_as(owner):
        first = await applications.ListMyEngagements(
            api.ListMyEngagementsRequest(page=page_pb2.PageRequest(limit=2))
        )
        second = await applications.ListMyEngagements(
            api.ListMyEngagementsRequest(
                page=page_pb2.PageRequest(limit=2, cursor=first.next_cursor)
            )
        )
    assert len(first.engagements) == 2
    assert first.next_cursor and not second.next_cursor
    newest_first = sorted(
        made, key=lambda e: (e.started_at.ToDatetime(), uuid.UUID(e.id)), reverse=True
    )
    listed = [e.id for e in [*first.engagements, *second.engagements]]
    assert listed == [e.id for e in newest_first]
