"""The measures of the employers' answers: time to first decision, ghosting and
response rates (pure, like every measure)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence

from stint_analytics.domain.facts import UNKNOWN, ApplicationFact, Outcome
from stint_analytics.domain.measures import Cohort, quantile, rate
from stint_analytics.domain.report import DecisionTimes, EmployerResponse, Ghosting

__all__ = [
    "DECISION_BUCKETS",
    "decision_times",
    "employer_responses",
    "ghosting",
    "response_rate",
]

DECISION_BUCKETS: tuple[tuple[str, float], ...] = (
    ("< 1 day", 24.0),
    ("1-2 days", 48.0),
    ("2-3 days", 72.0),
    ("3-7 days", 168.0),
    ("7-14 days", 336.0),
    (">= 14 days", float("inf")),
)
"""Upper bounds (hours, exclusive) of the time-to-first-decision distribution."""


def _hours(application: ApplicationFact) -> float | None:
    if application.first_decision_at is None:
        return None
    return (application.first_decision_at - application.submitted_at).total_seconds() / 3600


def decision_times(applications: Sequence[ApplicationFact]) -> DecisionTimes:
    hours = [h for h in map(_hours, applications) if h is not None]
    counts = dict.fromkeys((label for label, _ in DECISION_BUCKETS), 0)
    for value in hours:
        label = next(label for label, bound in DECISION_BUCKETS if value < bound)
        counts[label] += 1
    return DecisionTimes(
        decided=len(hours),
        undecided=len(applications) - len(hours),
        median_hours=quantile(hours, 0.5),
        p90_hours=quantile(hours, 0.9),
        mean_hours=statistics.fmean(hours) if hours else None,
        distribution=tuple(counts.items()),
    )


def ghosting(applications: Sequence[ApplicationFact]) -> Ghosting:
    ended = [a for a in applications if a.outcome is not None]
    ghosted = sum(a.outcome is Outcome.NO_DECISION for a in ended)
    return Ghosting(len(ended), ghosted, rate(ghosted, len(ended)))


def _responded(application: ApplicationFact) -> bool:
    return application.first_decision_at is not None


def _ghosted(application: ApplicationFact) -> bool:
    return application.outcome is Outcome.NO_DECISION and not _responded(application)


def response_rate(applications: Sequence[ApplicationFact]) -> float | None:
    responded = sum(map(_responded, applications))
    return rate(responded, responded + sum(map(_ghosted, applications)))


def employer_responses(cohort: Cohort) -> tuple[EmployerResponse, ...]:
    """Per organization, the most applications first."""
    by_org: dict[str, list[ApplicationFact]] = defaultdict(list)
    for application in cohort.applications:
        by_org[application.organization_id].append(application)
    names = {f.organization_id: f.organization_name for f in cohort.listings.values()}
    rows = []
    for org, apps in by_org.items():
        responded = sum(map(_responded, apps))
        ghosted = sum(map(_ghosted, apps))
        hours = [h for h in map(_hours, apps) if h is not None]
        rows.append(
            EmployerResponse(
                organization_id=org,
                organization_name=names.get(org) or org or UNKNOWN,
                applications=len(apps),
                responded=responded,
                ghosted=ghosted,
                rate=rate(responded, responded + ghosted),
                median_decision_hours=quantile(hours, 0.5),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.applications, r.organization_name)))
