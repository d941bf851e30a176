"""One asyncpg pool per service, connected as the service's own role and confined to
its own schema through ``search_path``."""

from __future__ import annotations

import asyncio
import logging

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
            )
            assert pool is not None
            return pool
        except (OSError, asyncpg.CannotConnectNowError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.info("database not ready yet, retrying", extra={"error": str(exc)})
            await asyncio.sleep(0.5)


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


async def database_is_healthy(pool: asyncpg.Pool) -> bool:
    try:
        async with asyncio.timeout(2):
            return bool(await pool.fetchval("SELECT 1"))
    except Exception:
        return False
