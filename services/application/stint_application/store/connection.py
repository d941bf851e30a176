"""Connections from the service's pool, typed as the connections they stand for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

import asyncpg

__all__ = ["connection", "transaction"]


@asynccontextmanager
async def connection(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    # The pool lends a proxy that forwards to a Connection; the outbox and the event
    # handlers are typed with Connection, so it is named as one here, once.
    async with pool.acquire() as proxy:
        yield cast(asyncpg.Connection, proxy)


@asynccontextmanager
async def transaction(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A connection inside a transaction that commits when the block ends cleanly."""
    async with connection(pool) as conn, conn.transaction():
        yield conn
