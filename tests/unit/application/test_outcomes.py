from __future__ import annotations

from dataclasses import replace

import pytest

from stint_application.domain.applications import ApplicationStatus, CloseReason, RejectReason
from stint_application.domain.outcomes import outcome_message
from tests.unit.application.examples import application


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_every_status_has_a_sentence_for_the_student(status: ApplicationStatus) -> None:
    message = outcome_message(application(status))
    assert message.strip()
    assert message.endswith(".")


@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED])
def test_open_applications_show_their_decision_deadline(status: ApplicationStatus) -> None:
    app = application(status)
    assert app.decision_due_at.strftime("%Y-%m-%d %H:%M UTC") in outcome_message(app)


def test_each_close_reason_reads_differently() -> None:
    closed = application(ApplicationStatus.CLOSED)
    messages = {outcome_message(replace(closed, close_reason=r)) for r in CloseReason}
    assert len(messages) == len(CloseReason)


def test_no_decision_names_the_deadline_that_passed() -> None:
    closed = replace(application(ApplicationStatus.CLOSED), close_reason=CloseReason.NO_DECISION)
    message = outcome_message(closed)
    assert "did not decide" in message
    assert closed.decision_due_at.strftime("%Y-%m-%d") in message


def test_each_reject_reason_reads_differently_and_carries_the_note() -> None:
    rejected = application(ApplicationStatus.REJECTED)
    messages = {outcome_message(replace(rejected, reject_reason=r)) for r in RejectReason}
    assert len(messages) == len(RejectReason)
    noted = replace(rejected, reject_reason=RejectReason.OTHER, reject_note="Try our spring one.")
    assert outcome_message(noted).endswith("Note from the employer: Try our spring one.")
