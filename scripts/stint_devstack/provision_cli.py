"""``python -m stint_devstack provision``: the one-shot provisioning step of Docker
Compose and the Kubernetes Job. Idempotent; role passwords come from the environment
(``STINT_<SERVICE>_DB_PASSWORD``) and must be set outside development."""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Mapping

from stint_devstack.provision import SERVICES, provision_database, provision_topics
from stint_runtime.kafka import wait_for_broker


class MissingPassword(ValueError):
    pass


def password_variable(service: str) -> str:
    return f"STINT_{service.upper()}_DB_PASSWORD"


def role_passwords(environ: Mapping[str, str]) -> dict[str, str]:
    """Each service role's password; outside development every one must be set."""
    development = environ.get("STINT_ENV", "production") in ("development", "test")
    found = {
        s: environ[password_variable(s)] for s in SERVICES if environ.get(password_variable(s))
    }
    missing = [password_variable(s) for s in SERVICES if s not in found]
    if missing and not development:
        raise MissingPassword(
            f"set {', '.join(missing)} (or STINT_ENV=development to use development passwords)"
        )
    return found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--admin-dsn",
        default=os.environ.get("DATABASE_URL", ""),
        help="a superuser DSN (default: DATABASE_URL)",
    )
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", ""),
        help="Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS)",
    )
    parser.add_argument("--partitions", type=int, default=3)


async def provision(args: argparse.Namespace, environ: Mapping[str, str]) -> None:
    passwords = role_passwords(environ)
    databases = await provision_database(args.admin_dsn, passwords=passwords)
    print(f"database ready: roles and schemas {', '.join(sorted(databases))}")
    await wait_for_broker(args.bootstrap)
    await provision_topics(args.bootstrap, args.partitions)
    print(f"topics ready on {args.bootstrap} ({args.partitions} partitions each, with .dlq)")


def run(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    if not args.admin_dsn or not args.bootstrap:
        print("provision needs --admin-dsn (or DATABASE_URL) and --bootstrap "
              "(or KAFKA_BOOTSTRAP_SERVERS)")  # fmt: skip
        return 2
    try:
        asyncio.run(provision(args, environ))
    except MissingPassword as exc:
        print(f"refusing to provision: {exc}")
        return 2
    return 0
