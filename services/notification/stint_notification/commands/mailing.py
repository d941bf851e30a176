"""Sending the recorded e-mails over SMTP. Every replica runs this: due rows are taken
with ``FOR UPDATE SKIP LOCKED`` and marked 'sending' in a committed transaction before
the SMTP conversation, then settled one by one. A server that is away (refused, timed
out, 4xx) means a retry with backoff; a recipient the server refuses for good (5xx) is
given up at once. A replica that died mid-send leaves 'sending' rows that are due again
once their lease has passed, with the same Message-ID (``in_doubt``)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import aiosmtplib
import asyncpg

from stint_notification import events
from stint_notification.commands.notifying import unsubscribe_url
from stint_notification.context import Context
from stint_notification.domain.mail import MailContent, email_message
from stint_notification.domain.records import EmailDelivery
from stint_notification.domain.schedule import mail_retry_at
from stint_notification.store import digests, emails, projections
from stint_runtime.db import connection, transaction

__all__ = ["MAIL_BATCH", "send_due_emails"]

log = logging.getLogger(__name__)

MAIL_BATCH = 20
"""E-mails per SMTP connection: short enough to be sent well within the lease."""


class _Permanent(Exception):
    """The server refused the recipient for good."""


async def _addresses(pool: asyncpg.Pool, due: list[EmailDelivery]) -> dict[str, str]:
    found: dict[str, str] = {}
    async with connection(pool) as conn:
        for email in due:
            account = await projections.get_account(conn, email.recipient_id)
            if account is not None:
                found[email.recipient_id] = account.email
    return found


async def _notification_ids(conn: asyncpg.Connection, email: EmailDelivery) -> list[str]:
    if email.notification_id is not None:
        return [email.notification_id]
    assert email.digest_id is not None
    return [n.id for n in await digests.digest_items(conn, email.digest_id)]


async def _settle(
    pool: asyncpg.Pool, ctx: Context, email: EmailDelivery, error: Exception | str | None
) -> None:
    now = ctx.clock()
    attempt = email.attempts + 1
    async with transaction(pool) as conn:
        ids = await _notification_ids(conn, email)
        if error is None:
            await emails.mark_sent(conn, email.id, now)
            for notification_id in ids:
                await events.delivered(
                    conn, ctx.schema, notification_id, email.recipient_id, "email", now
                )
            return
        reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        next_at = None
        if isinstance(error, _Permanent) or attempt >= ctx.mail_max_attempts:
            await emails.mark_failed(conn, email.id, reason)
        else:
            next_at = mail_retry_at(now, attempt, ctx.mail_retry_base_s, ctx.mail_retry_cap_s)
            await emails.mark_retry(conn, email.id, reason, next_at)
        if isinstance(error, str):  # not sent yet for want of an address: no failure event
            return
        for notification_id in ids:
            await events.failed(
                conn,
                ctx.schema,
                notification_id,
                email.recipient_id,
                "email",
                reason,
                attempt,
                next_at,
            )


def _client(ctx: Context) -> aiosmtplib.SMTP:
    server = ctx.mail_server
    return aiosmtplib.SMTP(
        hostname=server.host,
        port=server.port,
        timeout=server.timeout_s,
        start_tls=server.starttls,
        username=server.username or None,
        password=server.password or None,
    )


async def _send_one(
    smtp: aiosmtplib.SMTP, ctx: Context, email: EmailDelivery, address: str
) -> None:
    message = email_message(
        content=MailContent(email.subject, email.text, email.html),
        mail_from=ctx.mail_from,
        to=address,
        msg_id=email.message_id,
        unsubscribe_url=unsubscribe_url(ctx, email.recipient_id, email.type),
        written_at=ctx.clock(),
    )
    try:
        await smtp.send_message(message)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        if all(r.code >= 500 for r in exc.recipients):
            raise _Permanent(f"the server refused {address}: {exc.recipients[0].message}") from exc
        raise


async def _connected(smtp: aiosmtplib.SMTP) -> Exception | None:
    """None once ``smtp`` is connected; the error when the server is away."""
    if smtp.is_connected:
        return None
    try:
        await smtp.connect()
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("the SMTP server is away; retrying later", extra={"error": repr(exc)})
        return exc
    return None


async def _send_all(
    pool: asyncpg.Pool, ctx: Context, due: list[EmailDelivery], addresses: Mapping[str, str]
) -> int:
    smtp = _client(ctx)
    sent = 0
    away: Exception | None = None
    try:
        for email in due:
            address = addresses.get(email.recipient_id)
            if address is None:
                await _settle(pool, ctx, email, "the recipient's address is not known yet")
                continue
            # One failed connect is the round's answer: the rest wait for the retry.
            away = away or await _connected(smtp)
            if away is not None:
                await _settle(pool, ctx, email, away)
                continue
            try:
                await _send_one(smtp, ctx, email, address)
            except (_Permanent, aiosmtplib.SMTPException, OSError) as exc:
                await _settle(pool, ctx, email, exc)
                continue
            await _settle(pool, ctx, email, None)
            sent += 1
    finally:
        if smtp.is_connected:
            try:
                await smtp.quit()
            except (aiosmtplib.SMTPException, OSError):
                smtp.close()
    return sent


async def send_due_emails(pool: asyncpg.Pool, ctx: Context) -> int:
    """One round: e-mails left in doubt are due again, then up to ``MAIL_BATCH`` due
    ones are sent over one connection; how many were sent."""
    now = ctx.clock()
    async with transaction(pool) as conn:
        recovered = await emails.recover_in_doubt(conn, now - ctx.send_lease)
        due = await emails.take_due_emails(conn, now, min(MAIL_BATCH, ctx.sweep_batch))
    if recovered:
        log.warning("e-mails left mid-send are due again", extra={"count": recovered})
    if not due:
        return 0
    return await _send_all(pool, ctx, due, await _addresses(pool, due))
