"""Event consumers, one consumer group per topic (``notification.<area>-events``): each
handler runs in the inbox transaction of its event, keeps the projections, tells the
people the event concerns and schedules or cancels reminders."""

from __future__ import annotations

from stint_notification.context import Context
from stint_notification.handlers.applications import application_subscription
from stint_notification.handlers.identity import identity_subscription
from stint_notification.handlers.listings import listing_subscription
from stint_notification.handlers.matching import matching_subscription
from stint_notification.handlers.reputation import reputation_subscription
from stint_runtime.inbox.consumer import Subscription

__all__ = ["subscriptions"]


def subscriptions(ctx: Context) -> list[Subscription]:
    return [
        identity_subscription(ctx),
        listing_subscription(ctx),
        application_subscription(ctx),
        matching_subscription(ctx),
        reputation_subscription(ctx),
    ]
