"""Reputation replies: the breakdown recomputes the score (docs/reputation.md's
formula, written out independently), and an employer's response rate and median
decision hours match a scripted history of decisions and a no_decision expiry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as apb
from stint.application.v1 import events_pb2 as aev
from stint_reputation.handlers.applications import SUBSCRIPTION_NAME
from stint_runtime.service import RunningService
from tests.integration.consumed import last_offsets, wait_until_consumed
from tests.integration.reputation.service.feed import EventFeed, stamp
from tests.integration.reputation.service.steps import reputation_of, review
from tests.integration.reputation.service.story import completed_story, parties
from tests.unit.reputation.formula import recomputed_score

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
DUE = T0 + timedelta(days=7)


async def _history(
    feed: EventFeed, organization_id: str, *steps: tuple[type[Message], dict[str, Any]]
) -> None:
    """One application's events, each carrying the application as it is then."""
    application_id = str(uuid.uuid4())
    for version, (kind, changes) in enumerate(steps, start=1):
        values: dict[str, Any] = {
            "id": application_id,
            "listing_id": str(uuid.uuid4()),
            "student_id": str(uuid.uuid4()),
            "organization_id": organization_id,
            "created_at": stamp(T0),
            "decision_due_at": stamp(DUE),
            "version": version,
        }
        values.update(changes)
        await feed.application(kind, apb.Application(**values))


def _decided(status: int, hours: float, **more: Any) -> dict[str, Any]:
    return {"status": status, "decided_at": stamp(T0 + timedelta(hours=hours)), **more}


SUBMITTED = {"status": apb.APPLICATION_STATUS_SUBMITTED}


async def test_employer_responsiveness_from_a_scripted_history(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    who = await parties(feed)
    org = who.organization_id
    first = len(feed.sent)
    shortlisted = {"status": apb.APPLICATION_STATUS_SHORTLISTED}
    # Decided in 2 h (after a shortlist), 6 h (a hire), 6 h (closed: the hire filled
    # the listing) and 10 h; one expired with no decision; a withdrawal and an open
    # application count for nothing.
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (aev.ApplicationShortlisted, shortlisted),
        (aev.ApplicationRejected, _decided(apb.APPLICATION_STATUS_REJECTED, 2)),
    )
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (
            aev.ApplicationHired,
            _decided(apb.APPLICATION_STATUS_HIRED, 6, engagement_id=str(uuid.uuid4())),
        ),
    )
    filled = {"close_reason": apb.APPLICATION_CLOSE_REASON_POSITION_FILLED}
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (aev.ApplicationClosed, _decided(apb.APPLICATION_STATUS_CLOSED, 6, **filled)),
    )
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (aev.ApplicationRejected, _decided(apb.APPLICATION_STATUS_REJECTED, 10)),
    )
    expired = {"close_reason": apb.APPLICATION_CLOSE_REASON_NO_DECISION}
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (aev.ApplicationClosed, _decided(apb.APPLICATION_STATUS_CLOSED, 7 * 24, **expired)),
    )
    await _history(
        feed,
        org,
        (aev.ApplicationSubmitted, SUBMITTED),
        (aev.ApplicationWithdrawn, _decided(apb.APPLICATION_STATUS_WITHDRAWN, 1)),
    )
    await _history(feed, org, (aev.ApplicationSubmitted, SUBMITTED))

    sent = [record.meta for record in feed.sent[first:] if record.meta is not None]
    bootstrap = reputation_service.spec.settings.kafka_bootstrap_servers
    await wait_until_consumed(bootstrap, SUBSCRIPTION_NAME, last_offsets(sent))
    found = await reputation_of(reputation, who.employer.account_id)
    assert _counted(found) == 5
    assert found.subject_kind == "organization" and found.subject_id == org
    assert found.response_rate == pytest.approx(4 / 5)
    assert found.median_decision_hours == pytest.approx(6.0)
    assert found.score == pytest.approx(recomputed_score(found.breakdown), abs=1e-9)
    by_org_id = await reputation_of(reputation, org)
    assert by_org_id.score == found.score and by_org_id.subject_id == org


def _counted(found: Any) -> float:
    terms = {t.name: t for t in found.breakdown}
    return float(terms["responsiveness"].inputs["decisions_counted"])


async def test_a_students_breakdown_recomputes_the_score(feed: EventFeed, reputation: Stub) -> None:
    first = await completed_story(feed)
    second = await completed_story(feed, first.parties, late=True)
    for story, rating in ((first, 5), (second, 3)):
        await review(
            reputation, story.employer, story.engagement.id, rating=rating, endorsed=["sql"]
        )
        await review(reputation, story.student, story.engagement.id, rating=4)
    found = await reputation_of(reputation, first.student.account_id)
    assert found.subject_kind == "student"
    assert (found.review_count, found.completed_engagements) == (2, 2)
    assert found.on_time_rate == pytest.approx(0.5)
    assert found.rating_avg == pytest.approx((5 * 3.5 + 8) / 7)
    assert [(s.name, s.endorsements) for s in found.verified_skills] == [("sql", 2)]
    assert not found.HasField("response_rate")
    assert found.score == pytest.approx(recomputed_score(found.breakdown), abs=1e-9)
    assert found.score == pytest.approx(sum(t.contribution for t in found.breakdown))
    assert found.formula.id == "stint.student.v1"
    assert found.formula.text.startswith("score = 100 * (0.60 * rating")
