"""Create the database, one role and one schema per service, and every topic.

Each service connects as its own role, which owns its schema and has no rights on any
other; the superuser only provisions."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

from stint_runtime import topics
from stint_runtime.kafka import ensure_topics

DATABASE = "stint"
SERVICES = ("gateway", "listing", "application", "matching", "notification", "reputation")


@dataclass(frozen=True)
class ServiceDatabase:
    service: str
    dsn: str


def with_database(dsn: str, database: str, user: str | None = None, password: str = "") -> str:
    parts = urlsplit(dsn)
    netloc = parts.netloc
    if user is not None:
        host = netloc.split("@", 1)[-1]
        auth = quote(user) + (f":{quote(password)}" if password else "")
        netloc = f"{auth}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, parts.fragment))


def role_password(service: str, secrets: dict[str, str]) -> str:
    return secrets.get(service, f"stint-dev-{service}")


async def provision_database(
    admin_dsn: str,
    *,
    database: str = DATABASE,
    services: tuple[str, ...] = SERVICES,
    passwords: dict[str, str] | None = None,
) -> dict[str, ServiceDatabase]:
    """Idempotent: safe to run at every start."""
    passwords = passwords or {}
    conn = await asyncpg.connect(admin_dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{_ident(database)}"')
    finally:
        await conn.close()
    conn = await asyncpg.connect(with_database(admin_dsn, database))
    result: dict[str, ServiceDatabase] = {}
    try:
        await conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        for service in services:
            name = _ident(service)
            password = role_password(service, passwords)
            has_role = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name)
            verb = "ALTER" if has_role else "CREATE"
            # DDL takes no parameters; the password is quoted by Postgres itself.
            quoted = await conn.fetchval("SELECT quote_literal($1)", password)
            await conn.execute(f'{verb} ROLE "{name}" LOGIN PASSWORD {quoted}')
            await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}" AUTHORIZATION "{name}"')
            await conn.execute(f'REVOKE ALL ON SCHEMA "{name}" FROM PUBLIC')
            await conn.execute(f'GRANT CONNECT ON DATABASE "{_ident(database)}" TO "{name}"')
            result[service] = ServiceDatabase(
                service, with_database(admin_dsn, database, user=name, password=password)
            )
    finally:
        await conn.close()
    return result


async def provision_topics(bootstrap_servers: str, partitions: int = 3) -> None:
    await ensure_topics(bootstrap_servers, topics.ALL, partitions)


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsafe identifier: {name!r}")
    return name
