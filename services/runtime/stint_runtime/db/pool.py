"""One asyncpg pool per service, connected as the service's own role and confined to
its own schema through ``search_path``, and the connections it lends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

import asyncpg

from stint_runtime.settings import ServiceSettings

log = logging.getLogger(__name__)


async def create_pool(
    settings: ServiceSettings, *, wait_s: float = 30.0, max_size: int | None = None
) -> asyncpg.Pool:
    """Connect, retrying while the database starts (a pre-start wait, not a crash loop)."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        try:
            pool = await asyncpg.create_pool(
                settings.database_url,
                min_size=settings.database_pool_min,
                max_size=max_size or settings.database_pool_max,
                server_settings={
                    "search_path": settings.database_schema,
                    "application_name": settings.service_name,
                },
                reset=_keep_session,
            )
            assert pool is not None
            return pool
        except (OSError, asyncpg.CannotConnectNowError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.info("database not ready yet, retrying", extra={"error": str(exc)})
            await asyncio.sleep(0.5)


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Released pool connections skip asyncpg's default reset (advisory unlock, CLOSE
    ALL, UNLISTEN, RESET ALL): a round trip on every release, and nothing to undo, as
    pool connections carry no session state (session locks and LISTEN live on dedicated
    connections from ``connect``). asyncpg still rolls back an open transaction."""


async def connect(settings: ServiceSettings) -> asyncpg.Connection:
    """A single connection outside the pool (leader locks, LISTEN)."""
    conn: asyncpg.Connection = await asyncpg.connect(
        settings.database_url,
        server_settings={
            "search_path": settings.database_schema,
            "application_name": f"{settings.service_name}-dedicated",
        },
    )
    return conn


@asynccontextmanager
async def connection(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A connection of ``pool``, back in the pool when the block ends."""
    # The pool lends a proxy that forwards to a Connection; the outbox and the event
    # handlers are typed with Connection, so it is named as one here, once.
    async with pool.acquire() as proxy:
        yield cast(asyncpg.Connection, proxy)


@asynccontextmanager
async def transaction(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A connection inside a transaction that commits when the block ends cleanly."""
    async with connection(pool) as conn, conn.transaction():
        yield conn


async def database_is_healthy(pool: asyncpg.Pool) -> bool:
    try:
        async with asyncio.timeout(2):
            return bool(await pool.fetchval("SELECT 1"))
    except Exception:
        return False
