"""Reputation events for the people they concern: the review window opens for both
sides, the reviews are published, a credential is issued, credit is granted."""

from __future__ import annotations

from datetime import datetime

from stint_notification.domain.records import Audience, Message
from stint_notification.domain.words import named, quoted

__all__ = [
    "credential_message",
    "credit_message",
    "review_window_messages",
    "reviews_published_messages",
]


def _both(
    event_id: str,
    student_id: str,
    organization_id: str,
    kind: str,
    title: str,
    body: tuple[str | datetime, ...],
    data: dict[str, str],
) -> list[Message]:
    return [
        Message(event_id, Audience.account(student_id), kind, (title,), body, data),
        Message(event_id, Audience.organization(organization_id), kind, (title,), body, data),
    ]


def review_window_messages(
    event_id: str,
    engagement_id: str,
    student_id: str,
    organization_id: str,
    listing_title: str,
    closes_at: datetime,
) -> list[Message]:
    return _both(
        event_id,
        student_id,
        organization_id,
        "review.window_opened",
        f"Review your engagement on {quoted(listing_title)}",
        (
            "Both reviews stay hidden until both of you have reviewed or the window closes on ",
            closes_at,
            "; then both are published at once.",
        ),
        {"engagement_id": engagement_id, "link": f"/engagements/{engagement_id}/review"},
    )


def reviews_published_messages(
    event_id: str, engagement_id: str, student_id: str, organization_id: str, listing_title: str
) -> list[Message]:
    return _both(
        event_id,
        student_id,
        organization_id,
        "review.published",
        f"The reviews of {quoted(listing_title)} are published",
        ("Both sides' reviews of the engagement can now be read, and no longer change.",),
        {"engagement_id": engagement_id, "link": f"/engagements/{engagement_id}"},
    )


def credential_message(
    event_id: str,
    credential_id: str,
    student_id: str,
    engagement_id: str,
    listing_title: str,
    organization_name: str,
) -> Message:
    issuer = named(organization_name, "The employer")
    return Message(
        event_id,
        Audience.account(student_id),
        "credential.issued",
        (f"Your credential for {quoted(listing_title)} is ready",),
        (
            f"{issuer} confirmed your work. The signed credential is in your portfolio; "
            "anyone you share it with can verify it.",
        ),
        {
            "credential_id": credential_id,
            "engagement_id": engagement_id,
            "link": f"/credentials/{credential_id}",
        },
    )


def credit_message(
    event_id: str,
    credit_id: str,
    student_id: str,
    engagement_id: str,
    institution_name: str,
    credits: float,
    term: str,
    listing_title: str,
) -> Message:
    who = named(institution_name, "Your institution")
    amount = f"{credits:g} credit{'s' if credits != 1 else ''}"
    for_what = f" for {quoted(listing_title)}" if listing_title else ""
    in_term = f" ({term})" if term.strip() else ""
    return Message(
        event_id,
        Audience.account(student_id),
        "credit.granted",
        (f"{who} granted you {amount}",),
        (f"{who} granted {amount}{for_what}{in_term}.",),
        {"credit_id": credit_id, "engagement_id": engagement_id, "link": "/me/credits"},
    )
