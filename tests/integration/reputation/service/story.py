"""Scripted histories: a student and an employer's organization, a listing, and an
engagement that starts, is delivered and completes, with the times a test chooses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from stint.application.v1 import application_pb2 as apb
from stint.application.v1 import events_pb2 as aev
from stint.listing.v1 import listing_pb2 as lpb
from stint_runtime.identity import Caller
from tests.integration.reputation.service.feed import EventFeed, Sent, stamp
from tests.waiting import eventually


@dataclass(frozen=True)
class Parties:
    student: Caller
    employer: Caller

    @property
    def organization_id(self) -> str:
        assert self.employer.organization_id
        return self.employer.organization_id


@dataclass(frozen=True)
class Story:
    parties: Parties
    listing: lpb.Listing
    engagement: apb.Engagement
    completion: Sent
    """The EngagementCompleted event as sent, to deliver it again."""

    @property
    def student(self) -> Caller:
        return self.parties.student

    @property
    def employer(self) -> Caller:
        return self.parties.employer


async def parties(feed: EventFeed, *, student_email: str = "") -> Parties:
    tag = uuid.uuid4().hex[:8]
    organization_id = str(uuid.uuid4())
    student = await feed.account("student", student_email or f"ada-{tag}@example.org", f"Ada {tag}")
    employer = await feed.account(
        "employer", f"boss-{tag}@northwind.test", "Bo Ss", organization_id
    )
    return Parties(Caller(student, "student"), Caller(employer, "employer", organization_id))


def engagement_of(who: Parties, listing_id: str, **changes: Any) -> apb.Engagement:
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "application_id": str(uuid.uuid4()),
        "listing_id": listing_id,
        "student_id": who.student.account_id,
        "organization_id": who.organization_id,
        "status": apb.ENGAGEMENT_STATUS_ACTIVE,
        "started_at": stamp(now - timedelta(days=10)),
        "due_at": stamp(now - timedelta(days=1)),
        "version": 1,
    }
    values.update(changes)
    return apb.Engagement(**values)


async def complete(feed: EventFeed, engagement: apb.Engagement, *, late: bool = False) -> Sent:
    """Delivered (on time unless ``late``), then completed now."""
    now = datetime.now(UTC)
    due = engagement.due_at.ToDatetime(tzinfo=UTC)
    delivered = apb.Engagement()
    delivered.CopyFrom(engagement)
    delivered.status = apb.ENGAGEMENT_STATUS_DELIVERED
    delivered.delivered_at.CopyFrom(
        stamp(due + timedelta(hours=5) if late else due - timedelta(hours=5))
    )
    delivered.version = engagement.version + 1
    await feed.engagement(aev.EngagementDelivered, delivered)
    completed = apb.Engagement()
    completed.CopyFrom(delivered)
    completed.status = apb.ENGAGEMENT_STATUS_COMPLETED
    completed.completed_at.CopyFrom(stamp(now))
    completed.version = delivered.version + 1
    return await feed.engagement(aev.EngagementCompleted, completed)


async def completed_story(
    feed: EventFeed, who: Parties | None = None, *, late: bool = False, **listing: Any
) -> Story:
    """A completed engagement whose window is open and whose credential is issued."""
    who = who or await parties(feed)
    posted = await feed.listing(who.organization_id, **listing)
    started = engagement_of(who, posted.id)
    await feed.engagement(aev.EngagementStarted, started)
    completion = await complete(feed, started, late=late)
    await credential_of(feed.pool, started.id)
    return Story(who, posted, started, completion)


async def credential_of(pool: asyncpg.Pool, engagement_id: str) -> str:
    async def issued() -> str | None:
        found = await pool.fetchval(
            "SELECT id FROM credentials WHERE engagement_id = $1", engagement_id
        )
        return str(found) if found else None

    return await eventually(issued, f"the credential of engagement {engagement_id}")


async def events_of(pool: asyncpg.Pool, key: str) -> list[str]:
    """The event types written for one key, oldest first (short names)."""
    rows = await pool.fetch("SELECT event_type FROM outbox WHERE key = $1 ORDER BY id", key)
    return [row["event_type"].rsplit(".", 1)[-1] for row in rows]
