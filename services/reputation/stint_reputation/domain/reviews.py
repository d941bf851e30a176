"""Double-blind reviews: each side of a completed engagement reviews once, within the
review window; nobody sees a review until both sides reviewed or the window ended,
and then both publish at once and never change.

The student reviews the organization; the organization (any of its employers) reviews
the student and may endorse skills of the listing, which become verified skills.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from stint.reputation.v1 import reputation_service_pb2 as api
from stint_reputation.domain.projections import EngagementView
from stint_runtime.contract import field_limits
from stint_runtime.errors import Conflict, FieldError, InvalidArgument, NotFound
from stint_runtime.identity import Caller
from stint_runtime.text import length_errors, nul_errors
from stint_runtime.vocabulary import normalise_skill

__all__ = [
    "Review",
    "ReviewWindow",
    "Side",
    "endorsements",
    "open_window",
    "published",
    "require_reviewable",
    "side_of",
    "subject_for",
    "validate_review",
]

_LIMITS = field_limits(api.SubmitReviewRequest.DESCRIPTOR)
MIN_RATING, MAX_RATING = _LIMITS["rating"].bounds
MAX_COMMENT = _LIMITS["comment"].max or 0
MAX_ENDORSEMENTS = _LIMITS["endorsed_skills"].max or 0
MAX_SKILL = _LIMITS["endorsed_skills"].entry_max or 0


class Side(StrEnum):
    STUDENT = "student"
    """The student, reviewing the organization."""
    ORGANIZATION = "organization"
    """The owner organization, reviewing the student."""


@dataclass(frozen=True)
class Review:
    id: str
    engagement_id: str
    side: Side
    author_id: str
    subject_id: str
    rating: int
    comment: str
    endorsed_skills: tuple[str, ...]
    submitted_at: datetime
    published_at: datetime | None = None


@dataclass(frozen=True)
class ReviewWindow:
    engagement_id: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None
    """When its reviews published (or it ended with none)."""

    def is_open(self, now: datetime) -> bool:
        return self.closed_at is None and now < self.closes_at


def open_window(engagement: EngagementView, window: timedelta, now: datetime) -> ReviewWindow:
    """The window of a completed engagement: ``window`` from its completion."""
    completed_at = engagement.completed_at or now
    return ReviewWindow(engagement.id, opened_at=now, closes_at=completed_at + window)


def side_of(caller: Caller, engagement: EngagementView) -> Side:
    """The caller's side of the engagement; for anyone else it does not exist."""
    if caller.is_student and caller.account_id == engagement.student_id:
        return Side.STUDENT
    if caller.is_employer and caller.organization_id == engagement.organization_id:
        return Side.ORGANIZATION
    raise NotFound("No such engagement.")


def subject_for(side: Side, engagement: EngagementView) -> str:
    """Whom a side's review is about: the other side."""
    return engagement.organization_id if side is Side.STUDENT else engagement.student_id


def validate_review(rating: int, comment: str, endorsed: Sequence[str]) -> None:
    """The contract's bounds, each problem naming its field."""
    errors: list[FieldError] = []
    if not MIN_RATING <= rating <= MAX_RATING:
        errors.append(FieldError(("rating",), f"must be between {MIN_RATING} and {MAX_RATING}"))
    errors += length_errors(("comment",), comment, MAX_COMMENT)
    if len(endorsed) > MAX_ENDORSEMENTS:
        errors.append(FieldError(("endorsed_skills",), f"at most {MAX_ENDORSEMENTS} skills"))
    for index, skill in enumerate(endorsed):
        errors += length_errors(("endorsed_skills", index), skill, MAX_SKILL)
    if errors:
        raise InvalidArgument(errors)


def require_reviewable(
    window: ReviewWindow | None, reviewed: Collection[Side], side: Side, now: datetime
) -> None:
    """Only after completion, within the window, once per side."""
    if window is None:
        raise Conflict("An engagement can be reviewed once it is completed.")
    if side in reviewed:
        raise Conflict("You already reviewed this engagement; reviews cannot change.")
    if not window.is_open(now):
        raise Conflict(f"The review window closed at {window.closes_at.isoformat()}.")


def endorsements(
    side: Side, requested: Sequence[str], listing_skills: Sequence[str]
) -> tuple[str, ...]:
    """The skills endorsed, as the listing names them (each once); only the
    organization endorses, and only skills of the engagement's listing."""
    if not requested:
        return ()
    if side is Side.STUDENT:
        raise InvalidArgument.one("endorsed_skills", "only the employer endorses skills")
    known = {normalise_skill(skill): skill for skill in listing_skills}
    errors: list[FieldError] = []
    chosen: list[str] = []
    for index, skill in enumerate(requested):
        errors += nul_errors(("endorsed_skills", index), skill)
        found = known.get(normalise_skill(skill))
        if found is None:
            offered = ", ".join(sorted(known.values())) or "none"
            errors.append(
                FieldError(
                    ("endorsed_skills", index),
                    f"{skill.strip()!r} is not a skill of this listing (its skills: {offered})",
                )
            )
        elif found not in chosen:
            chosen.append(found)
    if errors:
        raise InvalidArgument(errors)
    return tuple(chosen)


def published(reviews: Sequence[Review], now: datetime) -> list[Review]:
    """Every review of the window, published at the same moment."""
    return [replace(review, published_at=now) for review in reviews]
