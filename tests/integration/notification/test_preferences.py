"""Preferences decide the channels: e-mail off means no mail and the inbox kept, a
type can be switched off per channel, critical ones never in-app (422 naming the
field), and a daily digest collects several matches into one mail at the chosen local
hour, in the person's own time zone."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import grpc
import pytest

from stint.application.v1 import application_pb2 as apb
from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_notification.commands.digesting import send_due_digests
from stint_notification.context import Context
from stint_notification.settings import NotificationSettings
from stint_runtime.rpc.errors import field_errors_from
from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.notification.conftest import acting_as, inbox_of, known, told
from tests.integration.notification.feed import EventFeed, Person
from tests.integration.notification.mail import MailCatcher, text_of
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


async def choose(notifications: Stub, person: Person, **prefs: Any) -> api.PreferencesReply:
    values: dict[str, Any] = {"email": True, "in_app": True, **prefs}
    with acting_as(person):
        reply: api.PreferencesReply = await notifications.PutPreferences(
            api.PutPreferencesRequest(preferences=pb.Preferences(**values))
        )
    return reply


async def rejected(feed: EventFeed, student: Person) -> None:
    owner = await feed.register("employer")
    listing = await feed.publish_listing(owner)
    app = feed.application(
        listing,
        student,
        status=apb.APPLICATION_STATUS_REJECTED,
        reject_reason=apb.REJECT_REASON_AVAILABILITY,
        version=2,
    )
    await feed.application_event("rejected", app, reason=apb.REJECT_REASON_AVAILABILITY)


async def emails_for(pool: asyncpg.Pool, person: Person) -> int:
    count: int = await pool.fetchval(
        "SELECT count(*) FROM email_deliveries WHERE recipient_id = $1", person.id
    )
    return count


async def test_email_off_sends_no_mail_and_keeps_the_inbox(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool, mail: MailCatcher
) -> None:
    quiet, loud = await feed.register("student"), await feed.register("student")
    await choose(notifications, quiet, email=False)
    for student in (quiet, loud):
        await known(pool, student)
        await rejected(feed, student)
    await told(notifications, quiet, "application.rejected")
    await told(notifications, loud, "application.rejected")
    # The e-mail is recorded with the notification, in its transaction, or never.
    assert await emails_for(pool, quiet) == 0
    await eventually(lambda: mail.to(loud.email) or None, "the other student's mail")
    assert mail.to(quiet.email) == []


async def test_a_type_switched_off_by_channel(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool
) -> None:
    student = await feed.register("student")
    await choose(
        notifications,
        student,
        types={"match.found": pb.ChannelChoice(email=False, in_app=True, webhook=True)},
    )
    owner = await feed.register("employer")
    listing = await feed.publish_listing(owner)
    await feed.match(listing, student, ["A fit."])
    await rejected(feed, student)
    await told(notifications, student, "match.found")
    await told(notifications, student, "application.rejected")
    types = await pool.fetch(
        "SELECT type FROM email_deliveries WHERE recipient_id = $1", student.id
    )
    assert [r["type"] for r in types] == ["application.rejected"]


async def test_in_app_off_keeps_critical_types(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool
) -> None:
    student = await feed.register("student")
    await choose(notifications, student, in_app=False)
    owner = await feed.register("employer")
    await feed.match(await feed.publish_listing(owner), student, ["A fit."])
    await rejected(feed, student)
    await told(notifications, student, "application.rejected")
    hidden = await pool.fetchval(
        "SELECT count(*) FROM notifications WHERE recipient_id = $1 AND NOT in_app", student.id
    )
    assert hidden == 1  # the match: made (it is e-mailed) but not shown in-app
    assert [n.type for n in (await inbox_of(notifications, student)).notifications] == [
        "application.rejected"
    ]


@pytest.mark.parametrize(
    ("prefs", "loc"),
    [
        (
            {"types": {"application.rejected": pb.ChannelChoice(email=True, in_app=False)}},
            ("types", "application.rejected", "in_app"),
        ),
        (
            {"types": {"engagement.cancelled": pb.ChannelChoice(in_app=False)}},
            ("types", "engagement.cancelled", "in_app"),
        ),
        ({"types": {"no.such.type": pb.ChannelChoice(in_app=True)}}, ("types", "no.such.type")),
        ({"time_zone": "Mars/Olympus_Mons"}, ("time_zone",)),
    ],
)
async def test_refused_choices_name_their_field(
    notifications: Stub, feed: EventFeed, prefs: dict[str, Any], loc: tuple[str, ...]
) -> None:
    student = await feed.register("student")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await choose(notifications, student, **prefs)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    errors = field_errors_from(refused.value.trailing_metadata())  # type: ignore[arg-type]
    assert [e.loc for e in errors] == [loc]
    with acting_as(student):
        kept = await notifications.GetPreferences(api.GetPreferencesRequest())
    assert kept.time_zone == "UTC" and dict(kept.types) == {}


async def test_a_daily_digest_collects_matches_at_the_local_hour(
    notifications: Stub,
    feed: EventFeed,
    pool: asyncpg.Pool,
    mail: MailCatcher,
    moved_clock: MovableClock,
    notification_service: RunningService,
) -> None:
    zone = ZoneInfo("America/New_York")
    student = await feed.register("student")
    chosen = await choose(
        notifications, student, digest=pb.DIGEST_DAILY, time_zone="America/New_York", digest_hour=9
    )
    assert chosen.preferences.digest == pb.DIGEST_DAILY and chosen.preferences.digest_hour == 9
    await known(pool, student)
    owner = await feed.register("employer")
    for title in ("Churn dashboard", "Survey analysis", "Pricing page copy"):
        await feed.match(await feed.publish_listing(owner, title=title), student, ["A fit."])
    found = await told(notifications, student, "match.found", 3)
    # In-app at once; the e-mail waits for the digest.
    assert await emails_for(pool, student) == 0
    due = await pool.fetchval(
        "SELECT due_at FROM digests WHERE recipient_id = $1 AND status = 'pending'", student.id
    )
    now = moved_clock()
    local = due.astimezone(zone)
    assert (local.hour, local.minute) == (9, 0)
    assert now < due <= now + timedelta(hours=25)

    moved_clock.advance(due - now - timedelta(minutes=1))
    # A sweep a minute before the hour (as every replica runs it) sends nothing yet.
    settings = notification_service.spec.settings
    assert isinstance(settings, NotificationSettings)
    ctx = Context.from_settings(settings, moved_clock)
    await send_due_digests(pool, ctx)
    assert await emails_for(pool, student) == 0
    moved_clock.advance(timedelta(minutes=2))
    (digest,) = await eventually(lambda: mail.to(student.email) or None, "the digest mail")
    assert digest["Subject"] == "3 new projects for you on Stint"
    text = text_of(digest)
    for notification in found:
        assert notification.title in text
    assert await emails_for(pool, student) == 1
