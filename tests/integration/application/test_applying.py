"""Applying and the owner's decisions over real gRPC: the rules, the 409s with their
messages, and the events each change writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import grpc

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint.common.v1 import page_pb2
from stint.listing.v1 import listing_pb2
from stint_runtime.service import RunningService
from tests.integration.application.conftest import acting_as, employer, student
from tests.integration.application.feed import ListingFeed, timestamp
from tests.integration.application.steps import apply, events_of, get, refused

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


async def test_a_student_applies_and_sees_the_decision_deadline(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    apply_by = datetime.now(UTC) + timedelta(days=3)
    listing = await feed.publish(owner.organization_id or "", apply_by=timestamp(apply_by))
    applicant = student()

    app = await apply(applications, applicant, listing.id)

    assert app.status == pb.APPLICATION_STATUS_SUBMITTED
    assert app.student_id == applicant.account_id
    assert app.organization_id == owner.organization_id
    due = app.decision_due_at.ToDatetime(tzinfo=UTC)
    assert abs(due - (apply_by + timedelta(days=7))) < timedelta(seconds=1)
    assert due.strftime("%Y-%m-%d %H:%M UTC") in app.outcome_message
    assert await events_of(application_service.pool, app.id) == ["ApplicationSubmitted"]


async def test_one_application_per_student_per_listing(
    applications: Stub, feed: ListingFeed
) -> None:
    listing = await feed.publish(employer().organization_id or "")
    applicant = student()
    await apply(applications, applicant, listing.id)
    error = await refused(apply(applications, applicant, listing.id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error.details() == "You already applied to this listing."


async def test_no_application_after_apply_by_or_to_a_closed_listing(
    applications: Stub, feed: ListingFeed
) -> None:
    owner = employer()
    past = datetime.now(UTC) - timedelta(minutes=1)
    late = await feed.publish(owner.organization_id or "", apply_by=timestamp(past))
    error = await refused(apply(applications, student(), late.id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "Applications for this listing closed" in (error.details() or "")

    listing = await feed.publish(owner.organization_id or "")
    await feed.close(listing, listing_pb2.CLOSE_REASON_DEADLINE)
    error = await refused(apply(applications, student(), listing.id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "closed" in (error.details() or "")


async def test_unknown_listings_and_bad_input(applications: Stub, feed: ListingFeed) -> None:
    error = await refused(apply(applications, student(), "00000000-0000-4000-8000-000000000000"))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    error = await refused(apply(applications, student(), "not-a-uuid"))
    assert error.code() == grpc.StatusCode.NOT_FOUND

    listing = await feed.publish(employer().organization_id or "")
    error = await refused(apply(applications, student(), listing.id, "x" * 4001))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "cover_note" in str(error.trailing_metadata())
    await apply(applications, student(), listing.id, "x" * 4000)


async def test_only_students_apply(applications: Stub, feed: ListingFeed) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    error = await refused(apply(applications, owner, listing.id))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    with acting_as(None):
        error = await refused(
            applications.SubmitApplication(api.SubmitApplicationRequest(listing_id=listing.id))
        )
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_shortlist_then_reject_with_a_reason_the_student_reads(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    applicant = student()
    app = await apply(applications, applicant, listing.id)
    with acting_as(owner):
        shortlisted = await applications.ShortlistApplication(
            api.ApplicationRef(application_id=app.id)
        )
        rejected = await applications.RejectApplication(
            api.RejectApplicationRequest(
                application_id=app.id, reason=pb.REJECT_REASON_SKILLS_MISMATCH, note="Needs SQL."
            )
        )
    assert shortlisted.status == pb.APPLICATION_STATUS_SHORTLISTED
    assert rejected.status == pb.APPLICATION_STATUS_REJECTED
    assert rejected.reject_reason == pb.REJECT_REASON_SKILLS_MISMATCH
    seen = await get(applications, applicant, app.id)
    assert seen.outcome_message.endswith("Note from the employer: Needs SQL.")
    assert seen.HasField("decided_at")
    assert await events_of(application_service.pool, app.id) == [
        "ApplicationSubmitted",
        "ApplicationShortlisted",
        "ApplicationRejected",
    ]


async def test_an_illegal_transition_is_409_and_changes_nothing(
    applications: Stub, feed: ListingFeed, application_service: RunningService
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    applicant = student()
    app = await apply(applications, applicant, listing.id)
    with acting_as(applicant):
        await applications.WithdrawApplication(api.ApplicationRef(application_id=app.id))
    before = await get(applications, applicant, app.id)

    with acting_as(owner):
        error = await refused(
            applications.ShortlistApplication(api.ApplicationRef(application_id=app.id))
        )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error.details() == (
        "Cannot shortlist this application: the application is already withdrawn; only a "
        "submitted or shortlisted application can change."
    )
    assert await get(applications, applicant, app.id) == before
    assert await events_of(application_service.pool, app.id) == [
        "ApplicationSubmitted",
        "ApplicationWithdrawn",
    ]


async def test_a_rejection_needs_a_reason_code(applications: Stub, feed: ListingFeed) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "")
    app = await apply(applications, student(), listing.id)
    with acting_as(owner):
        error = await refused(
            applications.RejectApplication(api.RejectApplicationRequest(application_id=app.id))
        )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "reason_code" in str(error.trailing_metadata())


async def test_pages_of_applications(applications: Stub, feed: ListingFeed) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=3)
    made = [await apply(applications, student(), listing.id) for _ in range(3)]
    with acting_as(owner):
        first = await applications.ListListingApplications(
            api.ListListingApplicationsRequest(
                listing_id=listing.id, page=page_pb2.PageRequest(limit=2)
            )
        )
        second = await applications.ListListingApplications(
            api.ListListingApplicationsRequest(
                listing_id=listing.id,
                page=page_pb2.PageRequest(limit=2, cursor=first.next_cursor),
            )
        )
    assert first.next_cursor and not second.next_cursor
    listed = [a.id for a in [*first.applications, *second.applications]]
    assert listed == [a.id for a in reversed(made)]

    stranger = employer()
    with acting_as(stranger):
        error = await refused(
            applications.ListListingApplications(
                api.ListListingApplicationsRequest(listing_id=listing.id)
            )
        )
    assert error.code() == grpc.StatusCode.NOT_FOUND
