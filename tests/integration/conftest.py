"""Session fixtures: real Postgres and a real Kafka-protocol broker, provisioned as
``scripts/run`` provisions them, and service settings that point at them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import asyncpg
import pytest

from stint_devstack import provision
from stint_runtime.settings import ServiceSettings
from tests.integration.clock import MovableClock
from tests.integration.infra import TestInfra, another_broker, test_infra, unique_name

INTERNAL_SECRET = "integration-test-internal-secret"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def infra() -> Iterator[TestInfra]:
    with test_infra() as found:
        yield found


@pytest.fixture(scope="session")
async def service_dbs(infra: TestInfra) -> dict[str, provision.ServiceDatabase]:
    """The platform's own databases: one role and schema per service."""
    dbs = await provision.provision_database(infra.admin_dsn)
    await provision.provision_topics(infra.bootstrap_servers)
    return dbs


SettingsFactory = Callable[..., ServiceSettings]


def settings_factory(
    bootstrap_servers: str, service_dbs: dict[str, provision.ServiceDatabase]
) -> SettingsFactory:
    """``make("listing", grpc_port=0, ...)``: settings of a platform service on the
    session's databases and the given broker."""

    def make(service: str, **overrides: Any) -> ServiceSettings:
        values: dict[str, Any] = {
            "env": "test",
            "service_name": service,
            "database_url": service_dbs[service].dsn,
            "database_schema": service,
            "kafka_bootstrap_servers": bootstrap_servers,
            "internal_secret": INTERNAL_SECRET,
            "grpc_port": 0,
            "outbox_poll_interval_s": 0.5,
            "consumer_backoff_s": 0.05,
            "shutdown_grace_s": 2.0,
        }
        values.update(overrides)
        return ServiceSettings(**values)

    return make


@pytest.fixture(scope="session")
def service_settings(
    infra: TestInfra, service_dbs: dict[str, provision.ServiceDatabase]
) -> SettingsFactory:
    """``service_settings("listing", grpc_port=0, ...)``: settings of a platform service."""
    return settings_factory(infra.bootstrap_servers, service_dbs)


@asynccontextmanager
async def marketplace_of_its_own(infra: TestInfra) -> AsyncIterator[SettingsFactory]:
    """Settings for a marketplace of its own: a database of its own (every service's
    role and schema, provisioned as the session's) and a broker of its own with the
    platform's topics. For a package whose tests rank or tell about everything the
    services have heard of (recommendations, notifications), or that loads the demo
    and expects its events: every earlier package's accounts, listings and events
    would otherwise be there already."""
    database = unique_name("stint")
    dbs = await provision.provision_database(infra.admin_dsn, database=database)
    try:
        with another_broker(infra.kind) as bootstrap:
            await provision.provision_topics(bootstrap)
            yield settings_factory(bootstrap, dbs)
    finally:
        conn = await asyncpg.connect(infra.admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            await conn.close()


@pytest.fixture(scope="session")
def clock() -> MovableClock:
    """The clock the services under test run on: the real time unless a test moves it."""
    return MovableClock()


@pytest.fixture
def moved_clock(clock: MovableClock) -> Iterator[MovableClock]:
    """The session's clock, put back to the real time after the test."""
    yield clock
    clock.offset = timedelta()


@pytest.fixture
async def scratch_service(infra: TestInfra) -> AsyncIterator[ServiceSettings]:
    """A throwaway service with its own role and schema, for testing the runtime."""
    name = unique_name("scratch")
    dbs = await provision.provision_database(infra.admin_dsn, services=(name,))
    yield ServiceSettings(
        env="test",
        service_name=name,
        database_url=dbs[name].dsn,
        database_schema=name,
        kafka_bootstrap_servers=infra.bootstrap_servers,
        internal_secret=INTERNAL_SECRET,
        outbox_poll_interval_s=0.5,
        consumer_backoff_s=0.05,
        consumer_max_attempts=3,
    )
