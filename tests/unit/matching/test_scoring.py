"""The formula's promises, on random profiles and listings: the contributions add up
to the score, the score lies in 0..1, taking away any one input (a matched skill, an
interest, hours, a place) never raises it, and the vectorised index computes the same
numbers as the one-pair formula in both directions."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from stint_matching.domain.index import Engagement, MatchIndex
from stint_matching.domain.listings import ListingView, SkillNeed
from stint_matching.domain.profiles import SkillLevel
from stint_matching.domain.reasons import Audience, explain
from stint_matching.domain.scoring import WEIGHTS, Seeker, assess, skill_credit
from stint_matching.domain.vectors import for_listings, for_students, weighted
from tests.unit.matching.examples import listing, profile

SKILLS = ["python", "sql", "go", "figma", "excel", "gis", "seo", "rust"]
INDUSTRIES = ["software", "design", "climate", "finance"]
PLACES = ["", "rotterdam", "leipzig"]

seekers = st.builds(
    Seeker,
    levels=st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=6),
    verified=st.frozensets(st.sampled_from(SKILLS), max_size=3),
    interests=st.frozensets(st.sampled_from(INDUSTRIES), max_size=2),
    tried=st.frozensets(st.sampled_from(INDUSTRIES), max_size=2),
    hours_per_week=st.integers(0, 80),
    remote_ok=st.booleans(),
    place=st.sampled_from(PLACES),
)
needs = st.lists(
    st.builds(SkillNeed, st.sampled_from(SKILLS), st.booleans()),
    max_size=5,
    unique_by=lambda n: n.name,
).map(tuple)
listings = st.builds(
    lambda skills, industry, hours, days, remote, place: listing(
        skills=skills,
        industry=industry,
        estimated_hours=hours,
        duration_days=days,
        remote=remote,
        location=place.capitalize(),
    ),
    needs,
    st.sampled_from(INDUSTRIES),
    st.integers(1, 200),
    st.integers(1, 90),
    st.booleans(),
    st.sampled_from(PLACES),
)


def score(seeker: Seeker, view: ListingView) -> float:
    return assess(seeker, view, view.location.lower()).score


@given(seekers, listings)
def test_the_contributions_add_up_to_a_score_in_0_1(seeker: Seeker, view: ListingView) -> None:
    assessment = assess(seeker, view, view.location.lower())
    terms = explain(assessment, Audience.STUDENT)
    assert [t.factor for t in terms] == list(WEIGHTS)
    assert math.isclose(sum(t.contribution for t in terms), assessment.score)
    assert -1e-12 <= assessment.score <= 1 + 1e-12
    for term in terms:
        assert 0 <= term.contribution <= WEIGHTS[term.factor] + 1e-12


@given(seekers, listings)
def test_taking_away_any_input_never_raises_the_score(seeker: Seeker, view: ListingView) -> None:
    before = score(seeker, view)
    for skill in seeker.levels:
        fewer = {s: lv for s, lv in seeker.levels.items() if s != skill}
        assert score(replace(seeker, levels=fewer), view) <= before + 1e-12
        lower = {**seeker.levels, skill: max(1, seeker.levels[skill] - 1)}
        assert score(replace(seeker, levels=lower), view) <= before + 1e-12
    for skill in seeker.verified:
        assert score(replace(seeker, verified=seeker.verified - {skill}), view) <= before + 1e-12
    for industry in seeker.interests:
        less = replace(seeker, interests=seeker.interests - {industry})
        assert score(less, view) <= before + 1e-12
    for industry in seeker.tried:
        assert score(replace(seeker, tried=seeker.tried - {industry}), view) <= before + 1e-12
    assert score(replace(seeker, hours_per_week=0), view) <= before + 1e-12
    assert score(replace(seeker, remote_ok=False), view) <= before + 1e-12
    assert score(replace(seeker, place=""), view) <= before + 1e-12


def _index(students: list[tuple[Seeker, str]], views: list[ListingView]) -> MatchIndex:
    index = MatchIndex()
    for view in views:
        index.put_listing(view)
    for seeker, student_id in students:
        index.put_profile(
            profile(
                student_id,
                skills=tuple(SkillLevel(s, lv) for s, lv in seeker.levels.items()),
                interests=tuple(seeker.interests),
                availability_hours_per_week=seeker.hours_per_week,
                remote_ok=seeker.remote_ok,
                location=seeker.place,
            )
        )
        index.set_verified(student_id, seeker.verified)
    return index


@settings(max_examples=60)
@given(st.lists(seekers, min_size=1, max_size=6), st.lists(listings, min_size=1, max_size=6))
def test_the_index_computes_the_formula_in_both_directions(
    students: list[Seeker], views: list[ListingView]
) -> None:
    views = [replace(v, id=f"00000000-0000-0000-0000-{n:012d}") for n, v in enumerate(views)]
    ids = [f"00000000-0000-0000-0001-{n:012d}" for n in range(len(students))]
    without_tried = [replace(s, tried=frozenset()) for s in students]
    index = _index(list(zip(without_tried, ids, strict=True)), views)
    for seeker, student_id in zip(without_tried, ids, strict=True):
        indexed = index.students.seeker(student_id)
        assert indexed is not None
        by_listing = weighted(for_listings(indexed, index.listings, index.codes))
        for row, view in enumerate(views):
            assert math.isclose(by_listing[row], score(seeker, view), abs_tol=1e-9)
    for view in views:
        by_student = weighted(for_students(view, index.students, index.codes))
        for row, seeker in enumerate(without_tried):
            assert math.isclose(by_student[row], score(seeker, view), abs_tol=1e-9)


def test_industries_worked_in_come_from_engagements_and_count_half() -> None:
    done = listing(id="00000000-0000-0000-0000-00000000000d", industry="climate")
    new = listing(id="00000000-0000-0000-0000-00000000000e", industry="climate")
    index = _index(
        [(Seeker(levels={"python": 3}), "00000000-0000-0000-0001-000000000001")], [done, new]
    )
    student = "00000000-0000-0000-0001-000000000001"
    assert index.assess(index.students.seeker(student), new).fits["interest"] == 0  # type: ignore[arg-type]
    index.put_engagement(Engagement("e1", student, done.id, counts=True))
    tried = index.students.seeker(student)
    assert tried is not None and tried.tried == frozenset({"climate"})
    assert index.assess(tried, new).fits["interest"] == 0.5
    assert (
        weighted(for_students(new, index.students, index.codes))[0]
        == index.assess(tried, new).score
    )
    index.put_engagement(Engagement("e1", student, done.id, counts=False))
    assert index.students.seeker(student).tried == frozenset()  # type: ignore[union-attr]


def test_skill_credit_grows_with_level_and_verification_lifts_it() -> None:
    credits = [skill_credit(level) for level in range(6)]
    assert credits == sorted(credits) and credits[0] == 0 and credits[5] == 1.0
    view = listing(skills=(SkillNeed("python", True),))
    plain = assess(Seeker(levels={"python": 1}), view, "")
    verified = assess(Seeker(levels={"python": 1}, verified=frozenset({"python"})), view, "")
    assert verified.fits["required_skills"] > plain.fits["required_skills"]
    assert verified.fits["verified_skills"] == 1.0
    assert verified.score > plain.score
