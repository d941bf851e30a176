"""What a service is made of, as its ``main`` declares it: a ``ServiceSpec``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import grpc

from stint_runtime.inbox.consumer import Subscription
from stint_runtime.settings import ServiceSettings

__all__ = ["PeriodicJob", "Register", "ServiceSpec"]

Register = Callable[[grpc.aio.Server, asyncpg.Pool], None]
"""Adds the service's servicers to the gRPC server, once the pool exists."""


@dataclass(frozen=True)
class PeriodicJob:
    """A job run every ``interval_s``; it must be safe with several replicas
    (``FOR UPDATE SKIP LOCKED`` or an advisory lock)."""

    name: str
    interval_s: float
    run: Callable[[asyncpg.Pool], Awaitable[object]]


@dataclass(frozen=True)
class ServiceSpec:
    settings: ServiceSettings
    migrations_dir: Path
    register: Register | None = None
    """None: no gRPC server (the gateway serves HTTP instead)."""
    grpc_service_names: Sequence[str] = ()
    """Reported by health and reflection."""
    topics: Sequence[str] = ()
    """Topics the service publishes or consumes: created before its relay publishes."""
    subscriptions: Sequence[Subscription] = ()
    periodic: Sequence[PeriodicJob] = field(default_factory=tuple)
