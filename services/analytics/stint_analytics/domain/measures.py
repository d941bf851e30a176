"""The report's measures, computed from the facts (pure: the store only gathers them).

A period (``since``/``until``, dates in UTC) selects a cohort of listings, those
published in it, and everything that followed from them: their applications and
engagements. Without a period every fact counts, applications to a listing the stream
never showed published too (industry and week "(unknown)").
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from stint_analytics.domain.facts import (
    UNKNOWN,
    ApplicationFact,
    EngagementFact,
    ListingFact,
)
from stint_analytics.domain.report import (
    Completion,
    Exploration,
    FunnelRow,
    ListingReach,
    TimeToFill,
)

__all__ = [
    "Cohort",
    "completion",
    "exploration",
    "funnel_rows",
    "listing_reach",
    "quantile",
    "rate",
    "select_cohort",
    "time_to_fill",
    "week_of",
]


@dataclass(frozen=True)
class Cohort:
    listings: dict[str, ListingFact]
    applications: tuple[ApplicationFact, ...]
    engagements: tuple[EngagementFact, ...]

    def listing(self, listing_id: str) -> ListingFact:
        found = self.listings.get(listing_id)
        return found or ListingFact(listing_id, UNKNOWN, "", "", None)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def select_cohort(
    listings: Iterable[ListingFact],
    applications: Iterable[ApplicationFact],
    engagements: Iterable[EngagementFact],
    since: date | None = None,
    until: date | None = None,
) -> Cohort:
    """The listings published in [since, until) and what followed from them."""
    everything = since is None and until is None
    start = _moment(since) if since else None
    end = _moment(until) if until else None

    def in_period(fact: ListingFact) -> bool:
        if everything:
            return True
        if fact.published_at is None:
            return False
        return (start is None or fact.published_at >= start) and (
            end is None or fact.published_at < end
        )

    chosen = {f.listing_id: f for f in listings if in_period(f)}
    keep = (lambda listing_id: True) if everything else chosen.__contains__
    return Cohort(
        chosen,
        tuple(a for a in applications if keep(a.listing_id)),
        tuple(e for e in engagements if keep(e.listing_id)),
    )


def rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def week_of(moment: datetime | None) -> str:
    """The ISO week (UTC) as ``2026-W05``."""
    if moment is None:
        return UNKNOWN
    year, week, _ = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


def _group_of(listing: ListingFact, key: str) -> str:
    if key == "industry":
        return listing.industry or UNKNOWN
    if key == "week":
        return week_of(listing.published_at)
    return "all"


def funnel_rows(cohort: Cohort, key: str) -> tuple[FunnelRow, ...]:
    """One row per value of ``key`` ("industry", "week" or "all"), sorted by label."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    group: dict[str, str] = {}

    def row(listing_id: str) -> list[int]:
        label = group.get(listing_id)
        if label is None:
            label = group[listing_id] = _group_of(cohort.listing(listing_id), key)
        return counts[label]

    for listing in cohort.listings.values():
        row(listing.listing_id)[0] += listing.published_at is not None
    for application in cohort.applications:
        found = row(application.listing_id)
        found[1] += 1
        found[2] += application.shortlisted
        found[3] += application.hired
    for engagement in cohort.engagements:
        row(engagement.listing_id)[4] += engagement.completed_at is not None
    return tuple(FunnelRow(label, *counts[label]) for label in sorted(counts))


def listing_reach(cohort: Cohort) -> ListingReach:
    published = {i for i, f in cohort.listings.items() if f.published_at is not None}

    def reached(ids: Iterable[str]) -> int:
        return len(published & set(ids))

    apps = cohort.applications
    return ListingReach(
        published=len(published),
        applied=reached(a.listing_id for a in apps),
        shortlisted=reached(a.listing_id for a in apps if a.shortlisted),
        hired=reached(a.listing_id for a in apps if a.hired),
        completed=reached(e.listing_id for e in cohort.engagements if e.completed_at),
    )


def quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q  # linear interpolation, as DuckDB's quantile_cont
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _days(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start) / timedelta(days=1)


def time_to_fill(listings: Iterable[ListingFact]) -> TimeToFill:
    published = [f for f in listings if f.published_at is not None]
    fill = [d for d in (_days(f.published_at, f.filled_at) for f in published) if d is not None]
    hire = [d for d in (_days(f.published_at, f.first_hire_at) for f in published) if d is not None]
    return TimeToFill(
        filled=len(fill),
        median_days=quantile(fill, 0.5),
        mean_days=statistics.fmean(fill) if fill else None,
        with_hire=len(hire),
        median_days_to_first_hire=quantile(hire, 0.5),
    )


def completion(engagements: Sequence[EngagementFact]) -> Completion:
    completed = [e for e in engagements if e.completed_at is not None]
    cancelled = sum(e.cancelled_at is not None and e.completed_at is None for e in engagements)
    on_time = sum(e.on_time for e in completed)
    return Completion(
        started=len(engagements),
        completed=len(completed),
        cancelled=cancelled,
        active=len(engagements) - len(completed) - cancelled,
        completion_rate=rate(len(completed), len(completed) + cancelled),
        on_time=on_time,
        on_time_rate=rate(on_time, len(completed)),
        completed_automatically=sum(e.completed_automatically for e in completed),
    )


def exploration(cohort: Cohort) -> Exploration:
    industries: dict[str, set[str]] = defaultdict(set)
    for engagement in cohort.engagements:
        if engagement.cancelled_at is None or engagement.completed_at is not None:
            found = industries[engagement.student_id]
            industry = cohort.listing(engagement.listing_id).industry
            if industry and industry != UNKNOWN:
                found.add(industry)
    multi = sum(len(found) >= 2 for found in industries.values())
    return Exploration(len(industries), multi, rate(multi, len(industries)))
