"""What commands, event handlers and sweeps share besides a database connection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from stint_application.settings import ApplicationSettings
from stint_runtime.clock import Clock, system_clock


@dataclass(frozen=True)
class Context:
    schema: str
    """The service's schema, whose outbox the events go to."""
    clock: Clock
    decision_window: timedelta
    auto_complete_window: timedelta
    decisions_after_apply_by: bool
    sweep_batch: int
    unknown_listing_wait_s: float = 0.0

    @classmethod
    def from_settings(cls, settings: ApplicationSettings, clock: Clock = system_clock) -> Context:
        return cls(
            schema=settings.database_schema,
            clock=clock,
            decision_window=settings.decision_window,
            auto_complete_window=settings.auto_complete_window,
            decisions_after_apply_by=settings.decisions_after_apply_by,
            sweep_batch=settings.sweep_batch,
            unknown_listing_wait_s=settings.unknown_listing_wait_s,
        )
