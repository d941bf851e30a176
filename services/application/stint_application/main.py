"""The application service's composition root: what it is made of, nothing more."""

from __future__ import annotations

from pathlib import Path

from stint_application.context import Context
from stint_application.handlers import listing_subscription
from stint_application.jobs import periodic_jobs
from stint_application.rpc import SERVICE_NAME, register
from stint_application.settings import ApplicationSettings
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS", "build_spec"]

MIGRATIONS = Path(__file__).parent / "migrations"


def build_spec(settings: ApplicationSettings, clock: Clock = system_clock) -> ServiceSpec:
    ctx = Context.from_settings(settings, clock)
    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS,
        register=register(ctx),
        grpc_service_names=[SERVICE_NAME],
        topics=[topics.APPLICATION, topics.LISTING],
        subscriptions=[listing_subscription(ctx)],
        periodic=periodic_jobs(ctx, settings.sweep_interval_s),
    )
