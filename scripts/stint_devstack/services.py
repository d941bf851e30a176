"""Which services the local platform runs, and the environment each one is given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stint_devstack.credentials import PlatformSecrets

# Set by the platform for every service; one that does not apply to a service is
# removed from what it inherits, so a stray value in the shell cannot leak in.
OWNED = (
    "STINT_ENV",
    "STINT_SERVICE_NAME",
    "STINT_DATABASE_URL",
    "STINT_DATABASE_SCHEMA",
    "STINT_KAFKA_BOOTSTRAP_SERVERS",
    "STINT_GRPC_PORT",
    "STINT_INTERNAL_SECRET",
    "STINT_HTTP_HOST",
    "STINT_HTTP_PORT",
    "STINT_JWT_SECRET",
    "STINT_LISTING_ADDR",
    "STINT_APPLICATION_ADDR",
)


@dataclass(frozen=True)
class PlatformPorts:
    gateway: int
    broker: int
    listing: int
    application: int


@dataclass(frozen=True)
class ServicePlan:
    name: str
    """The service's name, its database role and its schema."""
    module: str
    """Run as ``python -m <module>``."""
    grpc_port: int | None = None
    http_port: int | None = None
    calls: Mapping[str, str] = field(default_factory=dict)
    """Addresses of the services it calls, by name; empty when that one is not running."""


def plan_services(ports: PlatformPorts, *, with_application: bool) -> list[ServicePlan]:
    """Back ends first, the gateway last: it is the one whose readiness is awaited."""
    plans = [ServicePlan("listing", "stint_listing", grpc_port=ports.listing)]
    if with_application:
        plans.append(ServicePlan("application", "stint_application", grpc_port=ports.application))
    calls = {
        "listing": f"127.0.0.1:{ports.listing}",
        "application": f"127.0.0.1:{ports.application}" if with_application else "",
    }
    plans.append(ServicePlan("gateway", "stint_gateway", http_port=ports.gateway, calls=calls))
    return plans


def service_environment(
    plan: ServicePlan,
    *,
    inherited: Mapping[str, str],
    database_url: str,
    bootstrap_servers: str,
    secrets: PlatformSecrets,
) -> dict[str, str]:
    env = {key: value for key, value in inherited.items() if key not in OWNED}
    env.update(
        {
            # Logs reach the supervisor line by line, not when a buffer fills.
            "PYTHONUNBUFFERED": "1",
            "STINT_ENV": "development",
            "STINT_SERVICE_NAME": plan.name,
            "STINT_DATABASE_URL": database_url,
            "STINT_DATABASE_SCHEMA": plan.name,
            "STINT_KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
            "STINT_INTERNAL_SECRET": secrets.internal_secret,
        }
    )
    # Each stage of a service's stop (gRPC drain, consumers, relay) may take this long;
    # short enough that the whole stop fits in the supervisor's 10 s.
    env.setdefault("STINT_SHUTDOWN_GRACE_S", "2")
    if plan.grpc_port is not None:
        env["STINT_GRPC_PORT"] = str(plan.grpc_port)
    if plan.http_port is not None:
        env.update(
            {
                "STINT_HTTP_HOST": "127.0.0.1",
                "STINT_HTTP_PORT": str(plan.http_port),
                "STINT_JWT_SECRET": secrets.jwt_secret,
            }
        )
    for name, address in plan.calls.items():
        env[f"STINT_{name.upper()}_ADDR"] = address
    return env
