import pytest

from stint_runtime.vocabulary import normalise_industry, normalise_skill


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("JS", "javascript"),
        ("  js ", "javascript"),
        ("JavaScript", "javascript"),
        ("Machine   Learning", "machine learning"),
        ("ML", "machine learning"),
        ("golang", "go"),
        ("Postgres", "postgresql"),
        ("Figma", "figma"),
    ],
)
def test_skills_are_trimmed_lowered_and_folded(written: str, normalised: str) -> None:
    assert normalise_skill(written) == normalised


def test_industries_are_normalised_with_their_own_synonyms() -> None:
    assert normalise_industry(" FinTech ") == "financial technology"
    assert normalise_industry("Health  Care") == "health care"
    assert normalise_industry("Healthcare") == "health care"
    # A skill synonym is not an industry synonym.
    assert normalise_industry("js") == "js"


def test_empty_stays_empty() -> None:
    assert normalise_skill("   ") == ""
