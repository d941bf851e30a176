"""A student's profile: what they can do (skills at a level), what they want to try
(interests), how much time they have and where they can work. Validation names every
field it refuses, and nothing is stored when any field fails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from stint.matching.v1 import matching_pb2, matching_service_pb2
from stint_runtime.contract import FieldLimits, field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.text import length_errors
from stint_runtime.vocabulary import (
    industry_shape_problem,
    normalise_industry,
    normalise_location,
    normalise_skill,
    skill_shape_problem,
)

__all__ = [
    "MAX_SKILLS",
    "Profile",
    "ProfileInput",
    "SkillLevel",
    "validate_profile",
]


def _bound(limits: FieldLimits, what: str) -> int:
    found: int | None = getattr(limits, what)
    assert found is not None, f"the contract declares no {what} here"
    return found


# The bounds the contract declares, which the gateway checks too.
_PUT = field_limits(matching_service_pb2.PutProfileRequest.DESCRIPTOR)
_SKILL = field_limits(matching_pb2.SkillLevel.DESCRIPTOR)
MAX_SKILLS = _bound(_PUT["skills"], "max")
MAX_INTERESTS = _bound(_PUT["interests"], "max")
MAX_INTEREST = _bound(_PUT["interests"], "entry_max")
MAX_HEADLINE = _bound(_PUT["headline"], "max")
MAX_LOCATION = _bound(_PUT["location"], "max")
MIN_HOURS, MAX_HOURS = _PUT["availability_hours_per_week"].bounds
MIN_LEVEL, MAX_LEVEL = _SKILL["level"].bounds
MAX_SKILL_NAME = _bound(_SKILL["name"], "max")


@dataclass(frozen=True)
class SkillLevel:
    name: str
    """Normalised (see ``vocabulary.normalise_skill``)."""
    level: int
    """1 (beginner) to 5 (expert)."""


@dataclass(frozen=True)
class ProfileInput:
    """What a student writes, as received (before normalisation)."""

    headline: str
    skills: Sequence[SkillLevel]
    interests: Sequence[str]
    availability_hours_per_week: int
    remote_ok: bool
    location: str


@dataclass(frozen=True)
class Profile:
    student_id: str
    headline: str
    skills: tuple[SkillLevel, ...]
    """Normalised names, each once (the highest level given wins), in the order given."""
    interests: tuple[str, ...]
    """Normalised industries the student wants to try, each once."""
    availability_hours_per_week: int
    remote_ok: bool
    location: str
    """As written (trimmed); empty when not given. Compared normalised."""
    updated_at: datetime
    version: int
    """Increases with every change."""
    display_name: str = ""
    """From the student's account (identity events)."""
    verified_skills: tuple[str, ...] = field(default=())
    """Skills employers endorsed on completed engagements (reputation events)."""

    @property
    def levels(self) -> dict[str, int]:
        return {skill.name: skill.level for skill in self.skills}

    @property
    def place(self) -> str:
        return normalise_location(self.location)


def _skill_errors(skills: Sequence[SkillLevel]) -> tuple[list[FieldError], list[SkillLevel]]:
    errors: list[FieldError] = []
    if len(skills) > MAX_SKILLS:
        errors.append(FieldError(("skills",), f"at most {MAX_SKILLS} skills (got {len(skills)})"))
        return errors, []
    best: dict[str, int] = {}
    for index, skill in enumerate(skills):
        name = normalise_skill(skill.name)
        problem = skill_shape_problem(name, MAX_SKILL_NAME)
        if "\x00" in skill.name:
            problem = "must not contain the NUL character (U+0000)"
        if problem:
            errors.append(FieldError(("skills", index, "name"), problem))
        if not MIN_LEVEL <= skill.level <= MAX_LEVEL:
            errors.append(
                FieldError(
                    ("skills", index, "level"),
                    f"must be between {MIN_LEVEL} and {MAX_LEVEL} (got {skill.level})",
                )
            )
        if not problem:
            best[name] = max(best.get(name, 0), skill.level)
    return errors, [SkillLevel(name, level) for name, level in best.items()]


def _interest_errors(interests: Sequence[str]) -> tuple[list[FieldError], list[str]]:
    errors: list[FieldError] = []
    if len(interests) > MAX_INTERESTS:
        count = len(interests)
        errors.append(FieldError(("interests",), f"at most {MAX_INTERESTS} (got {count})"))
        return errors, []
    kept: dict[str, None] = {}
    for index, interest in enumerate(interests):
        name = normalise_industry(interest)
        problem = industry_shape_problem(name, MAX_INTEREST)
        if "\x00" in interest:
            problem = "must not contain the NUL character (U+0000)"
        if problem:
            errors.append(FieldError(("interests", index), f"an industry name: {problem}"))
        else:
            kept[name] = None
    return errors, list(kept)


def validate_profile(
    student_id: str, given: ProfileInput, *, now: datetime, version: int
) -> Profile:
    """The profile ``given`` describes, normalised; InvalidArgument naming every field
    that is wrong otherwise."""
    headline = given.headline.strip()
    location = " ".join(given.location.split())
    errors = length_errors(("headline",), headline, MAX_HEADLINE)
    skill_errors, skills = _skill_errors(given.skills)
    interest_errors, interests = _interest_errors(given.interests)
    errors += skill_errors + interest_errors
    hours = given.availability_hours_per_week
    if not MIN_HOURS <= hours <= MAX_HOURS:
        errors.append(
            FieldError(
                ("availability_hours_per_week",),
                f"must be between {MIN_HOURS} and {MAX_HOURS} (got {hours})",
            )
        )
    errors += length_errors(("location",), location, MAX_LOCATION)
    if errors:
        raise InvalidArgument(errors)
    return Profile(
        student_id=student_id,
        headline=headline,
        skills=tuple(skills),
        interests=tuple(interests),
        availability_hours_per_week=hours,
        remote_ok=given.remote_ok,
        location=location,
        updated_at=now,
        version=version,
    )
