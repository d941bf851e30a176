from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from stint_application.domain import engagements as rules
from stint_application.domain.engagements import EngagementStatus
from stint_runtime.errors import Conflict
from tests.unit.application.examples import NOW, STUDENT, application, engagement

LATER = NOW + timedelta(days=4)
WINDOW = timedelta(days=7)


def test_a_hire_starts_an_active_engagement_due_after_the_listing_duration() -> None:
    started = engagement()
    assert started.status is EngagementStatus.ACTIVE
    assert started.started_at == NOW
    assert started.due_at == NOW + timedelta(days=10)
    assert started.student_id == STUDENT


def test_a_listing_without_duration_still_gets_a_due_date_in_the_future() -> None:
    started = rules.start("e-1", application(), duration_days=0, now=NOW)
    assert started.due_at == NOW + timedelta(days=1)


def test_delivery_sets_the_auto_complete_time() -> None:
    delivered = rules.deliver(engagement(), "Done", ["https://example.org/x"], LATER, WINDOW)
    assert delivered.status is EngagementStatus.DELIVERED
    assert delivered.delivered_at == LATER
    assert delivered.auto_complete_at == LATER + WINDOW
    assert delivered.delivery_links == ("https://example.org/x",)
    assert delivered.version == 2


def test_the_owner_completes_delivered_work() -> None:
    delivered = rules.deliver(engagement(), "Done", [], LATER, WINDOW)
    completed = rules.complete(delivered, LATER + timedelta(days=1))
    assert completed.status is EngagementStatus.COMPLETED
    assert completed.completed_automatically is False
    assert completed.auto_complete_at is None


def test_the_platform_completes_when_the_window_passed() -> None:
    delivered = rules.deliver(engagement(), "Done", [], LATER, WINDOW)
    completed = rules.complete(delivered, LATER + WINDOW, automatically=True)
    assert completed.completed_automatically is True
    assert completed.completed_at == LATER + WINDOW


def test_active_work_cannot_be_completed() -> None:
    with pytest.raises(Conflict, match="only delivered work can be completed"):
        rules.complete(engagement(), LATER)


@pytest.mark.parametrize("status", [EngagementStatus.ACTIVE, EngagementStatus.DELIVERED])
def test_either_side_cancels_unfinished_work_with_a_reason(status: EngagementStatus) -> None:
    unfinished = replace(engagement(), status=status, auto_complete_at=LATER)
    cancelled = rules.cancel(unfinished, STUDENT, "Fell ill", LATER)
    assert cancelled.status is EngagementStatus.CANCELLED
    assert cancelled.cancel_reason == "Fell ill"
    assert cancelled.cancelled_by == STUDENT
    assert cancelled.auto_complete_at is None


@pytest.mark.parametrize("status", [EngagementStatus.COMPLETED, EngagementStatus.CANCELLED])
def test_finished_work_changes_no_more(status: EngagementStatus) -> None:
    finished = replace(engagement(), status=status)
    attempts: list[Callable[[], object]] = [
        lambda: rules.deliver(finished, "x", [], LATER, WINDOW),
        lambda: rules.complete(finished, LATER),
        lambda: rules.cancel(finished, STUDENT, "why", LATER),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict, match=status.value):
            attempt()


def test_delivered_work_is_not_delivered_twice() -> None:
    delivered = rules.deliver(engagement(), "Done", [], LATER, WINDOW)
    with pytest.raises(Conflict, match="only active work can be delivered"):
        rules.deliver(delivered, "Again", [], LATER, WINDOW)
