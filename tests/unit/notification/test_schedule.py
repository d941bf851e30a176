"""When digests and reminders are due: local hours across DST changes, reminders
ahead of their moments, the webhook schedule and e-mail backoff."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stint_notification.domain.preferences import Digest
from stint_notification.domain.schedule import (
    check_in_at,
    mail_retry_at,
    next_digest_at,
    reminder_at,
    webhook_retry_at,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_daily_digest_at_the_next_local_hour() -> None:
    after = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # 12:00 in Berlin
    assert next_digest_at(after, BERLIN, 8, Digest.DAILY) == datetime(2026, 6, 2, 6, 0, tzinfo=UTC)
    assert next_digest_at(after, BERLIN, 18, Digest.DAILY) == datetime(
        2026, 6, 1, 16, 0, tzinfo=UTC
    )


def test_the_hour_moves_with_daylight_saving_time() -> None:
    # Berlin leaves CET (+1) for CEST (+2) on 29 March 2026: 08:00 local is 07:00 UTC
    # before, 06:00 UTC after.
    before = next_digest_at(datetime(2026, 3, 28, 12, tzinfo=UTC), BERLIN, 8, Digest.DAILY)
    after = next_digest_at(before, BERLIN, 8, Digest.DAILY)
    assert before == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert next_digest_at(datetime(2026, 3, 27, 12, tzinfo=UTC), BERLIN, 8, Digest.DAILY) == (
        datetime(2026, 3, 28, 7, 0, tzinfo=UTC)
    )
    assert after - before == timedelta(days=1)
    assert before.astimezone(BERLIN).hour == 8


def test_a_local_hour_skipped_by_the_clock_change_comes_right_after_it() -> None:
    # 02:00 does not exist in Berlin on 29 March 2026 (02:00 -> 03:00).
    moment = next_digest_at(datetime(2026, 3, 28, 12, tzinfo=UTC), BERLIN, 2, Digest.DAILY)
    assert moment == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert moment.astimezone(BERLIN).hour == 3


def test_a_local_hour_that_happens_twice_is_the_first() -> None:
    # 02:00 happens twice in Berlin on 25 October 2026 (03:00 CEST -> 02:00 CET).
    moment = next_digest_at(datetime(2026, 10, 24, 12, tzinfo=UTC), BERLIN, 2, Digest.DAILY)
    assert moment == datetime(2026, 10, 25, 0, 0, tzinfo=UTC)


def test_weekly_digests_go_out_on_mondays() -> None:
    after = datetime(2026, 6, 3, 12, tzinfo=UTC)  # a Wednesday
    moment = next_digest_at(after, NEW_YORK, 9, Digest.WEEKLY)
    local = moment.astimezone(NEW_YORK)
    assert (local.weekday(), local.hour, local.date().isoformat()) == (0, 9, "2026-06-08")


def test_immediate_has_no_digest_moment() -> None:
    with pytest.raises(ValueError, match="immediate"):
        next_digest_at(datetime(2026, 1, 1, tzinfo=UTC), BERLIN, 8, Digest.IMMEDIATE)


@given(
    after=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
    ),
    hour=st.integers(0, 23),
    zone=st.sampled_from(
        [
            "Europe/Berlin",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Kolkata",
            "UTC",
            "America/St_Johns",
        ]
    ),
)
def test_a_daily_digest_is_the_first_local_hour_after(
    after: datetime, hour: int, zone: str
) -> None:
    tz = ZoneInfo(zone)
    moment = next_digest_at(after, tz, hour, Digest.DAILY)
    assert after < moment <= after + timedelta(hours=25)
    local = moment.astimezone(tz)
    # The chosen hour, or right after a DST gap that swallowed that hour on that day.
    assert local.minute == 0
    if local.hour != hour:
        wanted = datetime.combine(local.date(), time(hour), tzinfo=tz)
        assert wanted.astimezone(UTC).astimezone(tz).hour != hour, (moment, local)
    assert next_digest_at(moment - timedelta(microseconds=1), tz, hour, Digest.DAILY) == moment


def test_reminders_ahead_of_their_moment_or_not_at_all() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    lead = timedelta(hours=48)
    assert reminder_at(now + timedelta(days=5), lead, now) == now + timedelta(days=3)
    assert reminder_at(now + timedelta(hours=47), lead, now) is None
    started, due = now, now + timedelta(days=10)
    assert check_in_at(started, due, now) == now + timedelta(days=5)
    assert check_in_at(started, due, now + timedelta(days=6)) is None


def test_the_webhook_schedule_then_giving_up() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    schedule = (5.0, 300.0, 1800.0)
    assert webhook_retry_at(now, 1, schedule) == now + timedelta(seconds=5)
    assert webhook_retry_at(now, 3, schedule) == now + timedelta(seconds=1800)
    assert webhook_retry_at(now, 4, schedule) is None


def test_mail_retries_back_off_to_a_cap() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    delays = [(mail_retry_at(now, n, 5, 60) - now).total_seconds() for n in range(1, 7)]
    assert delays == [5, 10, 20, 40, 60, 60]
