"""Bodies of the Student profile and Recommendations sections. The bounds are the
contract's (``PutProfileRequest``'s declared limits, which the matching service
enforces too), so that most bad input is refused here with the field named; what a
name may look like and how names are folded is the service's word."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from stint.matching.v1 import matching_pb2, matching_service_pb2
from stint_gateway.schemas.bounds import count, text, within
from stint_gateway.schemas.listings import Listing
from stint_runtime.contract import field_limits

__all__ = [
    "Candidate",
    "CandidateLimit",
    "Candidates",
    "Explanation",
    "Profile",
    "ProfileIn",
    "Recommendation",
    "RecommendationLimit",
    "Recommendations",
    "SkillLevel",
]

_PUT = field_limits(matching_service_pb2.PutProfileRequest.DESCRIPTOR)
_SKILL = field_limits(matching_pb2.SkillLevel.DESCRIPTOR)
_RECOMMEND = field_limits(matching_service_pb2.RecommendRequest.DESCRIPTOR)["limit"]
_CANDIDATES = field_limits(matching_service_pb2.RankCandidatesRequest.DESCRIPTOR)["limit"]

SkillName = Annotated[str, text(_SKILL["name"])]
Level = Annotated[int, within(_SKILL["level"])]
Interest = Annotated[str, Field(strict=True, max_length=_PUT["interests"].entry_max)]
Headline = Annotated[str, text(_PUT["headline"])]
Location = Annotated[str, text(_PUT["location"])]
Hours = Annotated[int, within(_PUT["availability_hours_per_week"])]

RecommendationLimit = Annotated[int, Query(ge=_RECOMMEND.min, le=_RECOMMEND.max)]
CandidateLimit = Annotated[int, Query(ge=_CANDIDATES.min, le=_CANDIDATES.max)]


class SkillLevel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: SkillName
    level: Level = Field(description="1 (beginner) to 5 (expert).")


class ProfileIn(BaseModel):
    """The whole profile: a PUT replaces what was there."""

    model_config = ConfigDict(extra="forbid")

    headline: Headline = ""
    skills: list[SkillLevel] = count(_PUT["skills"], default_factory=list)
    interests: list[Interest] = count(
        _PUT["interests"],
        default_factory=list,
        description="Industries the student wants to try (names, folded like skills).",
    )
    availability_hours_per_week: Hours = 0
    remote_ok: bool = Field(default=False, strict=True)
    location: Location | None = None


class Profile(BaseModel):
    student_id: UUID
    display_name: str
    headline: str
    skills: list[SkillLevel]
    interests: list[str]
    availability_hours_per_week: int
    remote_ok: bool
    location: str | None
    verified_skills: list[str] = Field(description="Verified by employers on completed work.")
    updated_at: datetime


class Explanation(BaseModel):
    """One term of the score: the contributions of a match add up to its score."""

    factor: str
    contribution: float
    detail: str


class Recommendation(BaseModel):
    listing: Listing
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(description="Sentences made from the score's own terms.")
    explanation: list[Explanation]
    exploration: bool = Field(
        description="From an industry the student has neither listed nor worked in."
    )


class Recommendations(BaseModel):
    items: list[Recommendation]


class Candidate(BaseModel):
    student_id: UUID
    display_name: str
    score: float = Field(ge=0, le=1)
    reasons: list[str]
    explanation: list[Explanation]
    exploration: bool = Field(description="The listing's industry is new to the student.")


class Candidates(BaseModel):
    items: list[Candidate]
