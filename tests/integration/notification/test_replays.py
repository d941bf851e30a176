"""Every event delivered twice, and then again after its inbox record is gone (a
restored backup, a replayed dead letter): no second notification, no second e-mail, no
second webhook delivery. Each is keyed by what caused it and whom it is for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aiokafka import TopicPartition

from stint.application.v1 import application_pb2 as apb
from stint.notification.v1 import notification_pb2 as pb
from stint.notification.v1 import notification_service_pb2 as api
from stint_runtime import topics
from tests.integration.consumed import wait_until_consumed
from tests.integration.notification.conftest import acting_as, known, told
from tests.integration.notification.feed import EventFeed, Sent
from tests.integration.notification.mail import MailCatcher
from tests.integration.notification.receiver import serving_receiver
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )
    from stint_runtime.service import RunningService

GROUPS = {
    topics.IDENTITY: "notification.identity-events",
    topics.LISTING: "notification.listing-events",
    topics.APPLICATION: "notification.application-events",
    topics.MATCHING: "notification.matching-events",
}


async def _resend_and_wait(feed: EventFeed, records: Sequence[Sent], bootstrap: str) -> None:
    last: dict[str, dict[TopicPartition, int]] = defaultdict(dict)
    for record in records:
        meta = await feed.resend(record)
        partition = TopicPartition(meta.topic, meta.partition)
        last[meta.topic][partition] = max(last[meta.topic].get(partition, -1), meta.offset)
    for topic, offsets in last.items():
        await wait_until_consumed(bootstrap, GROUPS[topic], offsets)


async def _counts(pool: asyncpg.Pool, ids: list[str]) -> tuple[int, int, int]:
    row = await pool.fetchrow(
        """SELECT (SELECT count(*) FROM notifications WHERE recipient_id = ANY($1::uuid[])),
                  (SELECT count(*) FROM email_deliveries WHERE recipient_id = ANY($1::uuid[])),
                  (SELECT count(*) FROM webhook_deliveries WHERE account_id = ANY($1::uuid[]))""",
        ids,
    )
    assert row is not None
    return row[0], row[1], row[2]


async def test_replayed_events_tell_nobody_twice(
    notifications: Stub,
    feed: EventFeed,
    pool: asyncpg.Pool,
    mail: MailCatcher,
    notification_service: RunningService,
) -> None:
    start = len(feed.sent)
    owner = await feed.register("employer")
    students = [await feed.register("student") for _ in range(4)]
    async with serving_receiver() as receiver:
        with acting_as(students[0]):
            await notifications.PutPreferences(
                api.PutPreferencesRequest(
                    preferences=pb.Preferences(
                        email=True, in_app=True, webhook_url=f"{receiver.base_url}/hook"
                    )
                )
            )
        listing = await feed.publish_listing(owner)
        for person in [owner, *students]:
            await known(pool, person)
        for student in students:
            app = feed.application(listing, student)
            await feed.application_event("submitted", app)
            app.status, app.reject_reason, app.version = (
                apb.APPLICATION_STATUS_REJECTED,
                apb.REJECT_REASON_OTHER,
                2,
            )
            await feed.application_event("rejected", app, reason=apb.REJECT_REASON_OTHER)
            await feed.match(listing, student, ["A fit."])
        await told(notifications, owner, "application.submitted", len(students))
        for student in students:
            await told(notifications, student, "application.rejected")
            await told(notifications, student, "match.found")
        people = [owner, *students]
        expected_mail = len(students) + 2 * len(students)
        await eventually(
            lambda: len([m for p in people for m in mail.to(p.email)]) == expected_mail,
            "every e-mail",
        )
        await eventually(lambda: len(receiver.at("/hook")) == 2, "the two webhook deliveries")
        ids = [p.id for p in people]
        before = await _counts(pool, ids)
        assert before == (3 * len(students), expected_mail, 2)

        ours = feed.sent[start:]
        bootstrap = notification_service.spec.settings.kafka_bootstrap_servers
        await _resend_and_wait(feed, ours, bootstrap)
        assert await _counts(pool, ids) == before
        # The inbox forgets them (a restored backup): the notifications' keys still hold.
        forgotten = await pool.execute(
            "DELETE FROM inbox WHERE event_id = ANY($1::uuid[])",
            [dict(r.headers)["event_id"].decode() for r in ours],
        )
        assert forgotten == f"DELETE {len(ours)}"
        await _resend_and_wait(feed, ours, bootstrap)
        assert await _counts(pool, ids) == before

        # Nothing more goes out: no row was recorded, and the senders look every 0.1 s.
        sent_mail = len([m for p in people for m in mail.to(p.email)])
        assert sent_mail == expected_mail
        assert len(receiver.at("/hook")) == 2
