"""Reminders on schedule, computed from the times events carry: a matched listing's
apply-by (to the student), decision deadlines (to the employer, with the count still
undecided), half-way through an engagement (both sides), the review window closing
(each side that has not reviewed). Each is sent once, and not at all once what it
reminds of is resolved (checked again when it is due) or its moment has passed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from stint_notification.domain.records import Audience, Message
from stint_notification.domain.words import named, plural, quoted

__all__ = ["Reminder", "ReminderKind", "ReminderState", "reminder_message"]


class ReminderKind(StrEnum):
    APPLY_BY = "apply_by"
    DECISION_DUE = "decision_due"
    CHECK_IN = "check_in"
    REVIEW_CLOSING = "review_closing"


@dataclass(frozen=True)
class Reminder:
    id: str
    key: str
    """What it is about, once: ``apply_by:<match>``, ``decision_due:<listing>:<deadline>``,
    ``check_in:<engagement>:<side>``, ``review_closing:<engagement>:<side>``."""
    kind: ReminderKind
    subject_id: str
    """The listing (apply-by, decision) or the engagement (check-in, review)."""
    audience: Audience
    deadline: datetime
    """The moment it reminds of."""
    remind_at: datetime
    details: Mapping[str, str] = field(default_factory=dict)
    """What the message names (titles, names), as known when it was scheduled."""


@dataclass(frozen=True)
class ReminderState:
    """What is true of the reminded thing when the reminder is due."""

    resolved: bool
    """The student applied or the listing closed; nothing is undecided any more; the
    engagement is no longer active; that side has reviewed."""
    undecided: int = 0
    """Decision deadlines: the applications still waiting."""
    title: str = ""


def reminder_message(reminder: Reminder, state: ReminderState, now: datetime) -> Message | None:
    """The reminder's message, or None when it is no longer worth sending."""
    if state.resolved or now >= reminder.deadline:
        return None
    title = quoted(state.title or reminder.details.get("title", ""))
    deadline = reminder.deadline
    key = f"reminder:{reminder.id}"
    subject = reminder.subject_id
    match reminder.kind:
        case ReminderKind.APPLY_BY:
            at = reminder.details.get("organization_name", "")
            return Message(
                key,
                reminder.audience,
                "reminder.apply_by",
                ("Apply soon: ", title, " closes ", deadline),
                (
                    f"{title}{' at ' + at if at else ''} matched your profile. Applications close ",
                    deadline,
                    ".",
                ),
                {"listing_id": subject, "link": f"/listings/{subject}"},
            )
        case ReminderKind.DECISION_DUE:
            if state.undecided <= 0:
                return None
            waiting = plural(state.undecided, "application")
            return Message(
                key,
                reminder.audience,
                "reminder.decision_due",
                (f"{waiting} on {title} await your decision",),
                (
                    "Decide by ",
                    deadline,
                    ": applications still undecided then close with "
                    "no_decision, and that counts against your response rate.",
                ),
                {
                    "listing_id": subject,
                    "undecided": str(state.undecided),
                    "link": f"/listings/{subject}/applications",
                },
            )
        case ReminderKind.CHECK_IN:
            student = named(reminder.details.get("student_name", ""), "the student")
            body = (
                (
                    "The work is due ",
                    deadline,
                    ". A short check-in with ",
                    student,
                    " now helps it land on time.",
                )
                if reminder.audience.organization_id
                else (
                    "Your work is due ",
                    deadline,
                    ". If anything blocks you, tell the employer now.",
                )
            )
            return Message(
                key,
                reminder.audience,
                "reminder.check_in",
                (f"Half-way through {title}",),
                body,
                {"engagement_id": subject, "link": f"/engagements/{subject}"},
            )
        case ReminderKind.REVIEW_CLOSING:
            return Message(
                key,
                reminder.audience,
                "reminder.review_closing",
                (f"The review window for {title} closes soon",),
                ("Review by ", deadline, "; after that the reviews are published as they are."),
                {"engagement_id": subject, "link": f"/engagements/{subject}/review"},
            )
    return None
