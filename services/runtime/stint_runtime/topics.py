"""The platform's topics, named once. A topic is the protobuf package of the events
published on it (``stint.listing.v1``): one topic per producing service and major
version, and a breaking change is a new ``v2`` package, hence a new topic."""

from __future__ import annotations

from stint.application.v1 import events_pb2 as application_events
from stint.identity.v1 import events_pb2 as identity_events
from stint.listing.v1 import events_pb2 as listing_events
from stint.matching.v1 import events_pb2 as matching_events
from stint.notification.v1 import events_pb2 as notification_events
from stint.reputation.v1 import events_pb2 as reputation_events

__all__ = [
    "ALL",
    "APPLICATION",
    "IDENTITY",
    "LISTING",
    "MATCHING",
    "NOTIFICATION",
    "REPUTATION",
    "dlq_topic",
]

IDENTITY = identity_events.DESCRIPTOR.package
"""The gateway's: AccountRegistered."""
LISTING = listing_events.DESCRIPTOR.package
APPLICATION = application_events.DESCRIPTOR.package
MATCHING = matching_events.DESCRIPTOR.package
NOTIFICATION = notification_events.DESCRIPTOR.package
REPUTATION = reputation_events.DESCRIPTOR.package

ALL = (IDENTITY, LISTING, APPLICATION, MATCHING, NOTIFICATION, REPUTATION)
"""Every topic the platform creates (each with its ``.dlq``)."""


def dlq_topic(topic: str) -> str:
    """Where a topic's dead letters go."""
    return f"{topic}.dlq"
