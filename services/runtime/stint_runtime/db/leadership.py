"""Leadership of a singleton job through a Postgres session advisory lock.

The lock lives on a dedicated connection: Postgres releases it when that session
ends, however its holder dies (crash, SIGKILL, network loss), so a standby can take
over without any lease bookkeeping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import asyncpg

from stint_runtime import db
from stint_runtime.settings import ServiceSettings

__all__ = ["DATABASE_ERRORS", "LeaderLock", "Notified"]

log = logging.getLogger(__name__)

# What a lost or unreachable database raises through asyncpg.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
)

Notified = Callable[[object, int, str, object], None]

_STATEMENT_TIMEOUT_S = 5.0


class LeaderLock:
    def __init__(self, settings: ServiceSettings, name: str, check_interval_s: float) -> None:
        self._settings = settings
        self._name = name
        self._check_interval_s = check_interval_s
        self._conn: asyncpg.Connection | None = None
        self._held = False
        self._checked_at = 0.0

    @property
    def name(self) -> str:
        return self._name

    @property
    def held(self) -> bool:
        return self._held and self._conn is not None and not self._conn.is_closed()

    async def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; False also when the database is away."""
        if self.held:
            return True
        try:
            if self._conn is None or self._conn.is_closed():
                self._conn = await db.connect(self._settings)
            got = await self._conn.fetchval(
                "SELECT pg_try_advisory_lock(hashtext($1))",
                self._name,
                timeout=_STATEMENT_TIMEOUT_S,
            )
        except DATABASE_ERRORS as exc:
            log.warning("leader lock: database unreachable", extra={"error": repr(exc)})
            self._drop()
            return False
        self._held = bool(got)
        self._checked_at = asyncio.get_running_loop().time()
        return self._held

    async def listen(self, channel: str, callback: Notified) -> None:
        """LISTEN on the lock's connection: it lives exactly as long as the leadership."""
        if self._conn is not None:
            await self._conn.add_listener(channel, callback)

    async def still_held(self) -> bool:
        """Whether the lock's session is alive; asks the server at most once per check
        interval, so that a silently dead connection is noticed within that interval."""
        if not self.held or self._conn is None:
            self._drop()
            return False
        now = asyncio.get_running_loop().time()
        if now - self._checked_at < self._check_interval_s:
            return True
        try:
            await self._conn.fetchval("SELECT 1", timeout=_STATEMENT_TIMEOUT_S)
        except DATABASE_ERRORS as exc:
            log.warning("leader lock: connection lost", extra={"error": repr(exc)})
            self._drop()
            return False
        self._checked_at = now
        return True

    async def release(self) -> None:
        conn, held = self._conn, self._held
        self._conn, self._held = None, False
        if conn is None or conn.is_closed():
            return
        try:
            if held:
                await conn.fetchval(
                    "SELECT pg_advisory_unlock(hashtext($1))",
                    self._name,
                    timeout=_STATEMENT_TIMEOUT_S,
                )
            await conn.close(timeout=_STATEMENT_TIMEOUT_S)
        except DATABASE_ERRORS:
            conn.terminate()

    def _drop(self) -> None:
        conn, self._conn, self._held = self._conn, None, False
        if conn is not None and not conn.is_closed():
            conn.terminate()
