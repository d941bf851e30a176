"""Postgres: the service's pool and dedicated connections (``pool``), its migrations,
leadership through advisory locks and the batch sweeps of periodic jobs."""

from stint_runtime.db.pool import (
    connect,
    connection,
    create_pool,
    database_is_healthy,
    transaction,
)

__all__ = ["connect", "connection", "create_pool", "database_is_healthy", "transaction"]
