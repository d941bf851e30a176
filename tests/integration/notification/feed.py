"""Events for the notification service, produced on each area's topic with the
envelope headers that area's relay writes (event id, type, producer, key), and kept so
that a test can deliver them again (same event id, as a redelivery would)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as apb
from stint.application.v1 import events_pb2 as app_events
from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as identity_events
from stint.listing.v1 import events_pb2 as listing_events
from stint.listing.v1 import listing_pb2 as lpb
from stint.matching.v1 import events_pb2 as matching_events
from stint.matching.v1 import matching_pb2 as mpb
from tests.integration.producing import Producing, Sent, open_listing, timestamp

__all__ = ["EventFeed", "Person", "Sent", "timestamp"]


@dataclass(frozen=True)
class Person:
    id: str
    email: str
    organization_id: str = ""


@dataclass
class EventFeed(Producing):
    async def send(self, event: Message, key: str, producer: str = "") -> Sent:
        """``event`` on its area's topic; ``producer`` only says who would publish it."""
        return await self.produce(event, key)

    async def register(self, role: str = "student", name: str = "") -> Person:
        account_id = str(uuid.uuid4())
        email = f"{role}-{account_id[:8]}@example.com"
        organization_id = str(uuid.uuid4()) if role == "employer" else ""
        roles = {
            "student": common_pb2.ROLE_STUDENT,
            "employer": common_pb2.ROLE_EMPLOYER,
            "institution": common_pb2.ROLE_INSTITUTION,
        }
        await self.send(
            identity_events.AccountRegistered(
                account_id=account_id,
                email=email,
                role=roles[role],
                display_name=name or f"{role.title()} {account_id[:4]}",
                organization_id=organization_id,
                registered_at=timestamp(datetime.now(UTC)),
            ),
            account_id,
            "gateway",
        )
        return Person(account_id, email, organization_id)

    async def publish_listing(self, owner: Person, **changes: Any) -> lpb.Listing:
        listing = open_listing(owner.organization_id, **changes)
        await self.send(listing_events.ListingPublished(listing=listing), listing.id, "listing")
        return listing

    async def application_event(
        self, kind: str, app: apb.Application, **extra: Any
    ) -> apb.Application:
        events = {
            "submitted": app_events.ApplicationSubmitted,
            "withdrawn": app_events.ApplicationWithdrawn,
            "shortlisted": app_events.ApplicationShortlisted,
            "rejected": app_events.ApplicationRejected,
            "hired": app_events.ApplicationHired,
            "closed": app_events.ApplicationClosed,
        }
        await self.send(events[kind](application=app, **extra), app.id, "application")
        return app

    @staticmethod
    def application(listing: lpb.Listing, student: Person, **changes: Any) -> apb.Application:
        now = datetime.now(UTC)
        values: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "listing_id": listing.id,
            "student_id": student.id,
            "organization_id": listing.organization_id,
            "status": apb.APPLICATION_STATUS_SUBMITTED,
            "cover_note": "I build dashboards.",
            "decision_due_at": timestamp(now + timedelta(days=14)),
            "created_at": timestamp(now),
            "updated_at": timestamp(now),
            "version": 1,
        }
        values.update(changes)
        return apb.Application(**values)

    async def match(
        self, listing: lpb.Listing, student: Person, reasons: list[str], **changes: Any
    ) -> matching_events.MatchFound:
        found = matching_events.MatchFound(
            match=mpb.Match(
                listing_id=listing.id, student_id=student.id, score=0.82, reasons=reasons
            ),
            listing_title=listing.title,
            organization_name=listing.organization_name,
            industry=listing.industry,
            apply_by=listing.apply_by,
            match_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{listing.id}/{student.id}")),
        )
        for name, value in changes.items():
            setattr(found, name, value)
        await self.send(found, student.id, "matching")
        return found


def engagement(app: apb.Application, **changes: Any) -> apb.Engagement:
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "application_id": app.id,
        "listing_id": app.listing_id,
        "student_id": app.student_id,
        "organization_id": app.organization_id,
        "status": apb.ENGAGEMENT_STATUS_ACTIVE,
        "started_at": timestamp(now),
        "due_at": timestamp(now + timedelta(days=10)),
        "version": 1,
    }
    values.update(changes)
    return apb.Engagement(**values)


ENGAGEMENT_EVENTS = {
    "started": app_events.EngagementStarted,
    "delivered": app_events.EngagementDelivered,
    "completed": app_events.EngagementCompleted,
    "cancelled": app_events.EngagementCancelled,
}

__all__ += ["ENGAGEMENT_EVENTS", "engagement"]
