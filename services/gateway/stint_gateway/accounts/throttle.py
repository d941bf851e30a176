"""Throttling password guessing: after ``max_failures`` failed sign-ins for one e-mail
address within ``window``, further attempts are refused (429 with Retry-After) without
checking the password, until the oldest failure leaves the window. A successful sign-in
clears the address's failures. Unknown addresses are counted the same way, so the
answer never tells whether an account exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import asyncpg


@dataclass(frozen=True)
class SignInThrottle:
    max_failures: int
    window: timedelta

    async def retry_after_s(self, pool: asyncpg.Pool, email: str) -> int | None:
        """Seconds until another attempt is allowed, or None when it is allowed now."""
        row = await pool.fetchrow(
            """SELECT count(*) AS failures,
                      extract(epoch FROM min(failed_at) + $3::interval - now()) AS wait_s
                 FROM (SELECT failed_at FROM sign_in_failures
                        WHERE email_key = lower($1) AND failed_at > now() - $3::interval
                        ORDER BY failed_at DESC LIMIT $2) AS recent""",
            email,
            self.max_failures,
            self.window,
        )
        if row is None or row["failures"] < self.max_failures:
            return None
        return max(1, int(float(row["wait_s"])) + 1)

    async def record_failure(self, pool: asyncpg.Pool, email: str) -> None:
        await pool.execute("INSERT INTO sign_in_failures (email_key) VALUES (lower($1))", email)

    async def clear(self, pool: asyncpg.Pool, email: str) -> None:
        await pool.execute("DELETE FROM sign_in_failures WHERE email_key = lower($1)", email)

    async def prune(self, pool: asyncpg.Pool) -> int:
        """Forget failures that left the window; returns how many."""
        status: str = await pool.execute(
            "DELETE FROM sign_in_failures WHERE failed_at <= now() - $1::interval", self.window
        )
        return int(status.split()[-1])
