"""The whole report from the facts: every measure of ``measures`` for one cohort, and
Stint's figures beside the published references."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from stint_analytics.domain import answers, benchmarks, measures
from stint_analytics.domain.benchmarks import Comparison
from stint_analytics.domain.facts import ApplicationFact, EngagementFact, ListingFact, Outcome
from stint_analytics.domain.measures import Cohort
from stint_analytics.domain.report import FunnelRow, MarketplaceReport, StoreSummary

__all__ = ["comparisons", "marketplace_report"]


def marketplace_report(
    listings: Iterable[ListingFact],
    applications: Iterable[ApplicationFact],
    engagements: Iterable[EngagementFact],
    *,
    store: StoreSummary,
    generated_at: datetime,
    since: date | None = None,
    until: date | None = None,
) -> MarketplaceReport:
    cohort = measures.select_cohort(listings, applications, engagements, since, until)
    (overall,) = measures.funnel_rows(cohort, "all") or (FunnelRow("all", 0, 0, 0, 0, 0),)
    return MarketplaceReport(
        generated_at=generated_at,
        since=since,
        until=until,
        store=store,
        reach=measures.listing_reach(cohort),
        overall=overall,
        by_industry=measures.funnel_rows(cohort, "industry"),
        by_week=measures.funnel_rows(cohort, "week"),
        decisions=answers.decision_times(cohort.applications),
        ghosting=answers.ghosting(cohort.applications),
        response_rate=answers.response_rate(cohort.applications),
        employers=answers.employer_responses(cohort),
        fill=measures.time_to_fill(cohort.listings.values()),
        completion=measures.completion(cohort.engagements),
        exploration=measures.exploration(cohort),
        benchmarks=comparisons(cohort),
    )


def comparisons(cohort: Cohort) -> tuple[Comparison, ...]:
    ended = [a for a in cohort.applications if a.outcome is not None]
    hired = sum(a.outcome is Outcome.HIRED for a in ended)
    started = len(cohort.engagements)
    kept = sum(not e.cancelled_by_student for e in cohort.engagements)
    return (
        Comparison(
            "offer rate",
            measures.rate(hired, len(ended)),
            benchmarks.OFFER_DEFINITION,
            benchmarks.OFFER_REFERENCES,
        ),
        Comparison(
            "acceptance rate",
            measures.rate(kept, started),
            benchmarks.ACCEPTANCE_DEFINITION,
            benchmarks.ACCEPTANCE_REFERENCES,
        ),
    )
