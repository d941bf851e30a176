"""Hiring into slots: never more hires than slots, also under concurrent requests; a
closing listing closes every application still open on it, with a reason."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import grpc

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.listing.v1 import listing_pb2
from stint_runtime.service import RunningService
from tests.integration.application.conftest import acting_as, employer, student
from tests.integration.application.feed import ListingFeed, timestamp
from tests.integration.application.steps import apply, events_of, get, hire, refused

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


async def test_ten_concurrent_hires_on_two_slots_make_exactly_two_engagements(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=2)
    made = [await apply(applications, student(), listing.id) for _ in range(10)]

    async def try_hire(app_id: str) -> pb.Engagement | grpc.aio.AioRpcError:
        try:
            return await hire(applications, owner, app_id)
        except grpc.aio.AioRpcError as error:
            return error

    outcomes = await asyncio.gather(*(try_hire(a.id) for a in made))

    engagements = [o for o in outcomes if isinstance(o, pb.Engagement)]
    refusals = [o for o in outcomes if isinstance(o, grpc.aio.AioRpcError)]
    assert len(engagements) == 2
    assert len(refusals) == 8
    assert {r.code() for r in refusals} == {grpc.StatusCode.FAILED_PRECONDITION}
    assert all("No slot left" in (r.details() or "") for r in refusals)
    pool = application_service.pool
    assert (
        await pool.fetchval("SELECT count(*) FROM engagements WHERE listing_id = $1", listing.id)
        == 2
    )
    assert (
        await pool.fetchval(
            "SELECT hires FROM listing_projection WHERE listing_id = $1", listing.id
        )
        == 2
    )
    hired = await pool.fetchval(
        "SELECT count(*) FROM applications WHERE listing_id = $1 AND status = 'hired'",
        listing.id,
    )
    assert hired == 2


async def test_a_hire_starts_an_engagement_and_writes_both_events(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", duration_days=10)
    applicant = student()
    app = await apply(applications, applicant, listing.id)
    engagement = await hire(applications, owner, app.id)

    assert engagement.status == pb.ENGAGEMENT_STATUS_ACTIVE
    assert engagement.student_id == applicant.account_id
    started = engagement.started_at.ToDatetime(tzinfo=UTC)
    assert engagement.due_at.ToDatetime(tzinfo=UTC) - started == timedelta(days=10)
    seen = await get(applications, applicant, app.id)
    assert seen.status == pb.APPLICATION_STATUS_HIRED
    assert seen.engagement_id == engagement.id
    assert await events_of(application_service.pool, app.id) == [
        "ApplicationSubmitted",
        "ApplicationHired",
    ]
    assert await events_of(application_service.pool, engagement.id) == ["EngagementStarted"]


async def test_only_the_owner_hires(applications: Stub, feed: ListingFeed) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    applicant = student()
    app = await apply(applications, applicant, listing.id)
    error = await refused(hire(applications, employer(), app.id))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    error = await refused(hire(applications, applicant, app.id))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert (await get(applications, applicant, app.id)).status == pb.APPLICATION_STATUS_SUBMITTED


async def test_a_filled_listing_closes_the_rest_as_position_filled(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    chosen, waiting, shortlisted = (student(), student(), student())
    chosen_app = await apply(applications, chosen, listing.id)
    waiting_app = await apply(applications, waiting, listing.id)
    shortlisted_app = await apply(applications, shortlisted, listing.id)
    with acting_as(owner):
        await applications.ShortlistApplication(
            api.ApplicationRef(application_id=shortlisted_app.id)
        )
    await hire(applications, owner, chosen_app.id)

    await feed.close(listing, listing_pb2.CLOSE_REASON_FILLED)

    for applicant, app in ((waiting, waiting_app), (shortlisted, shortlisted_app)):
        closed = await get(applications, applicant, app.id)
        assert closed.status == pb.APPLICATION_STATUS_CLOSED
        assert closed.close_reason == pb.APPLICATION_CLOSE_REASON_POSITION_FILLED
        assert "filled" in closed.outcome_message
        assert (await events_of(application_service.pool, app.id))[-1] == "ApplicationClosed"
    assert (await get(applications, chosen, chosen_app.id)).status == pb.APPLICATION_STATUS_HIRED


async def test_a_withdrawn_listing_closes_open_applications_as_listing_closed(
    applications: Stub, feed: ListingFeed
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    applicant = student()
    app = await apply(applications, applicant, listing.id)
    await feed.close(listing, listing_pb2.CLOSE_REASON_WITHDRAWN)
    closed = await get(applications, applicant, app.id)
    assert closed.status == pb.APPLICATION_STATUS_CLOSED
    assert closed.close_reason == pb.APPLICATION_CLOSE_REASON_LISTING_CLOSED


async def test_after_apply_by_the_owner_still_decides_until_the_slots_are_full(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    soon = datetime.now(UTC) + timedelta(seconds=1)
    listing = await feed.publish(owner.organization_id or "", apply_by=timestamp(soon))
    hired_one, other = student(), student()
    hired_app = await apply(applications, hired_one, listing.id)
    other_app = await apply(applications, other, listing.id)
    await feed.close(listing, listing_pb2.CLOSE_REASON_DEADLINE)
    assert (await get(applications, other, other_app.id)).status == pb.APPLICATION_STATUS_SUBMITTED

    await hire(applications, owner, hired_app.id)

    closed = await get(applications, other, other_app.id)
    assert closed.status == pb.APPLICATION_STATUS_CLOSED
    assert closed.close_reason == pb.APPLICATION_CLOSE_REASON_POSITION_FILLED
