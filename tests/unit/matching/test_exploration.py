"""The exploration slot: a page of five or more holds a good match from a new
industry; shorter pages and students without such a listing are left as ranked."""

from __future__ import annotations

from datetime import timedelta

from stint_matching.domain.exploration import ExplorationRules
from stint_matching.domain.index import MatchIndex
from stint_matching.domain.listings import SkillNeed
from stint_matching.domain.profiles import SkillLevel
from tests.unit.matching.examples import NOW, listing, profile

STUDENT = "00000000-0000-0000-0000-0000000000b1"
RULES = ExplorationRules(min_page=5, min_score=0.35)


def _index(
    extra_industry: str | None = "climate", skills: tuple[SkillNeed, ...] = ()
) -> MatchIndex:
    index = MatchIndex()
    for n in range(8):
        index.put_listing(listing(id=f"00000000-0000-0000-0000-{n:012d}", title=f"software {n}"))
    if extra_industry:
        index.put_listing(
            listing(
                id="00000000-0000-0000-0000-0000000000ee",
                industry=extra_industry,
                skills=skills or (SkillNeed("python", True), SkillNeed("gis", True)),
            )
        )
    index.put_profile(profile(STUDENT))
    return index


def _industries(index: MatchIndex, limit: int) -> list[str]:
    return [view.industry for view, _ in index.recommend(STUDENT, NOW, limit, RULES)]


def test_a_page_of_five_ends_with_the_best_new_industry() -> None:
    index = _index()
    page = index.recommend(STUDENT, NOW, 5, RULES)
    assert [v.industry for v, _ in page] == ["software"] * 4 + ["climate"]
    assert page[-1][1].exploration
    assert not any(a.exploration for _, a in page[:-1])
    scores = [a.score for _, a in page[:-1]]
    assert scores == sorted(scores, reverse=True)


def test_shorter_pages_are_the_best_matches_only() -> None:
    assert _industries(_index(), 4) == ["software"] * 4


def test_no_slot_without_a_required_skill_in_common() -> None:
    index = _index(skills=(SkillNeed("welding", True),))
    assert _industries(index, 5) == ["software"] * 5


def test_no_slot_without_another_industry() -> None:
    assert _industries(_index(extra_industry=None), 5) == ["software"] * 5


def test_applied_and_closed_listings_are_never_recommended() -> None:
    index = _index()
    index.record_application(STUDENT, "00000000-0000-0000-0000-000000000000")
    index.put_listing(
        listing(
            id="00000000-0000-0000-0000-000000000001", apply_by=NOW - timedelta(hours=1), version=3
        )
    )
    ids = [view.id for view, _ in index.recommend(STUDENT, NOW, 50, RULES)]
    assert "00000000-0000-0000-0000-000000000000" not in ids
    assert "00000000-0000-0000-0000-000000000001" not in ids
    assert len(ids) == 7


def test_a_student_without_a_profile_gets_nothing() -> None:
    index = _index()
    assert index.recommend("00000000-0000-0000-0000-0000000000b2", NOW, 10, RULES) == []
    index.put_profile(
        profile("00000000-0000-0000-0000-0000000000b2", skills=(SkillLevel("go", 2),))
    )
    assert len(index.recommend("00000000-0000-0000-0000-0000000000b2", NOW, 10, RULES)) == 9
