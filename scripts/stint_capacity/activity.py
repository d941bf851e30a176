"""The activity model: who does what how often at peak. Every number is an assumption,
stated here once; docs/capacity.md prints them beside the results."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Activity"]


@dataclass(frozen=True)
class Activity:
    students: int = 10_000_000
    employers: int = 200_000
    open_listings: int = 50_000
    """Open at the same moment, at peak."""

    student_daily_active: float = 0.05
    """Share of students active on a peak day (term start: searching and applying)."""
    employer_daily_active: float = 0.10
    peak_hour_share: float = 0.15
    """Share of a day's activity in its busiest hour."""
    burst: float = 2.0
    """The busiest minute's rate over the busiest hour's mean."""

    requests_per_active_student: float = 40.0
    """API requests per active student and day: search, listings, own applications."""
    requests_per_active_employer: float = 80.0
    recommendations_per_active_student: float = 3.0
    profile_updates_per_active_student: float = 0.2
    signups_per_day: float = 10_000.0

    listing_days_open: float = 14.0
    listing_events: float = 3.0
    """Published, one update, closed."""
    applications_per_active_student: float = 0.4
    application_events: float = 2.0
    """Submitted, then one decision (shortlisted, rejected, hired, withdrawn or closed)."""
    hires_per_listing: float = 1.2
    engagement_events: float = 3.0
    """Started, delivered, completed (or cancelled)."""
    reputation_events_per_engagement: float = 9.0
    """Window opened, two reviews, published, two reputation changes, a credential, two
    skills verified."""

    match_cap: int = 0
    """MatchFound per listing at most (0: every student above the threshold, as shipped)."""
    notifications_per_match: float = 1.0
    channels_per_notification: float = 1.5
    """Deliveries per notification: in-app, and e-mail or a webhook for half of them."""

    outbox_retention_days: float = 7.0
    """How long published outbox rows and inbox receipts are kept (the runtime default)."""
    years_kept: float = 3.0
    """Domain rows (applications, engagements, reviews) kept for the size estimate."""
    notification_days_kept: float = 90.0
    """A notification inbox keeps a season."""

    @property
    def active_students(self) -> float:
        return self.students * self.student_daily_active

    @property
    def active_employers(self) -> float:
        return self.employers * self.employer_daily_active

    @property
    def listings_per_day(self) -> float:
        return self.open_listings / self.listing_days_open

    @property
    def applications_per_day(self) -> float:
        return self.active_students * self.applications_per_active_student

    @property
    def engagements_per_day(self) -> float:
        return self.listings_per_day * self.hires_per_listing

    def peak_per_s(self, per_day: float) -> float:
        return per_day * self.peak_hour_share / 3600 * self.burst

    def scaled(self, factor: float) -> Activity:
        """The same behaviour on a platform ``factor`` times the size."""
        from dataclasses import replace

        return replace(
            self,
            students=round(self.students * factor),
            employers=round(self.employers * factor),
            open_listings=round(self.open_listings * factor),
            signups_per_day=self.signups_per_day * factor,
        )
