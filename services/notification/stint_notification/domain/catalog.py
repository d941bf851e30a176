"""Every type of notification, named once: what it tells, and whether it is critical
(a decision on your application, an engagement cancelled, a webhook switched off),
which nobody can switch off in-app."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CRITICAL", "DIGESTIBLE", "TYPES", "NotificationType"]


@dataclass(frozen=True)
class NotificationType:
    name: str
    tells: str
    critical: bool = False


_ALL = (
    NotificationType("application.submitted", "the employer: a new application"),
    NotificationType("application.withdrawn", "the employer: an applicant withdrew"),
    NotificationType("application.shortlisted", "the student: on the shortlist"),
    NotificationType("application.rejected", "the student: rejected, why", critical=True),
    NotificationType("application.hired", "the student: hired", critical=True),
    NotificationType("application.closed", "the student: closed by the platform, why", True),
    NotificationType("application.expired", "the employer: an application closed undecided"),
    NotificationType("engagement.delivered", "the employer: work delivered"),
    NotificationType("engagement.completed", "the student: work completed"),
    NotificationType("engagement.cancelled", "the other side: cancelled, why", critical=True),
    NotificationType("listing.closed", "the employer: a listing closed by the platform"),
    NotificationType("match.found", "the student: a new project for you, why it fits"),
    NotificationType("reminder.apply_by", "the student: a matched listing's apply-by is near"),
    NotificationType("reminder.decision_due", "the employer: decision deadlines are near"),
    NotificationType("reminder.check_in", "both sides: half of an engagement's time is gone"),
    NotificationType("reminder.review_closing", "each side: the review window closes soon"),
    NotificationType("review.window_opened", "both sides: review the engagement"),
    NotificationType("review.published", "both sides: the reviews are published"),
    NotificationType("credential.issued", "the student: a completion credential"),
    NotificationType("credit.granted", "the student: academic credit granted"),
    NotificationType("webhook.disabled", "the account: its webhook was switched off", True),
)

TYPES = {t.name: t for t in _ALL}
CRITICAL = frozenset(t.name for t in _ALL if t.critical)
"""Always in-app, whatever the preferences say."""
DIGESTIBLE = frozenset({"match.found"})
"""Types whose e-mails a daily or weekly digest collects."""
