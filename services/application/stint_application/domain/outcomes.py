"""What the student reads about their application: a sentence for every status, so
that no terminal status is ever left without a reason."""

from __future__ import annotations

from datetime import datetime

from stint_application.domain.applications import (
    Application,
    ApplicationStatus,
    CloseReason,
    RejectReason,
)

__all__ = ["outcome_message"]

_REJECTED = {
    RejectReason.SKILLS_MISMATCH: (
        "The employer chose applicants whose skills match this project more closely."
    ),
    RejectReason.AVAILABILITY: "The employer needed availability that did not match yours.",
    RejectReason.POSITION_FILLED: "The employer filled the position with another applicant.",
    RejectReason.OTHER: "The employer decided not to move forward with your application.",
}


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _closed(app: Application) -> str:
    if app.close_reason is CloseReason.POSITION_FILLED:
        return "Every slot of this listing was filled, so your application was closed."
    if app.close_reason is CloseReason.NO_DECISION:
        return (
            "The employer did not decide by the decision deadline "
            f"({_when(app.decision_due_at)}), so your application was closed; this counts "
            "against the employer's response rate."
        )
    return "The listing closed before a decision on your application, so it was closed."


def _rejected(app: Application) -> str:
    text = _REJECTED[app.reject_reason or RejectReason.OTHER]
    note = app.reject_note.strip()
    return f"{text} Note from the employer: {note}" if note else text


def outcome_message(app: Application) -> str:
    match app.status:
        case ApplicationStatus.SUBMITTED:
            return (
                "Your application was received. You will have an answer by "
                f"{_when(app.decision_due_at)} at the latest."
            )
        case ApplicationStatus.SHORTLISTED:
            return (
                "You are on the employer's shortlist. You will have an answer by "
                f"{_when(app.decision_due_at)} at the latest."
            )
        case ApplicationStatus.HIRED:
            return "You were hired: your engagement has started."
        case ApplicationStatus.REJECTED:
            return _rejected(app)
        case ApplicationStatus.WITHDRAWN:
            return "You withdrew this application."
        case ApplicationStatus.CLOSED:
            return _closed(app)
