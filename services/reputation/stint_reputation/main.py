"""The reputation service's composition root: what it is made of, nothing more."""

from __future__ import annotations

from pathlib import Path

from stint_reputation.context import Context
from stint_reputation.handlers import (
    application_subscription,
    identity_subscription,
    listing_subscription,
)
from stint_reputation.jobs import periodic_jobs
from stint_reputation.rpc import SERVICE_NAME, register
from stint_reputation.settings import ReputationSettings
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS", "build_spec"]

MIGRATIONS = Path(__file__).parent / "migrations"


def build_spec(settings: ReputationSettings, clock: Clock = system_clock) -> ServiceSpec:
    ctx = Context.from_settings(settings, clock)
    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS,
        register=register(ctx),
        grpc_service_names=[SERVICE_NAME],
        topics=[topics.REPUTATION, topics.APPLICATION, topics.LISTING, topics.IDENTITY],
        subscriptions=[
            application_subscription(ctx),
            listing_subscription(ctx),
            identity_subscription(ctx),
        ],
        periodic=periodic_jobs(ctx, settings.sweep_interval_s),
    )
