"""Events for the reputation service as their producers publish them: the envelope
headers their relays write, on the topics they publish to. A test scripts a history
(accounts, a listing, an engagement's life, an employer's decisions) with the times
it wants, then waits for the service's projection to show it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as apb
from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as iev
from stint.listing.v1 import events_pb2 as lev
from stint.listing.v1 import listing_pb2 as lpb
from stint_runtime import topics
from tests.integration.producing import Producing, Sent
from tests.integration.producing import timestamp as stamp
from tests.waiting import eventually

__all__ = ["EventFeed", "Sent", "stamp"]


@dataclass
class EventFeed(Producing):
    pool: asyncpg.Pool = field(kw_only=True)

    async def send(self, topic: str, event: Message, key: str) -> Sent:
        return await self.produce(event, key, topic)

    async def account(self, role: str, email: str, name: str, organization_id: str = "") -> str:
        account_id = str(uuid.uuid4())
        roles = {
            "student": common_pb2.ROLE_STUDENT,
            "employer": common_pb2.ROLE_EMPLOYER,
            "institution": common_pb2.ROLE_INSTITUTION,
        }
        event = iev.AccountRegistered(
            account_id=account_id,
            email=email,
            role=roles[role],
            display_name=name,
            organization_id=organization_id,
            registered_at=stamp(datetime.now(UTC)),
        )
        await self.send(topics.IDENTITY, event, account_id)
        await self.wait_for("accounts", "account_id", account_id)
        return account_id

    async def listing(self, organization_id: str, **changes: Any) -> lpb.Listing:
        now = datetime.now(UTC)
        values: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "organization_id": organization_id,
            "organization_name": "Northwind Labs",
            "title": "Build a churn dashboard",
            "description": "Turn our subscription data into a weekly churn dashboard.",
            "industry": "software",
            "skills": [
                lpb.SkillRequirement(name="python", required=True),
                lpb.SkillRequirement(name="sql", required=False),
            ],
            "estimated_hours": 20,
            "duration_days": 14,
            "status": lpb.LISTING_STATUS_OPEN,
            "apply_by": stamp(now + timedelta(days=7)),
            "slots": 1,
            "version": 2,
        }
        values.update(changes)
        listing = lpb.Listing(**values)
        await self.send(topics.LISTING, lev.ListingPublished(listing=listing), listing.id)
        await self.wait_for("listings", "listing_id", listing.id, listing.version)
        return listing

    async def engagement(self, event: type[Message], engagement: apb.Engagement) -> Sent:
        return await self.send(topics.APPLICATION, event(engagement=engagement), engagement.id)

    async def application(self, event: type[Message], application: apb.Application) -> Sent:
        return await self.send(topics.APPLICATION, event(application=application), application.id)

    async def wait_for(
        self, table: str, column: str, key: str, version: int | None = None, timeout_s: float = 20
    ) -> None:
        """Until ``table``'s row ``key`` exists (at ``version`` or newer). The names
        are this module's constants."""
        query = (
            f"SELECT {'version' if version is not None else '1'} FROM {table} WHERE {column} = $1"
        )

        pool = self.pool

        async def arrived() -> bool:
            found = await pool.fetchval(query, key)
            return found is not None and (version is None or found >= version)

        await eventually(arrived, f"{table} row {key} at version {version}", timeout_s)
