"""Profile input: names folded with the service's synonym table, every refusal naming
its field."""

from __future__ import annotations

from typing import Any

import pytest

from stint_matching.domain.profiles import ProfileInput, SkillLevel, validate_profile
from stint_runtime.errors import InvalidArgument
from stint_runtime.vocabulary import normalise_industry, normalise_skill
from tests.unit.matching.examples import NOW


def given(**changes: Any) -> ProfileInput:
    values: dict[str, Any] = {
        "headline": " Curious ",
        "skills": [SkillLevel("Python", 3)],
        "interests": ["Software"],
        "availability_hours_per_week": 10,
        "remote_ok": True,
        "location": "",
    }
    values.update(changes)
    return ProfileInput(**values)


def refused(**changes: Any) -> list[tuple[str | int, ...]]:
    with pytest.raises(InvalidArgument) as raised:
        validate_profile("s", given(**changes), now=NOW, version=1)
    return [e.loc for e in raised.value.errors]


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("JS", "javascript"),
        ("  node  js ", "node.js"),
        ("ML", "machine learning"),
        ("Postgres", "postgresql"),
        ("Data Visualisation", "data visualization"),
        ("python 3", "python"),
        ("C Sharp", "c#"),
        ("Figma", "figma"),
    ],
)
def test_skill_names_are_folded(written: str, folded: str) -> None:
    assert normalise_skill(written) == folded


def test_industries_are_folded() -> None:
    assert normalise_industry(" FinTech ") == "financial technology"
    assert normalise_industry("Healthcare") == "health care"
    assert normalise_industry("Climate Tech") == "climate"


def test_a_profile_is_normalised_and_duplicates_keep_the_highest_level() -> None:
    profile = validate_profile(
        "s",
        given(
            skills=[SkillLevel("JS", 2), SkillLevel("javascript", 4), SkillLevel("SQL", 1)],
            interests=["Tech", "technology", "Design"],
            location="  Rotterdam   Centrum ",
        ),
        now=NOW,
        version=3,
    )
    assert profile.skills == (SkillLevel("javascript", 4), SkillLevel("sql", 1))
    assert profile.interests == ("technology", "design")
    assert profile.headline == "Curious"
    assert profile.location == "Rotterdam Centrum"
    assert profile.place == "rotterdam centrum"
    assert profile.version == 3


@pytest.mark.parametrize("level", [0, 6, -1])
def test_levels_outside_1_to_5_name_the_skill(level: int) -> None:
    assert refused(skills=[SkillLevel("go", 3), SkillLevel("sql", level)]) == [
        ("skills", 1, "level")
    ]


def test_more_than_50_skills_is_refused() -> None:
    skills = [SkillLevel(f"skill {n}", 3) for n in range(51)]
    assert refused(skills=skills) == [("skills",)]
    assert validate_profile("s", given(skills=skills[:50]), now=NOW, version=1).skills


@pytest.mark.parametrize("interest", ["", "   ", "!!!", "1234", "a\x00b", "x" * 61, "<script>"])
def test_an_industry_must_look_like_one(interest: str) -> None:
    assert refused(interests=["design", interest]) == [("interests", 1)]


def test_every_wrong_field_is_named_at_once() -> None:
    locs = refused(
        headline="h" * 201,
        skills=[SkillLevel("", 3)],
        availability_hours_per_week=81,
        location="l" * 201,
    )
    assert set(locs) == {
        ("headline",),
        ("skills", 0, "name"),
        ("availability_hours_per_week",),
        ("location",),
    }
