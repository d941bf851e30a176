"""When things are due: the next digest at a person's local hour (DST-correct, from
the IANA zone database), reminders ahead of the moments they remind of, and the
retries of e-mails and webhooks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from stint_notification.domain.preferences import Digest
from stint_runtime.backoff import exponential_delay

__all__ = [
    "check_in_at",
    "mail_retry_at",
    "next_digest_at",
    "reminder_at",
    "webhook_retry_at",
]


def _at_local_hour(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """The instant ``day`` ``hour``:00 names in ``zone``. A local time skipped by a
    DST change (02:30 on a spring-forward night) means the instant just after the gap;
    one that happens twice means the first."""
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def next_digest_at(after: datetime, zone: ZoneInfo, hour: int, digest: Digest) -> datetime:
    """The first digest moment after ``after``: every day at ``hour`` local time
    (daily), or Mondays at ``hour`` (weekly)."""
    if digest is Digest.IMMEDIATE:
        raise ValueError("immediate delivery has no digest moment")
    local_day = after.astimezone(zone).date()
    for offset in range(9):
        day = local_day + timedelta(days=offset)
        if digest is Digest.WEEKLY and day.weekday() != 0:
            continue
        moment = _at_local_hour(day, hour, zone)
        if moment > after:
            return moment
    raise AssertionError("a digest moment always comes within 9 days")


def reminder_at(deadline: datetime, lead: timedelta, now: datetime) -> datetime | None:
    """``lead`` before ``deadline``; None when that moment has already passed (the
    person was just told of the deadline, or it is too close to remind of)."""
    moment = deadline - lead
    return moment if moment > now else None


def check_in_at(started_at: datetime, due_at: datetime, now: datetime) -> datetime | None:
    """Half-way through an engagement; None when that is already past."""
    moment = started_at + (due_at - started_at) / 2
    return moment if moment > now else None


def mail_retry_at(now: datetime, attempts: int, base_s: float, cap_s: float) -> datetime:
    """After ``attempts`` failed tries: ``base_s`` doubling up to ``cap_s``."""
    return now + timedelta(seconds=exponential_delay(max(attempts - 1, 0), base_s, cap_s))


def webhook_retry_at(now: datetime, attempts: int, schedule_s: Sequence[float]) -> datetime | None:
    """After attempt number ``attempts`` failed (the first is attempt 1, at once): the
    next one on the schedule, or None when the schedule is spent."""
    if attempts - 1 >= len(schedule_s):
        return None
    return now + timedelta(seconds=schedule_s[attempts - 1])
