"""The notification service's composition root: what it is made of, nothing more."""

from __future__ import annotations

from pathlib import Path

from stint_notification.context import Context
from stint_notification.handlers import subscriptions
from stint_notification.jobs import periodic_jobs
from stint_notification.rpc import SERVICE_NAME, register
from stint_notification.settings import NotificationSettings
from stint_notification.store.signals import Followers
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS", "build_spec"]

MIGRATIONS = Path(__file__).parent / "migrations"


def build_spec(settings: NotificationSettings, clock: Clock = system_clock) -> ServiceSpec:
    ctx = Context.from_settings(settings, clock)
    followers = Followers()
    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS,
        register=register(ctx, followers),
        grpc_service_names=[SERVICE_NAME],
        topics=[
            topics.NOTIFICATION,
            topics.IDENTITY,
            topics.LISTING,
            topics.APPLICATION,
            topics.MATCHING,
            topics.REPUTATION,
        ],
        subscriptions=subscriptions(ctx),
        periodic=periodic_jobs(ctx, settings, followers),
    )
