"""A scripted marketplace history with known counts and times, as the services would
have published it, and publishing events onto the real topics exactly as the relays
do: key = aggregate id, the envelope in headers (``envelope_headers``).

The history of ``march_history(year)`` (T0 = the first Monday of March, 09:00 UTC, in
ISO week 10 for 2030-2037; each test takes its own year, so that the report of its
period holds its history alone, whatever else the session's topics carry):

- L1 Software (Northwind), 1 slot, published T0; L2 Software (Northwind), 3 slots,
  published P2 = T0+1d; L3 Design (Dunmore), 1 slot, published P3 = T0+7d (W11).
- a1 S1->L1 +2h, shortlisted +12h, hired +30h (E1: delivered T0+3d before due,
  completed T0+4d); L1 filled at T0+30h, a2 S2->L1 (+3h) closed position_filled.
- a3 S3->L2 P2+1h rejected P2+51h; a4 S2->L2 P2+2h closed no_decision P2+2h+10d;
  a5 S4->L2 P2+3h withdrawn P2+8h; a8 S5->L2 P2+4h still open; a9 S6->L2 P2+5h hired
  P2+35h (E3, active); a10 S7->L2 P2+6h hired P2+41h (E4, cancelled by the student).
- a6 S1->L3 P3+1h hired P3+201h (E2: delivered late, completed automatically);
  a7 S3->L3 P3+2h shortlisted P3+22h, closed position_filled when L3 filled (P3+201h).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as app_pb
from stint.application.v1 import events_pb2 as app_events
from stint.listing.v1 import events_pb2 as listing_events
from stint.listing.v1 import listing_pb2
from stint_runtime import topics
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.timestamps import to_timestamp

H = timedelta(hours=1)
D = timedelta(days=1)


@dataclass(frozen=True)
class Scripted:
    topic: str
    key: str
    message: Message
    occurred_at: datetime
    producer: str
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def event_type(self) -> str:
        return self.message.DESCRIPTOR.full_name

    def headers(self) -> list[tuple[str, bytes]]:
        return envelope_headers(
            event_id=self.event_id,
            event_type=self.event_type,
            occurred_at=self.occurred_at,
            producer=self.producer,
            aggregate_id=self.key,
            trace_context={},
        )


DECISIONS: dict[str, tuple[int, type[Message]]] = {
    "shortlisted": (app_pb.APPLICATION_STATUS_SHORTLISTED, app_events.ApplicationShortlisted),
    "rejected": (app_pb.APPLICATION_STATUS_REJECTED, app_events.ApplicationRejected),
    "withdrawn": (app_pb.APPLICATION_STATUS_WITHDRAWN, app_events.ApplicationWithdrawn),
}


def new_id() -> str:
    return str(uuid.uuid4())


class History:
    """Builds events with consistent aggregates (versions grow per aggregate)."""

    def __init__(self) -> None:
        self.events: list[Scripted] = []
        self._versions: dict[str, int] = {}
        self.orgs = {"Northwind Labs": new_id(), "Dunmore Design": new_id()}

    def _version(self, key: str) -> int:
        self._versions[key] = self._versions.get(key, 0) + 1
        return self._versions[key]

    def listing(self, org: str, industry: str, slots: int, at: datetime) -> listing_pb2.Listing:
        listing = listing_pb2.Listing(
            id=new_id(),
            organization_id=self.orgs[org],
            organization_name=org,
            title=f"A project of {org}",
            industry=industry,
            slots=slots,
            status=listing_pb2.LISTING_STATUS_OPEN,
            created_at=to_timestamp(at - H),
            published_at=to_timestamp(at),
            updated_at=to_timestamp(at),
        )
        listing.version = self._version(listing.id)
        self._listing(listing_events.ListingPublished(listing=listing), listing.id, at)
        return listing

    def fill(self, listing: listing_pb2.Listing, at: datetime) -> None:
        closed = listing_pb2.Listing()
        closed.CopyFrom(listing)
        closed.status = listing_pb2.LISTING_STATUS_CLOSED
        closed.close_reason = listing_pb2.CLOSE_REASON_FILLED
        closed.slots_filled = listing.slots
        closed.closed_at.CopyFrom(to_timestamp(at))
        closed.version = self._version(listing.id)
        message = listing_events.ListingClosed(
            listing=closed, reason=listing_pb2.CLOSE_REASON_FILLED
        )
        self._listing(message, listing.id, at)

    def _listing(self, message: Message, key: str, at: datetime) -> None:
        self.events.append(Scripted(topics.LISTING, key, message, at, "listing"))

    def apply(self, student: str, listing: listing_pb2.Listing, at: datetime) -> app_pb.Application:
        application = app_pb.Application(
            id=new_id(),
            listing_id=listing.id,
            student_id=student,
            organization_id=listing.organization_id,
            status=app_pb.APPLICATION_STATUS_SUBMITTED,
            cover_note="I would love to.",
            created_at=to_timestamp(at),
            updated_at=to_timestamp(at),
            decision_due_at=to_timestamp(at + 14 * D),
        )
        self._application(app_events.ApplicationSubmitted, application, at)
        return application

    def _application(
        self, kind: type[Message], application: app_pb.Application, at: datetime, **more: object
    ) -> None:
        current = app_pb.Application()
        current.CopyFrom(application)
        current.updated_at.CopyFrom(to_timestamp(at))
        current.version = self._version(application.id)
        message = kind(application=current, **more)
        self.events.append(Scripted(topics.APPLICATION, application.id, message, at, "application"))

    def decide(self, kind: str, application: app_pb.Application, at: datetime) -> None:
        status, event = {
            "shortlisted": (
                app_pb.APPLICATION_STATUS_SHORTLISTED,
                app_events.ApplicationShortlisted,
            ),
            "rejected": (app_pb.APPLICATION_STATUS_REJECTED, app_events.ApplicationRejected),
            "withdrawn": (app_pb.APPLICATION_STATUS_WITHDRAWN, app_events.ApplicationWithdrawn),
        }[kind]
        application.status = status
        if kind != "shortlisted":
            application.decided_at.CopyFrom(to_timestamp(at))
        self._application(event, application, at)

    def close(self, application: app_pb.Application, reason: int, at: datetime) -> None:
        application.status = app_pb.APPLICATION_STATUS_CLOSED
        application.close_reason = reason  # type: ignore[assignment]
        application.decided_at.CopyFrom(to_timestamp(at))
        self._application(app_events.ApplicationClosed, application, at, reason=reason)

    def hire(
        self, application: app_pb.Application, at: datetime, due: timedelta
    ) -> app_pb.Engagement:
        engagement = app_pb.Engagement(
            id=new_id(),
            application_id=application.id,
            listing_id=application.listing_id,
            student_id=application.student_id,
            organization_id=application.organization_id,
            status=app_pb.ENGAGEMENT_STATUS_ACTIVE,
            started_at=to_timestamp(at),
            due_at=to_timestamp(at + due),
        )
        application.status = app_pb.APPLICATION_STATUS_HIRED
        application.engagement_id = engagement.id
        application.decided_at.CopyFrom(to_timestamp(at))
        self._application(app_events.ApplicationHired, application, at, engagement_id=engagement.id)
        self._engagement(app_events.EngagementStarted, engagement, at)
        return engagement

    def _engagement(
        self, kind: type[Message], engagement: app_pb.Engagement, at: datetime, **more: object
    ) -> None:
        current = app_pb.Engagement()
        current.CopyFrom(engagement)
        current.version = self._version(engagement.id)
        message = kind(engagement=current, **more)
        self.events.append(Scripted(topics.APPLICATION, engagement.id, message, at, "application"))

    def deliver(self, engagement: app_pb.Engagement, at: datetime) -> None:
        engagement.status = app_pb.ENGAGEMENT_STATUS_DELIVERED
        engagement.delivered_at.CopyFrom(to_timestamp(at))
        self._engagement(app_events.EngagementDelivered, engagement, at)

    def complete(self, engagement: app_pb.Engagement, at: datetime, *, auto: bool = False) -> None:
        engagement.status = app_pb.ENGAGEMENT_STATUS_COMPLETED
        engagement.completed_at.CopyFrom(to_timestamp(at))
        engagement.completed_automatically = auto
        self._engagement(app_events.EngagementCompleted, engagement, at)

    def cancel(self, engagement: app_pb.Engagement, by: str, at: datetime) -> None:
        engagement.status = app_pb.ENGAGEMENT_STATUS_CANCELLED
        engagement.cancelled_at.CopyFrom(to_timestamp(at))
        engagement.cancelled_by = by
        self._engagement(app_events.EngagementCancelled, engagement, at, reason="cannot make it")


def first_monday_of_march(year: int) -> datetime:
    day = datetime(year, 3, 1, 9, 0, tzinfo=UTC)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def march_history(year: int) -> History:
    T0 = first_monday_of_march(year)
    P2, P3 = T0 + D, T0 + 7 * D
    h = History()
    s1, s2, s3, s4, s5, s6, s7 = (new_id() for _ in range(7))
    filled = app_pb.APPLICATION_CLOSE_REASON_POSITION_FILLED
    l1 = h.listing("Northwind Labs", "Software", 1, T0)
    l2 = h.listing("Northwind Labs", "Software", 3, P2)
    l3 = h.listing("Dunmore Design", "Design", 1, P3)
    a1, a2 = h.apply(s1, l1, T0 + 2 * H), h.apply(s2, l1, T0 + 3 * H)
    h.decide("shortlisted", a1, T0 + 12 * H)
    e1 = h.hire(a1, T0 + 30 * H, due=5 * D)
    h.fill(l1, T0 + 30 * H)
    h.close(a2, filled, T0 + 30 * H)
    h.deliver(e1, T0 + 3 * D)
    h.complete(e1, T0 + 4 * D)
    a3, a4, a5 = (h.apply(s, l2, P2 + n * H) for s, n in ((s3, 1), (s2, 2), (s4, 3)))
    h.apply(s5, l2, P2 + 4 * H)  # a8: still open
    a9, a10 = h.apply(s6, l2, P2 + 5 * H), h.apply(s7, l2, P2 + 6 * H)
    h.decide("rejected", a3, P2 + 51 * H)
    h.decide("withdrawn", a5, P2 + 8 * H)
    h.hire(a9, P2 + 35 * H, due=7 * D)  # E3: active
    e4 = h.hire(a10, P2 + 41 * H, due=7 * D)
    h.cancel(e4, s7, P2 + 41 * H + D)
    h.close(a4, app_pb.APPLICATION_CLOSE_REASON_NO_DECISION, P2 + 2 * H + 10 * D)
    a6, a7 = h.apply(s1, l3, P3 + H), h.apply(s3, l3, P3 + 2 * H)
    h.decide("shortlisted", a7, P3 + 22 * H)
    e2 = h.hire(a6, P3 + 201 * H, due=3 * D)
    h.fill(l3, P3 + 201 * H)
    h.close(a7, filled, P3 + 201 * H)
    h.deliver(e2, P3 + 201 * H + 4 * D)
    h.complete(e2, P3 + 201 * H + 5 * D, auto=True)
    return h


def by_type(events: Sequence[Scripted]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for event in events:
        counts[event.event_type] = counts.get(event.event_type, 0) + 1
    return counts
