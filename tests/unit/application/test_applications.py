from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from stint_application.domain import applications as rules
from stint_application.domain.applications import (
    Application,
    ApplicationStatus,
    CloseReason,
    RejectReason,
)
from stint_runtime.errors import Conflict
from tests.unit.application.examples import NOW, application

LATER = NOW + timedelta(hours=5)

Transition = Callable[[Application], Application]

TRANSITIONS: dict[str, Transition] = {
    "withdraw": lambda a: rules.withdraw(a, LATER),
    "shortlist": lambda a: rules.shortlist(a, LATER),
    "reject": lambda a: rules.reject(a, RejectReason.AVAILABILITY, "", LATER),
    "hire": lambda a: rules.hire(a, "e-1", LATER),
    "close": lambda a: rules.close(a, CloseReason.NO_DECISION, LATER),
}
TERMINAL = [
    ApplicationStatus.HIRED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
    ApplicationStatus.CLOSED,
]


@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED])
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("withdraw", ApplicationStatus.WITHDRAWN),
        ("reject", ApplicationStatus.REJECTED),
        ("hire", ApplicationStatus.HIRED),
        ("close", ApplicationStatus.CLOSED),
    ],
)
def test_open_applications_reach_every_decision(
    status: ApplicationStatus, name: str, expected: ApplicationStatus
) -> None:
    before = application(status)
    after = TRANSITIONS[name](before)
    assert after.status is expected
    assert after.decided_at == LATER
    assert after.updated_at == LATER
    assert after.version == before.version + 1
    assert not after.is_open


@pytest.mark.parametrize("status", TERMINAL)
@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_a_decided_application_never_changes_again(status: ApplicationStatus, name: str) -> None:
    before = application(status)
    with pytest.raises(Conflict) as refused:
        TRANSITIONS[name](before)
    assert status.value in refused.value.message
    assert "only a submitted or shortlisted application can change" in refused.value.message
    assert before.status is status
    assert before.version == 1


def test_shortlisting_keeps_the_application_undecided() -> None:
    shortlisted = rules.shortlist(application(), LATER)
    assert shortlisted.status is ApplicationStatus.SHORTLISTED
    assert shortlisted.is_open
    assert shortlisted.decided_at is None


def test_shortlisting_twice_is_refused_with_a_clear_message() -> None:
    shortlisted = rules.shortlist(application(), LATER)
    with pytest.raises(Conflict, match="already shortlisted"):
        rules.shortlist(shortlisted, LATER)


def test_rejection_keeps_its_reason_and_note() -> None:
    rejected = rules.reject(application(), RejectReason.SKILLS_MISMATCH, "Needs SQL.", LATER)
    assert rejected.reject_reason is RejectReason.SKILLS_MISMATCH
    assert rejected.reject_note == "Needs SQL."


def test_hire_links_the_engagement() -> None:
    assert rules.hire(application(), "e-9", LATER).engagement_id == "e-9"


def test_a_closed_application_names_its_close_reason_when_refusing() -> None:
    closed = rules.close(application(), CloseReason.POSITION_FILLED, LATER)
    assert closed.close_reason is CloseReason.POSITION_FILLED
    with pytest.raises(Conflict, match=r"closed \(position_filled\)"):
        rules.hire(closed, "e-1", LATER)
