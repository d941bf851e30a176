"""The summary printed once the platform is up: what runs where, and how to sign in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from stint_devstack import demo_catalog as catalog


@dataclass(frozen=True)
class PlatformInfo:
    gateway_url: str
    grpc_ports: Mapping[str, int]
    broker: str
    broker_kind: str
    database: str
    database_kind: str
    logs: str
    ready_after_s: float
    demo_loaded: bool
    mail: str = ""
    """Where the mail catcher listens and keeps mail; empty when it does not run."""
    analytics: str = ""
    """The analytics store and how to print the report; empty when it does not run."""
    web_url: str = ""
    """The web app's address; empty when it does not run."""


def hide_password(dsn: str) -> str:
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    userinfo, host = parts.netloc.rsplit("@", 1)
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def render(info: PlatformInfo) -> str:
    rows = [
        *((("Web app", info.web_url),) if info.web_url else ()),
        ("Gateway (public API)", info.gateway_url),
        ("API docs", f"{info.gateway_url}/docs"),
        ("Readiness", f"{info.gateway_url}/readyz"),
        *((f"{name} (gRPC)", f"127.0.0.1:{port}") for name, port in info.grpc_ports.items()),
        ("Broker (Kafka API)", f"{info.broker}  ({info.broker_kind})"),
        ("Postgres", f"{hide_password(info.database)}  ({info.database_kind})"),
        *((("Mail", info.mail),) if info.mail else ()),
        *((("Analytics", info.analytics),) if info.analytics else ()),
        ("Logs", info.logs),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [
        f"Stint is running (ready after {info.ready_after_s:.1f} s). Ctrl-C stops everything.",
        "",
        *(f"  {label:<{width}}{value}" for label, value in rows),
    ]
    if info.demo_loaded:
        lines += ["", f"Demo accounts (password for all: {catalog.PASSWORD})"]
        lines += [
            f"  employer  {e.email:<28}{e.organization} ({e.industry})" for e in catalog.EMPLOYERS
        ]
        lines += [f"  student   {s.email:<28}{s.display_name}" for s in catalog.STUDENTS]
        student = catalog.STUDENTS[0].email
        lines += [
            "",
            "Try:",
            f"  curl {info.gateway_url}/v1/listings",
            f"  curl -X POST {info.gateway_url}/v1/auth/token -H 'content-type: application/json'"
            f' -d \'{{"email": "{student}", "password": "{catalog.PASSWORD}"}}\'',
        ]
    return "\n".join(lines)
