"""The matching service's composition root: what it is made of, nothing more."""

from __future__ import annotations

from pathlib import Path

from stint_matching.context import Context
from stint_matching.handlers import subscriptions
from stint_matching.jobs import periodic_jobs
from stint_matching.rpc import SERVICE_NAME, register
from stint_matching.settings import MatchingSettings
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS", "build_spec"]

MIGRATIONS = Path(__file__).parent / "migrations"


def build_spec(settings: MatchingSettings, clock: Clock = system_clock) -> ServiceSpec:
    ctx = Context.from_settings(settings, clock)
    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS,
        register=register(ctx),
        grpc_service_names=[SERVICE_NAME],
        topics=[
            topics.MATCHING,
            topics.LISTING,
            topics.APPLICATION,
            topics.REPUTATION,
            topics.IDENTITY,
        ],
        subscriptions=subscriptions(ctx),
        periodic=periodic_jobs(ctx, settings.index_staleness_s),
    )
