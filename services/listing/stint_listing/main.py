"""The listing service's composition root: what it is made of, nothing more."""

from __future__ import annotations

from pathlib import Path

from stint_listing.context import Context
from stint_listing.handlers import application_events_subscription
from stint_listing.jobs import periodic_jobs
from stint_listing.rpc import SERVICE_NAME, register
from stint_listing.settings import ListingSettings
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS", "build_spec"]

MIGRATIONS = Path(__file__).parent / "migrations"


def build_spec(settings: ListingSettings, clock: Clock = system_clock) -> ServiceSpec:
    ctx = Context.from_settings(settings, clock)
    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS,
        register=register(ctx),
        grpc_service_names=[SERVICE_NAME],
        topics=[topics.LISTING, topics.APPLICATION],
        subscriptions=[application_events_subscription(ctx)],
        periodic=periodic_jobs(ctx, settings.sweep_interval_s),
    )
