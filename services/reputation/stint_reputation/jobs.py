"""The service's clockwork: review windows whose time is up publish what was
submitted, and the current signing key is recorded at start (so that the JWK Set
keeps it after a rotation even if it only ever signed learner records). Both are safe
on every replica (rows taken with FOR UPDATE SKIP LOCKED; the key insert is
idempotent)."""

from __future__ import annotations

import asyncpg

from stint_reputation.commands.publishing import close_due_windows
from stint_reputation.context import Context
from stint_reputation.store.credentials import register_key
from stint_runtime.db import transaction
from stint_runtime.service import PeriodicJob

__all__ = ["periodic_jobs"]

KEY_INTERVAL_S = 3600.0


def periodic_jobs(ctx: Context, interval_s: float) -> list[PeriodicJob]:
    async def review_windows(pool: asyncpg.Pool) -> int:
        return await close_due_windows(pool, ctx)

    async def signing_key(pool: asyncpg.Pool) -> None:
        async with transaction(pool) as conn:
            await register_key(conn, ctx.signing_key.public_jwk, ctx.clock())

    return [
        PeriodicJob("review-window-sweep", interval_s, review_windows),
        PeriodicJob("signing-key-record", KEY_INTERVAL_S, signing_key),
    ]
