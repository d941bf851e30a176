"""The SMTP server goes away: e-mails wait, retried with backoff (each failed attempt
recorded and announced), and arrive once, when the server is back."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from stint.application.v1 import application_pb2 as apb
from tests.integration.notification.conftest import known, told
from tests.integration.notification.feed import EventFeed
from tests.integration.notification.mail import MailCatcher
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as Stub,
    )


async def test_mail_waits_for_the_server_and_arrives_once(
    notifications: Stub, feed: EventFeed, pool: asyncpg.Pool, mail: MailCatcher
) -> None:
    owner = await feed.register("employer")
    student = await feed.register("student")
    await known(pool, student)
    listing = await feed.publish_listing(owner)
    mail.stop()
    try:
        app = feed.application(
            listing,
            student,
            status=apb.APPLICATION_STATUS_REJECTED,
            reject_reason=apb.REJECT_REASON_OTHER,
            version=2,
        )
        await feed.application_event("rejected", app, reason=apb.REJECT_REASON_OTHER)
        await told(notifications, student, "application.rejected")

        async def retried() -> Any:
            row = await pool.fetchrow(
                "SELECT status, attempts, last_error, next_attempt_at FROM email_deliveries "
                "WHERE recipient_id = $1",
                student.id,
            )
            return row if row is not None and row["attempts"] >= 3 else None

        row = await eventually(retried, "three failed attempts", timeout_s=20)
        assert row["status"] == "pending"
        assert "SMTPConnect" in row["last_error"] or "Connect" in row["last_error"]
    finally:
        mail.start()
    (message,) = await eventually(lambda: mail.to(student.email) or None, "the mail, late")
    assert "not successful" in str(message["Subject"])
    sent = await pool.fetchrow(
        "SELECT status, attempts FROM email_deliveries WHERE recipient_id = $1", student.id
    )
    assert sent is not None and sent["status"] == "sent" and sent["attempts"] >= 4
    await eventually(lambda: _settled(pool, student.id), "the e-mail settled")
    counted = Counter(str(m["Message-ID"]) for m in mail.to(student.email))
    assert list(counted.values()) == [1]


async def _settled(pool: asyncpg.Pool, recipient_id: str) -> bool:
    return bool(
        await pool.fetchval(
            "SELECT status = 'sent' FROM email_deliveries WHERE recipient_id = $1", recipient_id
        )
    )
