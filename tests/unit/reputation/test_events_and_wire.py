"""Events in and out: foreign events become projections (a malformed one raises, to
be retried and dead-lettered), and no event of ours says anything of an unpublished
review."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from stint.application.v1 import application_pb2 as apb
from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as iev
from stint.listing.v1 import listing_pb2 as lpb
from stint.reputation.v1 import events_pb2 as rev
from stint_reputation.domain.projections import EngagementStatus
from stint_reputation.domain.reviews import Review, Side
from stint_reputation.domain.scoring import StandingInputs, reputation_of
from stint_reputation.domain.subjects import Subject, SubjectKind
from stint_reputation.handlers.applications import application_view, engagement_view
from stint_reputation.handlers.identity import account_view
from stint_reputation.handlers.listings import listing_view
from stint_reputation.wire import reputation_message, review_message
from tests.unit.reputation.examples import NOW


def stamp(moment: datetime) -> Timestamp:
    result = Timestamp()
    result.FromDatetime(moment)
    return result


def test_an_engagement_event_becomes_its_projection() -> None:
    message = apb.Engagement(
        id=str(uuid.uuid4()),
        listing_id=str(uuid.uuid4()),
        student_id=str(uuid.uuid4()),
        organization_id=str(uuid.uuid4()),
        status=apb.ENGAGEMENT_STATUS_COMPLETED,
        started_at=stamp(NOW - timedelta(days=3)),
        due_at=stamp(NOW),
        delivered_at=stamp(NOW - timedelta(days=1)),
        completed_at=stamp(NOW),
        version=4,
    )
    view = engagement_view(message)
    assert view.status is EngagementStatus.COMPLETED and view.completed_at == NOW
    assert view.delivered_on_time and view.version == 4
    message.ClearField("completed_at")
    with pytest.raises(ValueError, match="completed_at"):
        engagement_view(message)
    with pytest.raises(ValueError):
        engagement_view(apb.Engagement(id="x"))


def test_an_application_event_keeps_its_decision() -> None:
    message = apb.Application(
        id=str(uuid.uuid4()),
        organization_id=str(uuid.uuid4()),
        status=apb.APPLICATION_STATUS_CLOSED,
        close_reason=apb.APPLICATION_CLOSE_REASON_NO_DECISION,
        created_at=stamp(NOW),
        decision_due_at=stamp(NOW + timedelta(days=7)),
        decided_at=stamp(NOW + timedelta(days=7)),
        version=2,
    )
    view = application_view(message)
    assert (view.status, view.close_reason) == ("closed", "no_decision")
    open_one = application_view(
        apb.Application(id="a", organization_id="o", status=apb.APPLICATION_STATUS_SUBMITTED)
    )
    assert open_one.decided_at is None and open_one.close_reason is None


def test_listing_and_account_events() -> None:
    listing = lpb.Listing(
        id="l",
        organization_id="o",
        organization_name="Northwind",
        title="T",
        skills=[lpb.SkillRequirement(name="python", required=True)],
        estimated_hours=12,
        version=3,
    )
    assert listing_view(listing).skills == ("python",)
    with pytest.raises(ValueError):
        listing_view(lpb.Listing(id="l"))
    account = account_view(
        iev.AccountRegistered(
            account_id="a", email="Ada@CS.Uni.Edu", role=common_pb2.ROLE_STUDENT, display_name="Ada"
        )
    )
    assert account.role == "student" and account.email_domain == "cs.uni.edu"
    with pytest.raises(ValueError):
        account_view(
            iev.AccountRegistered(account_id="a", email="nope", role=common_pb2.ROLE_STUDENT)
        )


def test_review_submitted_carries_no_content() -> None:
    fields = {f.name for f in rev.ReviewSubmitted.DESCRIPTOR.fields}
    assert fields == {"review_id", "engagement_id", "side", "submitted_at"}


def test_wire_messages() -> None:
    review = Review("r", "e", Side.ORGANIZATION, "a", "s", 4, "ok", ("python",), NOW)
    message = review_message(review)
    assert not message.HasField("published_at") and list(message.endorsed_skills) == ["python"]
    student = reputation_message(
        reputation_of(Subject("s", SubjectKind.STUDENT), StandingInputs()), "u"
    )
    assert not student.HasField("response_rate") and student.subject_kind == "student"
    organization = reputation_of(
        Subject("o", SubjectKind.ORGANIZATION),
        StandingInputs(decided_on_time=1, decisions_counted=2),
    )
    assert reputation_message(organization, "u").response_rate == 0.5
