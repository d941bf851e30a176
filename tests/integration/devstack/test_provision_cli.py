"""The provisioning step of Compose and the Kubernetes Job, against real servers."""

from __future__ import annotations

import os
import subprocess
import sys

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient

from stint_devstack.provision import SERVICES, with_database
from stint_runtime import topics
from tests.integration.infra import TestInfra


def _provision(infra: TestInfra, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stint_devstack", "provision",
         "--admin-dsn", infra.admin_dsn, "--bootstrap", infra.bootstrap_servers],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


async def test_provision_refuses_missing_passwords_outside_development(infra: TestInfra) -> None:
    result = _provision(infra, {"STINT_ENV": "production", "STINT_LISTING_DB_PASSWORD": ""})
    assert result.returncode == 2
    assert "STINT_LISTING_DB_PASSWORD" in result.stdout


async def test_provision_is_idempotent_and_sets_role_passwords(infra: TestInfra) -> None:
    env = {"STINT_ENV": "production"} | {
        f"STINT_{service.upper()}_DB_PASSWORD": f"{service}-pass-1" for service in SERVICES
    }
    for _ in range(2):
        result = _provision(infra, env)
        assert result.returncode == 0, result.stdout + result.stderr
    conn = await asyncpg.connect(with_database(infra.admin_dsn, "stint"))
    try:
        schemas = await conn.fetch(
            "SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace "
            "WHERE nspname = ANY($1::text[]) ORDER BY nspname",
            ["application", "gateway", "listing"],
        )
        assert [(r["nspname"], r["owner"]) for r in schemas] == [
            ("application", "application"), ("gateway", "gateway"), ("listing", "listing"),
        ]  # fmt: skip
    finally:
        await conn.close()
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers)
    await admin.start()
    try:
        found = set(await admin.list_topics())
    finally:
        await admin.close()
    assert {t for topic in topics.ALL for t in (topic, f"{topic}.dlq")} <= found
