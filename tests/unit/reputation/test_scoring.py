"""The published formula: contributions add up to the score, the score is recomputed
from the breakdown's inputs alone (with docs/reputation.md's formula, written out
here independently), few reviews shrink toward the prior."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stint_reputation.domain.scoring import (
    ORGANIZATION_FORMULA,
    STUDENT_FORMULA,
    StandingInputs,
    reputation_of,
)
from stint_reputation.domain.subjects import Subject, SubjectKind
from tests.unit.reputation.formula import recomputed_score

STUDENT = Subject("s", SubjectKind.STUDENT)
ORGANIZATION = Subject("o", SubjectKind.ORGANIZATION)


facts = st.builds(
    lambda n, ratings, completed, on_time, counted, decided: StandingInputs(
        review_count=n,
        rating_sum=sum(ratings[:n]) if n <= len(ratings) else n * 3,
        completed=completed,
        on_time=min(on_time, completed),
        decided_on_time=min(decided, counted),
        decisions_counted=counted,
    ),
    st.integers(0, 50),
    st.lists(st.integers(1, 5), max_size=50),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(0, 200),
    st.integers(0, 200),
)


@given(facts, st.sampled_from([STUDENT, ORGANIZATION]))
def test_the_score_is_recomputed_from_the_breakdown_alone(
    inputs: StandingInputs, subject: Subject
) -> None:
    reputation = reputation_of(subject, inputs)
    assert reputation.score == pytest.approx(recomputed_score(reputation.terms), abs=1e-9)
    assert reputation.score == pytest.approx(sum(t.contribution for t in reputation.terms))
    assert 0 <= reputation.score <= 100
    assert sum(t.weight for t in reputation.terms) == pytest.approx(1.0)


def test_each_kind_has_its_own_versioned_formula() -> None:
    student = reputation_of(STUDENT, StandingInputs())
    organization = reputation_of(ORGANIZATION, StandingInputs())
    assert student.formula == STUDENT_FORMULA and student.formula.id.endswith(".v1")
    assert organization.formula == ORGANIZATION_FORMULA
    assert [t.name for t in student.terms] == ["rating", "on_time", "experience"]
    assert [t.name for t in organization.terms] == [
        "rating",
        "responsiveness",
        "on_time",
        "experience",
    ]
    assert student.response_rate is None and organization.response_rate is None


def test_few_reviews_shrink_toward_the_prior() -> None:
    one_five = reputation_of(STUDENT, StandingInputs(review_count=1, rating_sum=5))
    many_fives = reputation_of(STUDENT, StandingInputs(review_count=40, rating_sum=200))
    assert one_five.rating_avg == pytest.approx((5 * 3.5 + 5) / 6)
    assert one_five.rating_avg < many_fives.rating_avg < 5
    assert reputation_of(STUDENT, StandingInputs()).rating_avg == 3.5


def test_the_plain_rates_are_reported_beside_the_shrunk_terms() -> None:
    reputation = reputation_of(
        ORGANIZATION,
        StandingInputs(completed=4, on_time=3, decided_on_time=3, decisions_counted=4),
    )
    assert reputation.on_time_rate == 0.75
    assert reputation.response_rate == 0.75
    assert reputation_of(STUDENT, StandingInputs()).on_time_rate == 0.0


def test_a_better_record_scores_higher() -> None:
    weak = reputation_of(STUDENT, StandingInputs(review_count=3, rating_sum=6, completed=3))
    strong = reputation_of(
        STUDENT, StandingInputs(review_count=3, rating_sum=15, completed=3, on_time=3)
    )
    assert strong.score > weak.score


@pytest.mark.parametrize("subject", [STUDENT, ORGANIZATION])
def test_the_published_text_states_the_weights_used(subject: Subject) -> None:
    reputation = reputation_of(subject, StandingInputs())
    for term in reputation.terms:
        assert f"{term.weight:.2f} * {term.name}" in reputation.formula.text
