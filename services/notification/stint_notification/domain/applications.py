"""What application and engagement events mean for the people they concern: the
employer hears of a new application and of delivered work; the student hears of every
decision with its reason in words (and the employer's note), and no decision by the
deadline is told to both sides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stint_notification.domain.records import Audience, Message, Text
from stint_notification.domain.words import CLOSE_REASONS, REJECT_REASONS, named, quoted

__all__ = ["ApplicationChange", "EngagementChange", "application_messages", "engagement_messages"]


@dataclass(frozen=True)
class ApplicationChange:
    """An application event, with what the service knows of its listing and student."""

    event_id: str
    kind: str
    """``submitted``, ``withdrawn``, ``shortlisted``, ``rejected``, ``hired``, ``closed``."""
    application_id: str
    listing_id: str
    student_id: str
    organization_id: str
    decision_due_at: datetime
    listing_title: str = ""
    student_name: str = ""
    reject_reason: str = ""
    reject_note: str = ""
    close_reason: str = ""
    engagement_id: str = ""
    outcome_message: str = ""


def _data(change: ApplicationChange, link: str) -> dict[str, str]:
    return {
        "application_id": change.application_id,
        "listing_id": change.listing_id,
        "link": link,
    }


def _student(change: ApplicationChange, kind: str, title: Text, body: Text) -> Message:
    link = f"/applications/{change.application_id}"
    if kind == "application.hired" and change.engagement_id:
        link = f"/engagements/{change.engagement_id}"
    data = _data(change, link)
    if change.engagement_id:
        data["engagement_id"] = change.engagement_id
    return Message(change.event_id, Audience.account(change.student_id), kind, title, body, data)


def _employer(change: ApplicationChange, kind: str, title: Text, body: Text) -> Message:
    audience = Audience.organization(change.organization_id)
    data = _data(change, f"/applications/{change.application_id}")
    return Message(change.event_id, audience, kind, title, body, data)


def _rejected(change: ApplicationChange) -> Message:
    words = REJECT_REASONS.get(change.reject_reason) or change.outcome_message
    body = f"Reason: {words}."
    if change.reject_note.strip():
        body += f"\nNote from the employer: {change.reject_note.strip()}"
    title = f"Your application to {quoted(change.listing_title)} was not successful"
    return _student(change, "application.rejected", (title,), (body,))


def _closed(change: ApplicationChange) -> list[Message]:
    title = quoted(change.listing_title)
    due = change.decision_due_at
    if change.close_reason == "no_decision":
        student = named(change.student_name, "an applicant")
        return [
            _student(
                change,
                "application.closed",
                (f"No decision on your application to {title}",),
                (
                    "Reason: no_decision. The employer did not decide by ",
                    due,
                    ", so your application was closed. This counts against the employer's "
                    "response rate; you are free to apply elsewhere.",
                ),
            ),
            _employer(
                change,
                "application.expired",
                (f"An application to {title} closed without your decision",),
                (
                    f"You did not decide on {student}'s application by ",
                    due,
                    ", so it was closed and they were told. Undecided applications count "
                    "against your response rate.",
                ),
            ),
        ]
    words = CLOSE_REASONS.get(change.close_reason) or change.outcome_message
    reason = change.close_reason or "closed"
    heading = f"{title} was filled" if reason == "position_filled" else f"{title} closed"
    body = f"Reason: {reason}: {words}, so your application was closed."
    return [_student(change, "application.closed", (heading,), (body,))]


def application_messages(change: ApplicationChange) -> list[Message]:
    title = quoted(change.listing_title)
    student = named(change.student_name, "A student")
    due = change.decision_due_at
    match change.kind:
        case "submitted":
            return [
                _employer(
                    change,
                    "application.submitted",
                    (f"New application for {title}",),
                    (
                        f"{student} applied to {title}. Decide by ",
                        due,
                        ": an application left undecided then closes with no_decision.",
                    ),
                )
            ]
        case "withdrawn":
            body = f"{student} withdrew their application to {title}."
            return [_employer(change, "application.withdrawn", (body,), (body,))]
        case "shortlisted":
            return [
                _student(
                    change,
                    "application.shortlisted",
                    (f"You are on the shortlist for {title}",),
                    (
                        "The employer shortlisted your application. You will have an answer by ",
                        due,
                        " at the latest.",
                    ),
                )
            ]
        case "rejected":
            return [_rejected(change)]
        case "hired":
            return [
                _student(
                    change,
                    "application.hired",
                    (f"You were hired for {title}",),
                    ("Congratulations: the employer hired you and your engagement has started.",),
                )
            ]
        case "closed":
            return _closed(change)
    return []


@dataclass(frozen=True)
class EngagementChange:
    event_id: str
    kind: str
    """``started``, ``delivered``, ``completed``, ``cancelled``."""
    engagement_id: str
    listing_id: str
    student_id: str
    organization_id: str
    due_at: datetime
    auto_complete_at: datetime | None = None
    cancel_reason: str = ""
    cancelled_by: str = ""
    completed_automatically: bool = False
    listing_title: str = ""
    student_name: str = ""


def engagement_messages(change: EngagementChange) -> list[Message]:
    title = quoted(change.listing_title)
    student = named(change.student_name, "The student")
    data = {
        "engagement_id": change.engagement_id,
        "listing_id": change.listing_id,
        "link": f"/engagements/{change.engagement_id}",
    }
    to_student = Audience.account(change.student_id)
    to_employer = Audience.organization(change.organization_id)

    def message(audience: Audience, kind: str, heading: str, body: Text) -> Message:
        return Message(change.event_id, audience, kind, (heading,), body, data)

    match change.kind:
        case "delivered":
            body: Text = ("Review the work and complete the engagement.",)
            if change.auto_complete_at is not None:
                body = (
                    "Review the work and complete the engagement by ",
                    change.auto_complete_at,
                    "; it completes by itself then.",
                )
            return [
                message(to_employer, "engagement.delivered", f"{student} delivered {title}", body)
            ]
        case "completed":
            body = ("The employer completed your engagement. Both of you can now review it.",)
            if change.completed_automatically:
                body = (
                    "The employer did not act within the review window, so the platform "
                    "completed your engagement.",
                )
            return [message(to_student, "engagement.completed", f"{title} is complete", body)]
        case "cancelled":
            reason = change.cancel_reason.strip() or "no reason given"
            told: list[Message] = []
            if change.cancelled_by != change.student_id:
                told.append(
                    message(
                        to_student,
                        "engagement.cancelled",
                        f"The engagement on {title} was cancelled",
                        (f"The employer cancelled it. Reason: {reason}",),
                    )
                )
            if change.cancelled_by == change.student_id or not change.cancelled_by:
                told.append(
                    message(
                        to_employer,
                        "engagement.cancelled",
                        f"{student} cancelled the engagement on {title}",
                        (f"Reason: {reason}",),
                    )
                )
            return told
    return []
