"""Digests: at a person's chosen local hour, the "new project for you" notifications
collected since the last one go out as one e-mail (recorded like any other e-mail, in
the transaction that settles the digest, so each digest is sent once)."""

from __future__ import annotations

import asyncpg

from stint_notification.commands.notifying import MANAGE_PATH, unsubscribe_url
from stint_notification.context import Context
from stint_notification.domain.mail import digest_content, message_id
from stint_notification.domain.records import EmailDelivery
from stint_notification.store import digests, emails
from stint_runtime.db.sweeps import sweep

__all__ = ["send_due_digests"]

DIGEST_TYPE = "match.found"


async def send_due_digests(pool: asyncpg.Pool, ctx: Context) -> int:
    async def batch(conn: asyncpg.Connection, size: int) -> int:
        now = ctx.clock()
        due = await digests.take_due_digests(conn, now, size)
        for digest_id, recipient_id in due:
            items = await digests.digest_items(conn, digest_id)
            if items:
                content = digest_content(
                    [(n.title, n.body, ctx.link(n.data.get("link", "/"))) for n in items],
                    ctx.link(MANAGE_PATH),
                    unsubscribe_url(ctx, recipient_id, DIGEST_TYPE),
                )
                email = EmailDelivery(
                    id=digest_id,
                    recipient_id=recipient_id,
                    type=DIGEST_TYPE,
                    message_id=message_id(digest_id, ctx.mail_from),
                    subject=content.subject,
                    text=content.text,
                    html=content.html,
                    digest_id=digest_id,
                )
                await emails.insert_email(conn, email, now)
            await digests.settle_digest(conn, digest_id, now)
        return len(due)

    return await sweep(pool, ctx.sweep_batch, batch)
