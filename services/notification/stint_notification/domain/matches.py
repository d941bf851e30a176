"""A strong match tells the student of a new project with the reasons it fits; a
listing the platform closed (apply-by passed, every place filled) tells its employer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from stint_notification.domain.records import Audience, Message
from stint_notification.domain.words import quoted

__all__ = ["MatchFact", "listing_closed_message", "match_message"]


@dataclass(frozen=True)
class MatchFact:
    match_id: str
    listing_id: str
    student_id: str
    listing_title: str
    organization_name: str
    apply_by: datetime
    reasons: Sequence[str]
    score: float
    exploration: bool = False


def _sentence(reason: str) -> str:
    text = reason.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def match_message(match: MatchFact) -> Message:
    """Keyed by the match itself: at most one "new project" per student and listing,
    however often the match is announced."""
    at = f" at {match.organization_name}" if match.organization_name else ""
    why = " ".join(_sentence(r) for r in match.reasons if r.strip())
    body = (
        (f"Why it fits: {why} Apply by ", match.apply_by, ".")
        if why
        else ("Apply by ", match.apply_by, ".")
    )
    return Message(
        key=f"match:{match.match_id}",
        audience=Audience.account(match.student_id),
        type="match.found",
        title=(f"New project for you: {quoted(match.listing_title)}{at}",),
        body=body,
        data={
            "listing_id": match.listing_id,
            "match_id": match.match_id,
            "score": f"{match.score:.2f}",
            "link": f"/listings/{match.listing_id}",
        },
    )


def listing_closed_message(
    event_id: str, listing_id: str, organization_id: str, title: str, reason: str
) -> Message | None:
    """Only what the platform did: an owner who withdrew a listing knows it already."""
    if reason == "deadline":
        heading = f"{quoted(title)} closed: its apply-by passed"
        body = "No new applications come in. Decide on the ones you have before their deadlines."
    elif reason == "filled":
        heading = f"{quoted(title)} is filled"
        body = "Every place was filled; the other applicants were told why."
    else:
        return None
    return Message(
        key=event_id,
        audience=Audience.organization(organization_id),
        type="listing.closed",
        title=(heading,),
        body=(body,),
        data={"listing_id": listing_id, "link": f"/listings/{listing_id}"},
    )
