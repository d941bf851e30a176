from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import events_pb2 as ev
from stint.listing.v1 import listing_pb2 as lpb
from stint_application.domain import engagements as work
from stint_application.domain.applications import ApplicationStatus, CloseReason, RejectReason
from stint_application.domain.engagements import EngagementStatus
from stint_application.domain.listings import ListingCloseReason, ListingStatus
from stint_application.events import application_event, engagement_event
from stint_application.handlers import listing_view
from stint_application.wire import application_message, reject_reason_from
from tests.unit.application.examples import NOW, STUDENT, application, engagement

APPLICATION_EVENTS = {
    ApplicationStatus.SUBMITTED: ev.ApplicationSubmitted,
    ApplicationStatus.SHORTLISTED: ev.ApplicationShortlisted,
    ApplicationStatus.HIRED: ev.ApplicationHired,
    ApplicationStatus.REJECTED: ev.ApplicationRejected,
    ApplicationStatus.WITHDRAWN: ev.ApplicationWithdrawn,
    ApplicationStatus.CLOSED: ev.ApplicationClosed,
}


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_each_status_has_its_event_carrying_the_application(status: ApplicationStatus) -> None:
    event = application_event(replace(application(status), engagement_id="e-1"))
    assert isinstance(event, APPLICATION_EVENTS[status])
    assert event.application.id == application().id  # type: ignore[attr-defined]


def test_the_closed_event_carries_its_reason() -> None:
    closed = replace(application(ApplicationStatus.CLOSED), close_reason=CloseReason.NO_DECISION)
    event = application_event(closed)
    assert isinstance(event, ev.ApplicationClosed)
    assert event.reason == pb.APPLICATION_CLOSE_REASON_NO_DECISION


def test_the_rejected_event_carries_its_reason() -> None:
    rejected = replace(
        application(ApplicationStatus.REJECTED), reject_reason=RejectReason.AVAILABILITY
    )
    event = application_event(rejected)
    assert isinstance(event, ev.ApplicationRejected)
    assert event.reason == pb.REJECT_REASON_AVAILABILITY


def test_engagement_events_follow_the_work() -> None:
    active = engagement()
    delivered = work.deliver(active, "Done", [], NOW, timedelta(days=7))
    cancelled = work.cancel(active, STUDENT, "Ill", NOW)
    assert isinstance(engagement_event(active), ev.EngagementStarted)
    assert isinstance(engagement_event(delivered), ev.EngagementDelivered)
    assert isinstance(engagement_event(work.complete(delivered, NOW)), ev.EngagementCompleted)
    event = engagement_event(cancelled)
    assert isinstance(event, ev.EngagementCancelled)
    assert event.reason == "Ill"
    assert cancelled.status is EngagementStatus.CANCELLED


def test_the_application_message_carries_the_outcome_and_deadline() -> None:
    message = application_message(application())
    assert message.status == pb.APPLICATION_STATUS_SUBMITTED
    assert message.decision_due_at.ToDatetime(tzinfo=UTC) == application().decision_due_at
    assert message.outcome_message
    assert not message.HasField("decided_at")


def test_an_unspecified_reject_reason_is_none() -> None:
    assert reject_reason_from(pb.REJECT_REASON_UNSPECIFIED) is None
    assert reject_reason_from(pb.REJECT_REASON_OTHER) is RejectReason.OTHER


def test_a_listing_event_becomes_the_projection() -> None:
    apply_by = Timestamp()
    apply_by.FromDatetime(NOW)
    listing = lpb.Listing(
        id="l-1",
        organization_id="o-1",
        status=lpb.LISTING_STATUS_CLOSED,
        close_reason=lpb.CLOSE_REASON_FILLED,
        slots=2,
        apply_by=apply_by,
        duration_days=5,
        version=7,
    )
    view = listing_view(listing)
    assert view.status is ListingStatus.CLOSED
    assert view.close_reason is ListingCloseReason.FILLED
    assert view.apply_by == NOW
    assert (view.slots, view.duration_days, view.version, view.hires) == (2, 5, 7, 0)


def test_a_listing_event_without_status_is_refused() -> None:
    with pytest.raises(ValueError, match="without id, organization or status"):
        listing_view(lpb.Listing(id="l-1", organization_id="o-1"))
