"""Which services the local platform runs, and the environment each one is given."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from stint_devstack.credentials import PlatformSecrets

BACK_ENDS = ("listing", "application", "matching", "notification", "reputation")
"""The services behind the gateway, started in this order before it."""
FOLLOWERS = ("analytics",)
"""Services the gateway does not call: they only follow the topics."""
FRONT_ENDS = ("web",)
"""Clients of the gateway's public API, started after it: the web app."""

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
    "STINT_SMTP_HOST",
    "STINT_SMTP_PORT",
    "STINT_CREDENTIAL_SIGNING_KEY",
    "STINT_PUBLIC_BASE_URL",
    "STINT_ANALYTICS_DB",
    "STINT_GATEWAY_URL",
    "STINT_WEB_SESSION_KEY",
    *(f"STINT_{name.upper()}_ADDR" for name in BACK_ENDS),
)


@dataclass(frozen=True)
class PlatformPorts:
    gateway: int
    broker: int
    listing: int
    application: int = 50052
    matching: int = 50053
    notification: int = 50054
    reputation: int = 50055
    smtp: int = 2525
    """The local mail catcher (SMTP) the notification service sends to."""
    web: int = 8080
    """The web app (HTTP)."""

    def of(self, service: str) -> int:
        port: int = getattr(self, service)
        return port


@dataclass(frozen=True)
class ServicePlan:
    name: str
    """The service's name, its database role and its schema."""
    module: str
    """Run as ``python -m <module> <args>``."""
    args: tuple[str, ...] = ()
    database: bool = True
    """Whether it has a schema of its own in Postgres."""
    grpc_port: int | None = None
    http_port: int | None = None
    calls: Mapping[str, str] = field(default_factory=dict)
    """Addresses of the services it calls, by name; empty when that one is not running."""
    settings: Mapping[str, str] = field(default_factory=dict)
    """Further STINT_* settings of this service alone."""
    internal: bool = True
    """Whether it is part of the platform (the broker, the internal secret); a client of
    the public API (the web app) is given neither."""


def plan_services(
    ports: PlatformPorts,
    *,
    running: Collection[str],
    public_url: str = "",
    analytics_db: str = "",
) -> list[ServicePlan]:
    """Back ends first (the listing service always, each other one when in ``running``),
    then the followers in ``running``, the gateway; then the web app in ``running``,
    the gateway's client (which waits for nothing: it asks the gateway per request)."""
    started = [name for name in BACK_ENDS if name == "listing" or name in running]
    settings: dict[str, dict[str, str]] = {
        "notification": {
            "STINT_SMTP_HOST": "127.0.0.1",
            "STINT_SMTP_PORT": str(ports.smtp),
            "STINT_PUBLIC_BASE_URL": public_url,
        },
        "reputation": {"STINT_PUBLIC_BASE_URL": public_url},
    }
    plans = [
        ServicePlan(
            name, f"stint_{name}", grpc_port=ports.of(name), settings=settings.get(name, {})
        )
        for name in started
    ]
    if "analytics" in running:
        plans.append(
            ServicePlan(
                "analytics",
                "stint_analytics",
                args=("serve",),
                database=False,
                settings={"STINT_ANALYTICS_DB": analytics_db},
            )
        )
    calls = {name: f"127.0.0.1:{ports.of(name)}" if name in started else "" for name in BACK_ENDS}
    plans.append(ServicePlan("gateway", "stint_gateway", http_port=ports.gateway, calls=calls))
    if "web" in running:
        web = {
            "STINT_HTTP_HOST": "127.0.0.1",
            "STINT_HTTP_PORT": str(ports.web),
            "STINT_GATEWAY_URL": f"http://127.0.0.1:{ports.gateway}",
        }
        plans.append(ServicePlan("web", "stint_web", database=False, settings=web, internal=False))
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
        }
    )
    if plan.internal:
        env.update(
            {
                "STINT_KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
                "STINT_INTERNAL_SECRET": secrets.internal_secret,
            }
        )
    if plan.database:
        env.update({"STINT_DATABASE_URL": database_url, "STINT_DATABASE_SCHEMA": plan.name})
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
    if plan.name == "reputation":
        env["STINT_CREDENTIAL_SIGNING_KEY"] = secrets.signing_key
    for name, address in plan.calls.items():
        env[f"STINT_{name.upper()}_ADDR"] = address
    env.update(plan.settings)
    return env
