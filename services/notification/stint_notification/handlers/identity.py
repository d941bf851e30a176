"""Identity events: who an account is (its address, name, role and organization).
An organization's first account also hears what was waiting for it."""

from __future__ import annotations

import asyncpg

from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as identity_events
from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.records import AccountView
from stint_notification.store import projections, waiting
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["identity_subscription"]

_ROLES = {
    common_pb2.ROLE_STUDENT: "student",
    common_pb2.ROLE_EMPLOYER: "employer",
    common_pb2.ROLE_INSTITUTION: "institution",
}


def _on_registered(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = identity_events.AccountRegistered.FromString(event.payload)
        role = _ROLES.get(message.role)
        if role is None or not message.account_id:
            raise ValueError(f"account event without id or role: {message.account_id!r}")
        account = AccountView(
            account_id=message.account_id,
            email=message.email,
            role=role,
            display_name=message.display_name,
            organization_id=message.organization_id or None,
        )
        await projections.upsert_account(conn, account, from_timestamp(message.registered_at))
        if account.organization_id:
            kept = await waiting.take_for_organization(conn, account.organization_id)
            if kept:
                await tell(conn, ctx, kept)

    return handle


def identity_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name="notification.identity-events",
        topics=(topics.IDENTITY,),
        handlers={"stint.identity.v1.AccountRegistered": _on_registered(ctx)},
    )
