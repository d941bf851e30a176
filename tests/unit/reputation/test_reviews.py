"""Review rules: the two parties only, once each, after completion and within the
window; ratings 1-5; endorsements by the organization, of the listing's skills only."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from stint_reputation.domain.projections import EngagementStatus
from stint_reputation.domain.reviews import (
    ReviewWindow,
    Side,
    endorsements,
    open_window,
    require_reviewable,
    side_of,
    subject_for,
    validate_review,
)
from stint_runtime.errors import Conflict, InvalidArgument, NotFound
from stint_runtime.identity import Caller
from tests.unit.reputation.examples import NOW, ORGANIZATION_ID, OWNER, STUDENT, engagement

WINDOW = timedelta(days=14)


def locs(error: InvalidArgument) -> list[tuple[str | int, ...]]:
    return [e.loc for e in error.errors]


def test_only_the_two_parties_have_a_side() -> None:
    work = engagement()
    assert side_of(STUDENT, work) is Side.STUDENT
    assert side_of(OWNER, work) is Side.ORGANIZATION
    colleague = Caller(str(uuid.uuid4()), "employer", ORGANIZATION_ID)
    assert side_of(colleague, work) is Side.ORGANIZATION
    strangers = [
        Caller(str(uuid.uuid4()), "student"),
        Caller(str(uuid.uuid4()), "employer", str(uuid.uuid4())),
        Caller(STUDENT.account_id, "employer", str(uuid.uuid4())),
        Caller(str(uuid.uuid4()), "institution"),
    ]
    for stranger in strangers:
        with pytest.raises(NotFound):
            side_of(stranger, work)


def test_each_side_reviews_the_other() -> None:
    work = engagement()
    assert subject_for(Side.STUDENT, work) == work.organization_id
    assert subject_for(Side.ORGANIZATION, work) == work.student_id


def test_the_window_runs_from_completion() -> None:
    work = engagement(completed_at=NOW - timedelta(days=1))
    window = open_window(work, WINDOW, NOW)
    assert window.closes_at == NOW + timedelta(days=13)
    assert window.is_open(NOW) and not window.is_open(window.closes_at)


def test_reviewable_once_after_completion_within_the_window() -> None:
    window = ReviewWindow("e", NOW, NOW + WINDOW)
    require_reviewable(window, set(), Side.STUDENT, NOW)
    require_reviewable(window, {Side.ORGANIZATION}, Side.STUDENT, NOW)
    with pytest.raises(Conflict, match="once it is completed"):
        require_reviewable(None, set(), Side.STUDENT, NOW)
    with pytest.raises(Conflict, match="already reviewed"):
        require_reviewable(window, {Side.STUDENT}, Side.STUDENT, NOW)
    with pytest.raises(Conflict, match="closed"):
        require_reviewable(window, set(), Side.STUDENT, NOW + WINDOW)
    closed = ReviewWindow("e", NOW, NOW + WINDOW, closed_at=NOW)
    with pytest.raises(Conflict, match="closed"):
        require_reviewable(closed, set(), Side.ORGANIZATION, NOW)


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_ratings_are_one_to_five(rating: int) -> None:
    with pytest.raises(InvalidArgument) as error:
        validate_review(rating, "fine", [])
    assert locs(error.value) == [("rating",)]


def test_comments_and_endorsements_are_bounded() -> None:
    validate_review(5, "x" * 2000, ["python"] * 20)
    with pytest.raises(InvalidArgument) as error:
        validate_review(5, "x" * 2001, ["p" * 61] + ["python"] * 20)
    assert ("comment",) in locs(error.value)
    assert ("endorsed_skills",) in locs(error.value)
    assert ("endorsed_skills", 0) in locs(error.value)
    with pytest.raises(InvalidArgument):
        validate_review(5, "nul\x00", [])


def test_the_organization_endorses_skills_of_the_listing() -> None:
    skills = ("python", "sql", "data visualisation")
    chosen = endorsements(
        Side.ORGANIZATION, [" Python", "SQL", "python", "Data  Visualisation"], skills
    )
    assert chosen == ("python", "sql", "data visualisation")
    assert endorsements(Side.ORGANIZATION, [], skills) == ()
    with pytest.raises(InvalidArgument) as error:
        endorsements(Side.ORGANIZATION, ["python", "rust"], skills)
    assert locs(error.value) == [("endorsed_skills", 1)]
    assert "not a skill of this listing" in error.value.errors[0].msg


def test_an_endorsement_meets_the_listing_skill_under_its_short_form() -> None:
    # The marketplace's one vocabulary folds "JS" as the listing service folded its skill.
    chosen = endorsements(Side.ORGANIZATION, ["JS", "Postgres"], ("javascript", "postgresql"))
    assert chosen == ("javascript", "postgresql")


def test_a_student_endorses_nothing() -> None:
    with pytest.raises(InvalidArgument) as error:
        endorsements(Side.STUDENT, ["python"], ("python",))
    assert locs(error.value) == [("endorsed_skills",)]


def test_on_time_is_delivered_by_the_due_time() -> None:
    assert engagement().delivered_on_time
    assert not engagement(delivered_at=NOW).delivered_on_time
    assert not engagement(delivered_at=None, status=EngagementStatus.ACTIVE).delivered_on_time
