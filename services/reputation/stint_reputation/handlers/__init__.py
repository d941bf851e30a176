"""Event consumers, one consumer group per producing area: each handler runs in one
transaction with its inbox row, so a redelivered event has no second effect."""

from stint_reputation.handlers.applications import application_subscription
from stint_reputation.handlers.identity import identity_subscription
from stint_reputation.handlers.listings import listing_subscription

__all__ = ["application_subscription", "identity_subscription", "listing_subscription"]
