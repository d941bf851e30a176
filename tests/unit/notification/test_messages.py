"""What each event means for each person it concerns, in words, with its reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stint_notification.domain.applications import (
    ApplicationChange,
    EngagementChange,
    application_messages,
    engagement_messages,
)
from stint_notification.domain.matches import MatchFact, listing_closed_message, match_message
from stint_notification.domain.moments import written, zone_named
from stint_notification.domain.records import Audience, Message, render
from stint_notification.domain.reminders import (
    Reminder,
    ReminderKind,
    ReminderState,
    reminder_message,
)

DUE = datetime(2026, 5, 8, 12, tzinfo=UTC)
BERLIN = zone_named("Europe/Berlin")


def change(kind: str, **extra: str) -> ApplicationChange:
    return ApplicationChange(
        event_id="ev",
        kind=kind,
        application_id="app",
        listing_id="lst",
        student_id="stu",
        organization_id="org",
        decision_due_at=DUE,
        listing_title="Churn dashboard",
        student_name="Sam",
        **extra,
    )


def words(message: Message) -> tuple[str, str]:
    assert BERLIN is not None
    zone = BERLIN
    return (
        render(message.title, lambda m: written(m, zone)),
        render(message.body, lambda m: written(m, zone)),
    )


def test_the_employer_hears_of_a_new_application() -> None:
    (message,) = application_messages(change("submitted"))
    assert message.audience == Audience.organization("org")
    assert message.type == "application.submitted"
    title, body = words(message)
    assert title == "New application for “Churn dashboard”"
    assert body.startswith("Sam applied to “Churn dashboard”. Decide by Fri 8 May 2026, 14:00 CEST")


def test_a_rejection_tells_the_reason_in_words_and_the_note() -> None:
    (message,) = application_messages(
        change("rejected", reject_reason="skills_mismatch", reject_note="  More SQL, please. ")
    )
    assert message.audience == Audience.account("stu")
    title, body = words(message)
    assert title == "Your application to “Churn dashboard” was not successful"
    assert body == (
        "Reason: the employer chose applicants whose skills match the project more closely.\n"
        "Note from the employer: More SQL, please."
    )


def test_no_decision_tells_both_sides() -> None:
    student, employer = application_messages(change("closed", close_reason="no_decision"))
    assert (student.audience, employer.audience) == (
        Audience.account("stu"),
        Audience.organization("org"),
    )
    assert (student.type, employer.type) == ("application.closed", "application.expired")
    assert "The employer did not decide by Fri 8 May 2026, 14:00 CEST" in words(student)[1]
    assert "You did not decide on Sam's application" in words(employer)[1]


def test_a_filled_listing_closes_the_rest_with_position_filled() -> None:
    (message,) = application_messages(change("closed", close_reason="position_filled"))
    title, body = words(message)
    assert title == "“Churn dashboard” was filled"
    assert body.startswith("Reason: position_filled: every place on the project was filled")


def test_the_hired_student_is_sent_to_the_engagement() -> None:
    (message,) = application_messages(change("hired", engagement_id="eng"))
    assert message.data["link"] == "/engagements/eng"
    assert message.data["engagement_id"] == "eng"


def cancellation(kind: str, cancelled_by: str = "") -> EngagementChange:
    return EngagementChange(
        event_id="e",
        kind=kind,
        engagement_id="eng",
        listing_id="l",
        student_id="stu",
        organization_id="org",
        due_at=DUE,
        cancel_reason="Scope changed",
        cancelled_by=cancelled_by,
        listing_title="Churn dashboard",
        student_name="Sam",
    )


def test_a_cancellation_tells_the_other_side() -> None:
    (to_employer,) = engagement_messages(cancellation("cancelled", "stu"))
    assert to_employer.audience == Audience.organization("org")
    assert words(to_employer) == (
        "Sam cancelled the engagement on “Churn dashboard”",
        "Reason: Scope changed",
    )
    (to_student,) = engagement_messages(cancellation("cancelled", "owner"))
    assert to_student.audience == Audience.account("stu")
    assert len(engagement_messages(cancellation("cancelled"))) == 2
    assert engagement_messages(cancellation("started")) == []


def test_a_match_says_why_it_fits_once_per_match() -> None:
    fact = MatchFact(
        "m1",
        "lst",
        "stu",
        "Churn dashboard",
        "Northwind",
        DUE,
        ["You know Python", "It is remote."],
        0.81,
    )
    message = match_message(fact)
    assert message.key == "match:m1"
    title, body = words(message)
    assert title == "New project for you: “Churn dashboard” at Northwind"
    assert body == (
        "Why it fits: You know Python. It is remote. Apply by Fri 8 May 2026, 14:00 CEST."
    )
    assert message.data["score"] == "0.81"


def test_only_the_platforms_closures_tell_the_employer() -> None:
    assert listing_closed_message("e", "l", "o", "T", "withdrawn") is None
    deadline = listing_closed_message("e", "l", "o", "T", "deadline")
    assert deadline is not None and "apply-by passed" in words(deadline)[0]


def reminder(kind: ReminderKind, audience: Audience) -> Reminder:
    return Reminder(
        id="r1",
        key="k",
        kind=kind,
        subject_id="lst",
        audience=audience,
        deadline=DUE,
        remind_at=DUE - timedelta(hours=48),
        details={"title": "Churn dashboard"},
    )


def test_a_resolved_or_late_reminder_is_not_sent() -> None:
    apply_by = reminder(ReminderKind.APPLY_BY, Audience.account("stu"))
    before = DUE - timedelta(hours=47)
    assert reminder_message(apply_by, ReminderState(resolved=True), before) is None
    assert reminder_message(apply_by, ReminderState(resolved=False), DUE) is None
    sent = reminder_message(apply_by, ReminderState(resolved=False), before)
    assert sent is not None and sent.key == "reminder:r1"


def test_the_decision_reminder_counts_the_undecided() -> None:
    decision = reminder(ReminderKind.DECISION_DUE, Audience.organization("org"))
    now = DUE - timedelta(hours=47)
    assert reminder_message(decision, ReminderState(False, undecided=0), now) is None
    message = reminder_message(decision, ReminderState(False, undecided=1, title="X"), now)
    assert message is not None
    assert words(message)[0] == "1 application on “X” await your decision"
