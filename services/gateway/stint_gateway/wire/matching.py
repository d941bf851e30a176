"""Profiles, recommendations and candidates between the public JSON and the matching
service's protobuf messages."""

from __future__ import annotations

from uuid import UUID

from stint.matching.v1 import matching_pb2 as pb
from stint.matching.v1 import matching_service_pb2 as api
from stint_gateway.schemas.applications import ApplicationPage
from stint_gateway.schemas.matching import (
    Candidate,
    Candidates,
    Explanation,
    Profile,
    ProfileIn,
    Recommendation,
    Recommendations,
    SkillLevel,
)
from stint_gateway.wire.listings import listing_reply
from stint_runtime.timestamps import from_timestamp

__all__ = [
    "candidates_reply",
    "explanation_reply",
    "profile_message",
    "profile_reply",
    "recommendations_reply",
    "scored_page",
]


def profile_message(body: ProfileIn) -> api.PutProfileRequest:
    return api.PutProfileRequest(
        headline=body.headline,
        skills=[pb.SkillLevel(name=s.name, level=s.level) for s in body.skills],
        interests=body.interests,
        availability_hours_per_week=body.availability_hours_per_week,
        remote_ok=body.remote_ok,
        location=body.location or "",
    )


def profile_reply(m: pb.Profile) -> Profile:
    return Profile(
        student_id=UUID(m.student_id),
        display_name=m.display_name,
        headline=m.headline,
        # Built without the request limits: the service's word on its own data stands.
        skills=[SkillLevel.model_construct(name=s.name, level=s.level) for s in m.skills],
        interests=list(m.interests),
        availability_hours_per_week=m.availability_hours_per_week,
        remote_ok=m.remote_ok,
        location=m.location or None,
        verified_skills=list(m.verified_skills),
        updated_at=from_timestamp(m.updated_at),
    )


def explanation_reply(match: pb.Match) -> list[Explanation]:
    return [
        Explanation(factor=e.factor, contribution=e.contribution, detail=e.detail)
        for e in match.explanation
    ]


def _score(match: pb.Match) -> float:
    """Within 0..1 whatever the float sum's last bit says."""
    return min(1.0, max(0.0, match.score))


def recommendations_reply(m: api.Recommendations) -> Recommendations:
    return Recommendations(
        items=[
            Recommendation(
                listing=listing_reply(item.listing),
                score=_score(item.match),
                reasons=list(item.match.reasons),
                explanation=explanation_reply(item.match),
                exploration=item.match.exploration,
            )
            for item in m.items
        ]
    )


def candidates_reply(m: api.Candidates) -> Candidates:
    return Candidates(
        items=[
            Candidate(
                student_id=UUID(item.student_id),
                display_name=item.display_name,
                score=_score(item.match),
                reasons=list(item.match.reasons),
                explanation=explanation_reply(item.match),
                exploration=item.match.exploration,
            )
            for item in m.items
        ]
    )


def scored_page(page: ApplicationPage, scores: api.ApplicantScores) -> ApplicationPage:
    """``page`` with each application's match score and reasons, where known."""
    by_student = {m.student_id: m for m in scores.matches}
    items = []
    for item in page.items:
        match = by_student.get(str(item.student_id))
        if match is not None:
            item = item.model_copy(
                update={"match_score": _score(match), "match_reasons": list(match.reasons)}
            )
        items.append(item)
    return page.model_copy(update={"items": items})
