"""Identity events: names and e-mail domains of accounts, an employer's organization;
a student who asked an institution before this service knew them is linked now when
their domain is the institution's."""

from __future__ import annotations

import asyncpg

from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as ev
from stint_reputation.commands.institutions import link_pending_by_domain
from stint_reputation.context import Context
from stint_reputation.domain.projections import AccountView
from stint_reputation.store import projections as store
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["SUBSCRIPTION_NAME", "account_view", "identity_subscription"]

SUBSCRIPTION_NAME = "reputation.identity-events"
_ROLES = {
    common_pb2.ROLE_STUDENT: "student",
    common_pb2.ROLE_EMPLOYER: "employer",
    common_pb2.ROLE_INSTITUTION: "institution",
}


def account_view(m: ev.AccountRegistered) -> AccountView:
    role = _ROLES.get(m.role)
    if role is None or not m.account_id or "@" not in m.email:
        raise ValueError(f"account event without id, e-mail or role: {m.account_id!r}")
    return AccountView(
        id=m.account_id,
        role=role,
        email=m.email,
        display_name=m.display_name,
        organization_id=m.organization_id or None,
        registered_at=from_timestamp(m.registered_at),
    )


def _on_registered(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        account = account_view(ev.AccountRegistered.FromString(event.payload))
        if await store.upsert_account(conn, account) and account.role == "student":
            await link_pending_by_domain(conn, ctx, account)

    return handle


def identity_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name=SUBSCRIPTION_NAME,
        topics=(topics.IDENTITY,),
        handlers={ev.AccountRegistered.DESCRIPTOR.full_name: _on_registered(ctx)},
    )
