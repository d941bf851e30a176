"""The published score (docs/reputation.md): a weighted sum of terms, each between 0
and 1, times 100. Every term reports its inputs, weight and contribution, and the
contributions add up to the score, so that anyone can recompute it from the reply.

Few observations say little, so each share is shrunk toward a prior (a Bayesian
average, ``(C * prior + hits) / (C + trials)``) with the constants below. Changing a
constant or a weight is a new formula version (a new ``id``), never a silent change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stint_reputation.domain.subjects import Subject, SubjectKind

__all__ = [
    "ORGANIZATION_FORMULA",
    "STUDENT_FORMULA",
    "Formula",
    "Reputation",
    "StandingInputs",
    "Term",
    "VerifiedSkill",
    "reputation_of",
    "shrunk",
]

PRIOR_RATING = 3.5
RATING_PRIOR_WEIGHT = 5.0
PRIOR_ON_TIME = 0.8
ON_TIME_PRIOR_WEIGHT = 2.0
PRIOR_RESPONSE = 0.8
RESPONSE_PRIOR_WEIGHT = 3.0
EXPERIENCE_HALF = 3.0


@dataclass(frozen=True)
class Formula:
    id: str
    text: str


STUDENT_FORMULA = Formula(
    "stint.student.v1",
    "score = 100 * (0.60 * rating + 0.25 * on_time + 0.15 * experience). "
    "rating = (rating_avg - 1) / 4, where rating_avg = (5 * 3.5 + sum of published ratings) "
    "/ (5 + number of published ratings); on_time = (2 * 0.8 + engagements delivered by "
    "their due time) / (2 + completed engagements); experience = completed engagements / "
    "(completed engagements + 3).",
)
ORGANIZATION_FORMULA = Formula(
    "stint.organization.v1",
    "score = 100 * (0.50 * rating + 0.25 * responsiveness + 0.10 * on_time + 0.15 * "
    "experience). rating = (rating_avg - 1) / 4, where rating_avg = (5 * 3.5 + sum of "
    "published ratings by students) / (5 + number of those ratings); responsiveness = "
    "(3 * 0.8 + applications decided before their decision deadline) / (3 + applications "
    "decided or closed for want of a decision); on_time = (2 * 0.8 + completed "
    "engagements the organization completed itself) / (2 + completed engagements); "
    "experience = completed engagements / (completed engagements + 3).",
)
_WEIGHTS = {
    SubjectKind.STUDENT: {"rating": 0.60, "on_time": 0.25, "experience": 0.15},
    SubjectKind.ORGANIZATION: {
        "rating": 0.50,
        "responsiveness": 0.25,
        "on_time": 0.10,
        "experience": 0.15,
    },
}


@dataclass(frozen=True)
class StandingInputs:
    """The facts a score is made of, all from published or completed things."""

    review_count: int = 0
    """Published reviews about the subject."""
    rating_sum: int = 0
    completed: int = 0
    """Completed engagements."""
    on_time: int = 0
    """Students: completed engagements delivered by their due time. Organizations:
    completed engagements the organization completed itself (not automatically)."""
    decided_on_time: int = 0
    """Organizations: applications decided before their decision deadline."""
    decisions_counted: int = 0
    """Organizations: applications decided, or closed because nobody decided."""
    median_decision_hours: float | None = None


@dataclass(frozen=True)
class Term:
    name: str
    inputs: Mapping[str, float]
    weight: float
    contribution: float
    detail: str


@dataclass(frozen=True)
class VerifiedSkill:
    name: str
    endorsements: int


@dataclass(frozen=True)
class Reputation:
    subject: Subject
    score: float
    formula: Formula
    terms: tuple[Term, ...]
    rating_avg: float
    review_count: int
    completed_engagements: int
    on_time_rate: float
    """The plain share (0 while nothing is completed); the term shrinks it."""
    verified_skills: tuple[VerifiedSkill, ...] = ()
    response_rate: float | None = None
    """Organizations with at least one counted application."""
    median_decision_hours: float | None = None


def shrunk(hits: float, trials: float, prior: float, prior_weight: float) -> float:
    """The Bayesian average of ``hits`` out of ``trials`` toward ``prior``."""
    return (prior_weight * prior + hits) / (prior_weight + trials)


def _term(
    name: str, kind: SubjectKind, value: float, inputs: dict[str, float], detail: str
) -> Term:
    weight = _WEIGHTS[kind][name]
    return Term(name, inputs, weight, 100.0 * weight * value, detail)


def reputation_of(
    subject: Subject, facts: StandingInputs, skills: tuple[VerifiedSkill, ...] = ()
) -> Reputation:
    kind = subject.kind
    rating_avg = shrunk(facts.rating_sum, facts.review_count, PRIOR_RATING, RATING_PRIOR_WEIGHT)
    on_time = shrunk(facts.on_time, facts.completed, PRIOR_ON_TIME, ON_TIME_PRIOR_WEIGHT)
    experience = facts.completed / (facts.completed + EXPERIENCE_HALF)
    terms = [
        _term(
            "rating",
            kind,
            (rating_avg - 1.0) / 4.0,
            {
                "rating_sum": facts.rating_sum,
                "review_count": facts.review_count,
                "prior_mean": PRIOR_RATING,
                "prior_weight": RATING_PRIOR_WEIGHT,
            },
            f"{facts.review_count} published review(s), average {rating_avg:.2f} after shrinking",
        ),
    ]
    response_rate = None
    if kind is SubjectKind.ORGANIZATION:
        responsive = shrunk(
            facts.decided_on_time, facts.decisions_counted, PRIOR_RESPONSE, RESPONSE_PRIOR_WEIGHT
        )
        if facts.decisions_counted:
            response_rate = facts.decided_on_time / facts.decisions_counted
        terms.append(
            _term(
                "responsiveness",
                kind,
                responsive,
                {
                    "decided_on_time": facts.decided_on_time,
                    "decisions_counted": facts.decisions_counted,
                    "prior": PRIOR_RESPONSE,
                    "prior_weight": RESPONSE_PRIOR_WEIGHT,
                },
                f"{facts.decided_on_time} of {facts.decisions_counted} application(s) "
                "decided before their deadline",
            )
        )
    on_time_what = "delivered on time" if kind is SubjectKind.STUDENT else "completed in person"
    terms += [
        _term(
            "on_time",
            kind,
            on_time,
            {
                "on_time": facts.on_time,
                "completed": facts.completed,
                "prior": PRIOR_ON_TIME,
                "prior_weight": ON_TIME_PRIOR_WEIGHT,
            },
            f"{facts.on_time} of {facts.completed} completed engagement(s) {on_time_what}",
        ),
        _term(
            "experience",
            kind,
            experience,
            {"completed": facts.completed, "half_at": EXPERIENCE_HALF},
            f"{facts.completed} completed engagement(s)",
        ),
    ]
    return Reputation(
        subject=subject,
        score=sum(t.contribution for t in terms),
        formula=STUDENT_FORMULA if kind is SubjectKind.STUDENT else ORGANIZATION_FORMULA,
        terms=tuple(terms),
        rating_avg=rating_avg,
        review_count=facts.review_count,
        completed_engagements=facts.completed,
        on_time_rate=facts.on_time / facts.completed if facts.completed else 0.0,
        verified_skills=skills if kind is SubjectKind.STUDENT else (),
        response_rate=response_rate,
        median_decision_hours=facts.median_decision_hours,
    )
