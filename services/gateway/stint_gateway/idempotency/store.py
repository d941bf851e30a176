"""SQL of the idempotency keys table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import asyncpg

from stint_gateway.idempotency.keys import KeyRef, StoredResponse


@dataclass(frozen=True)
class Claimed:
    """This request owns the key; ``claimed_at`` tells its claim from a later one."""

    claimed_at: datetime


@dataclass(frozen=True)
class Existing:
    request_hash: str
    response: StoredResponse | None
    """None while the first request is still running."""


Outcome = Claimed | Existing | Literal["vanished"]


async def claim(
    pool: asyncpg.Pool, ref: KeyRef, request_hash: str, *, ttl_s: float, lease_s: float
) -> Outcome:
    """Claim the key, or find who has it. An expired key, or a claim abandoned by a
    request that never finished (same body, older than the lease), is taken over."""
    claimed_at = await pool.fetchval(
        """INSERT INTO idempotency_keys
               (scope, key, method, path, request_hash, expires_at)
           VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
           ON CONFLICT (scope, key, method, path) DO UPDATE
              SET request_hash = EXCLUDED.request_hash, status_code = NULL,
                  response_body = NULL, response_headers = NULL, completed_at = NULL,
                  claimed_at = now(), created_at = now(), expires_at = EXCLUDED.expires_at
            WHERE idempotency_keys.expires_at <= now()
               OR (idempotency_keys.status_code IS NULL
                   AND idempotency_keys.request_hash = EXCLUDED.request_hash
                   AND idempotency_keys.claimed_at < now() - make_interval(secs => $7))
           RETURNING claimed_at""",
        ref.scope,
        ref.key,
        ref.method,
        ref.path,
        request_hash,
        ttl_s,
        lease_s,
    )
    if claimed_at is not None:
        return Claimed(claimed_at)
    row = await pool.fetchrow(
        """SELECT request_hash, status_code, response_body, response_headers
             FROM idempotency_keys
            WHERE scope = $1 AND key = $2 AND method = $3 AND path = $4""",
        ref.scope,
        ref.key,
        ref.method,
        ref.path,
    )
    if row is None:
        return "vanished"
    response = None
    if row["status_code"] is not None:
        headers = [(str(n), str(v)) for n, v in json.loads(row["response_headers"] or "[]")]
        response = StoredResponse(row["status_code"], bytes(row["response_body"]), headers)
    return Existing(row["request_hash"], response)


async def complete(
    pool: asyncpg.Pool, ref: KeyRef, claimed_at: datetime, response: StoredResponse
) -> None:
    await pool.execute(
        """UPDATE idempotency_keys
              SET status_code = $6, response_body = $7, response_headers = $8::jsonb,
                  completed_at = now()
            WHERE scope = $1 AND key = $2 AND method = $3 AND path = $4
              AND claimed_at = $5 AND status_code IS NULL""",
        ref.scope,
        ref.key,
        ref.method,
        ref.path,
        claimed_at,
        response.status,
        response.body,
        json.dumps(response.headers),
    )


async def release(pool: asyncpg.Pool, ref: KeyRef, claimed_at: datetime) -> None:
    """Free the key of a request that failed on our side, so its retry runs again."""
    await pool.execute(
        """DELETE FROM idempotency_keys
            WHERE scope = $1 AND key = $2 AND method = $3 AND path = $4
              AND claimed_at = $5 AND status_code IS NULL""",
        ref.scope,
        ref.key,
        ref.method,
        ref.path,
        claimed_at,
    )


async def prune_expired(pool: asyncpg.Pool) -> int:
    result = await pool.execute("DELETE FROM idempotency_keys WHERE expires_at <= now()")
    return int(result.split()[-1])
