"""What commands, queries, event handlers and sweeps share besides the pool."""

from __future__ import annotations

from dataclasses import dataclass

from stint_listing.domain.terms import TermsRules
from stint_listing.settings import ListingSettings
from stint_runtime.clock import Clock, system_clock

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    schema: str
    """The service's schema, whose outbox the events go to."""
    clock: Clock
    rules: TermsRules
    sweep_batch: int

    @classmethod
    def from_settings(cls, settings: ListingSettings, clock: Clock = system_clock) -> Context:
        return cls(
            schema=settings.database_schema,
            clock=clock,
            rules=TermsRules(pay_floor_cents_per_hour=settings.pay_floor_cents_per_hour),
            sweep_batch=settings.sweep_batch,
        )
