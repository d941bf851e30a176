"""From events to messages: the employer hears of a new application, the student of
the decision with its reason in words and the employer's note, in the inbox and in
their mailbox; nobody sees or marks anyone else's notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest

from stint.application.v1 import application_pb2 as apb
from stint.notification.v1 import notification_service_pb2 as api
from tests.integration.notification.conftest import acting_as, inbox_of, known, told
from tests.integration.notification.feed import EventFeed
from tests.integration.notification.mail import MailCatcher, text_of
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


async def test_application_and_rejection_reach_both_sides(
    notifications: Stub, feed: EventFeed, mail: MailCatcher, pool: asyncpg.Pool
) -> None:
    owner = await feed.register("employer", "Nora Owner")
    student = await feed.register("student", "Sam Student")
    listing = await feed.publish_listing(owner, title="Build a churn dashboard")
    await known(pool, owner)
    await known(pool, student)
    app = feed.application(listing, student)
    await feed.application_event("submitted", app)

    (received,) = await told(notifications, owner, "application.submitted")
    assert received.title == "New application for “Build a churn dashboard”"
    assert "Sam Student applied" in received.body
    assert received.data["application_id"] == app.id
    assert received.data["link"] == f"/applications/{app.id}"

    app.status = apb.APPLICATION_STATUS_REJECTED
    app.reject_reason = apb.REJECT_REASON_SKILLS_MISMATCH
    app.reject_note = "We need more SQL."
    app.version = 2
    await feed.application_event("rejected", app, reason=apb.REJECT_REASON_SKILLS_MISMATCH)

    (rejection,) = await told(notifications, student, "application.rejected")
    assert "skills match the project more closely" in rejection.body
    assert "Note from the employer: We need more SQL." in rejection.body
    # Only the student hears the decision.
    owner_page = await inbox_of(notifications, owner)
    assert [n.type for n in owner_page.notifications] == ["application.submitted"]

    (message,) = await eventually(lambda: mail.to(student.email) or None, "the rejection mail")
    assert message["Subject"] == rejection.title
    assert "skills match the project more closely" in text_of(message)
    assert "We need more SQL." in text_of(message)
    assert message["List-Unsubscribe"].startswith("<http")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.is_multipart()
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html"}


async def test_reading_is_the_readers_own(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool
) -> None:
    owner = await feed.register("employer")
    other = await feed.register("employer")
    students = [await feed.register("student") for _ in range(3)]
    listing = await feed.publish_listing(owner)
    await known(pool, owner)
    for student in students:
        await feed.application_event("submitted", feed.application(listing, student))
    found = await told(notifications, owner, "application.submitted", 3)
    assert (await inbox_of(notifications, owner)).unread == 3

    with acting_as(other), pytest.raises(grpc.aio.AioRpcError) as refused:
        await notifications.MarkRead(api.MarkReadRequest(notification_id=found[0].id))
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND

    with acting_as(owner):
        marked = await notifications.MarkRead(api.MarkReadRequest(notification_id=found[0].id))
        again = await notifications.MarkRead(api.MarkReadRequest(notification_id=found[0].id))
    assert (marked.marked, again.marked) == (1, 0)
    unread = await inbox_of(notifications, owner, unread_only=True)
    assert {n.id for n in unread.notifications} == {n.id for n in found[1:]}
    assert unread.unread == 2

    with acting_as(owner):
        await notifications.MarkAllRead(api.MarkAllReadRequest())
    assert (await inbox_of(notifications, owner)).unread == 0
    assert (await inbox_of(notifications, owner, unread_only=True)).notifications == []
