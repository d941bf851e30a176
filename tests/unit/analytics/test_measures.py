"""The report's measures on small, hand-counted facts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from stint_analytics.domain import answers, measures
from stint_analytics.domain.composition import marketplace_report
from stint_analytics.domain.facts import (
    UNKNOWN,
    ApplicationFact,
    EngagementFact,
    ListingFact,
    Outcome,
)
from stint_analytics.domain.report import FunnelRow, StoreSummary

T0 = datetime(2030, 3, 4, 9, tzinfo=UTC)  # a Monday, ISO week 2030-W10
H = timedelta(hours=1)
EMPTY_STORE = StoreSummary(0, None, ())


def listing(listing_id: str, industry: str, at: datetime | None, **more: object) -> ListingFact:
    return ListingFact(listing_id, industry, "org-" + industry, industry + " Ltd", at, **more)  # type: ignore[arg-type]


def application(app_id: str, listing_id: str, org: str, **more: object) -> ApplicationFact:
    return ApplicationFact(app_id, listing_id, org, "student-" + app_id, T0 + H, **more)  # type: ignore[arg-type]


LISTINGS = [
    listing("l1", "Software", T0, filled_at=T0 + 48 * H, first_hire_at=T0 + 48 * H),
    listing("l2", "Design", T0 + 7 * 24 * H),
]
APPLICATIONS = [
    application(
        "a1",
        "l1",
        "org-Software",
        first_decision_at=T0 + 3 * H,
        shortlisted=True,
        hired=True,
        outcome=Outcome.HIRED,
    ),
    application("a2", "l1", "org-Software", outcome=Outcome.NO_DECISION),
    application("a3", "l2", "org-Design", first_decision_at=T0 + 49 * H, outcome=Outcome.REJECTED),
    application("a4", "l2", "org-Design"),  # open
    application("a5", "gone", "org-Gone", outcome=Outcome.WITHDRAWN),  # listing never seen
]
ENGAGEMENTS = [
    EngagementFact(
        "e1",
        "l1",
        "student-a1",
        "org-Software",
        T0 + 48 * H,
        completed_at=T0 + 96 * H,
        on_time=True,
    ),
]


def test_the_funnel_counts_each_stage_by_industry_and_week() -> None:
    cohort = measures.select_cohort(LISTINGS, APPLICATIONS, ENGAGEMENTS)
    assert measures.funnel_rows(cohort, "all") == (FunnelRow("all", 2, 5, 1, 1, 1),)
    assert measures.funnel_rows(cohort, "industry") == (
        FunnelRow(UNKNOWN, 0, 1, 0, 0, 0),
        FunnelRow("Design", 1, 2, 0, 0, 0),
        FunnelRow("Software", 1, 2, 1, 1, 1),
    )
    assert [r.label for r in measures.funnel_rows(cohort, "week")] == [
        UNKNOWN,
        "2030-W10",
        "2030-W11",
    ]
    reach = measures.listing_reach(cohort)
    assert (reach.published, reach.applied, reach.hired, reach.completed) == (2, 2, 1, 1)


def test_a_period_selects_listings_by_publication_and_what_followed() -> None:
    cohort = measures.select_cohort(
        LISTINGS, APPLICATIONS, ENGAGEMENTS, since=date(2030, 3, 11), until=date(2030, 3, 12)
    )
    assert list(cohort.listings) == ["l2"]
    assert [a.application_id for a in cohort.applications] == ["a3", "a4"]
    assert cohort.engagements == ()
    before = measures.select_cohort(LISTINGS, APPLICATIONS, ENGAGEMENTS, until=date(2030, 3, 5))
    assert list(before.listings) == ["l1"]


def test_decision_times_count_only_the_employers_answers() -> None:
    times = answers.decision_times(APPLICATIONS)
    assert (times.decided, times.undecided) == (2, 3)
    assert (times.median_hours, times.mean_hours) == (25.0, 25.0)  # 2 h and 48 h
    assert times.p90_hours == pytest.approx(2 + 0.9 * 46)
    assert dict(times.distribution)["< 1 day"] == 1
    assert dict(times.distribution)["2-3 days"] == 1  # 48 h is two full days


def test_ghosting_and_response_rates() -> None:
    ghosting = answers.ghosting(APPLICATIONS)
    assert (ghosting.ended, ghosting.no_decision, ghosting.rate) == (4, 1, 0.25)
    assert answers.response_rate(APPLICATIONS) == pytest.approx(2 / 3)
    cohort = measures.select_cohort(LISTINGS, APPLICATIONS, ENGAGEMENTS)
    rows = {r.organization_id: r for r in answers.employer_responses(cohort)}
    assert (rows["org-Software"].rate, rows["org-Software"].ghosted) == (0.5, 1)
    assert rows["org-Design"].rate == 1.0
    assert rows["org-Gone"].rate is None  # nothing answered or ghosted: no rate, not 0


def test_rates_without_a_denominator_are_none() -> None:
    report = marketplace_report([], [], [], store=EMPTY_STORE, generated_at=T0)
    assert report.overall == FunnelRow("all", 0, 0, 0, 0, 0)
    assert report.ghosting.rate is None and report.response_rate is None
    assert report.completion.completion_rate is None and report.exploration.share is None
    assert report.decisions.median_hours is None and report.fill.median_days is None


def test_completion_on_time_and_exploration() -> None:
    engagements = [
        *ENGAGEMENTS,
        EngagementFact("e2", "l2", "student-a1", "org-Design", T0, completed_at=T0 + H),
        EngagementFact(
            "e3",
            "l2",
            "student-x",
            "org-Design",
            T0,
            cancelled_at=T0 + H,
            cancelled_by_student=True,
        ),
        EngagementFact("e4", "l2", "student-y", "org-Design", T0),
    ]
    done = measures.completion(engagements)
    assert (done.started, done.completed, done.cancelled, done.active) == (4, 2, 1, 1)
    assert done.completion_rate == pytest.approx(2 / 3)
    assert (done.on_time, done.on_time_rate) == (1, 0.5)
    cohort = measures.select_cohort(LISTINGS, APPLICATIONS, engagements)
    explored = measures.exploration(cohort)
    # student-a1: Software and Design; student-y: Design; student-x cancelled.
    assert (explored.students_worked, explored.multi_industry, explored.share) == (2, 1, 0.5)


def test_time_to_fill_and_the_references() -> None:
    fill = measures.time_to_fill(LISTINGS)
    assert (fill.filled, fill.median_days, fill.with_hire) == (1, 2.0, 1)
    report = marketplace_report(
        LISTINGS, APPLICATIONS, ENGAGEMENTS, store=EMPTY_STORE, generated_at=T0
    )
    offer, acceptance = report.benchmarks
    assert offer.stint == 0.25 and acceptance.stint == 1.0  # 1 hire of 4 ended; 1 of 1 kept
    assert all(ref.source.startswith("NACE") for ref in offer.references)
    assert any(ref.value == 0.671 and ref.year == 2017 for ref in offer.references)
