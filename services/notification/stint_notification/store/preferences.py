"""Preferences and webhook endpoints. An account without a row has the defaults."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from stint_notification.domain.preferences import ChannelChoice, Digest, Preferences
from stint_notification.domain.webhooks import WebhookEndpoint

__all__ = [
    "current_endpoint",
    "disable_endpoint",
    "get_endpoint",
    "get_preferences",
    "insert_endpoint",
    "lock_preferences",
    "replace_endpoint",
    "rotate_secret",
    "save_preferences",
]


def _types_json(prefs: Preferences) -> str:
    return json.dumps(
        {
            name: {"email": c.email, "in_app": c.in_app, "webhook": c.webhook}
            for name, c in sorted(prefs.types.items())
        }
    )


def _preferences(row: asyncpg.Record | None) -> Preferences:
    if row is None:
        return Preferences()
    types = {name: ChannelChoice(**choice) for name, choice in json.loads(row["types"]).items()}
    return Preferences(
        email=row["email"],
        in_app=row["in_app"],
        types=types,
        digest=Digest(row["digest"]),
        digest_hour=row["digest_hour"],
        time_zone=row["time_zone"],
    )


_SELECT = "SELECT email, in_app, types, digest, digest_hour, time_zone FROM preferences"


async def get_preferences(conn: asyncpg.Connection, account_id: str) -> Preferences:
    return _preferences(await conn.fetchrow(f"{_SELECT} WHERE account_id = $1", account_id))


async def lock_preferences(conn: asyncpg.Connection, account_id: str, now: datetime) -> Preferences:
    """Read and lock an account's preferences for a change (a row with the defaults is
    made first), so that two changes of one account happen one after the other."""
    defaults = Preferences()
    await conn.execute(
        """INSERT INTO preferences (account_id, email, in_app, digest, digest_hour, time_zone,
                                    updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id) DO NOTHING""",
        account_id,
        defaults.email,
        defaults.in_app,
        defaults.digest.value,
        defaults.digest_hour,
        defaults.time_zone,
        now,
    )
    row = await conn.fetchrow(f"{_SELECT} WHERE account_id = $1 FOR UPDATE", account_id)
    return _preferences(row)


async def save_preferences(
    conn: asyncpg.Connection, account_id: str, prefs: Preferences, now: datetime
) -> None:
    await conn.execute(
        """UPDATE preferences SET email = $2, in_app = $3, types = $4::jsonb, digest = $5,
               digest_hour = $6, time_zone = $7, updated_at = $8
           WHERE account_id = $1""",
        account_id,
        prefs.email,
        prefs.in_app,
        _types_json(prefs),
        prefs.digest.value,
        prefs.digest_hour,
        prefs.time_zone,
        now,
    )


_ENDPOINT_COLUMNS = "id, account_id, url, secret, previous_secret, previous_until, disabled_reason"
_ENDPOINT = f"SELECT {_ENDPOINT_COLUMNS} FROM webhook_endpoints"  # noqa: S608 (constant columns)


def _endpoint(row: asyncpg.Record, now: datetime) -> WebhookEndpoint:
    until = row["previous_until"]
    previous = row["previous_secret"] if until is not None and until > now else None
    return WebhookEndpoint(
        id=str(row["id"]),
        account_id=str(row["account_id"]),
        url=row["url"],
        secret=row["secret"],
        previous_secret=previous,
        disabled_reason=row["disabled_reason"],
    )


async def current_endpoint(
    conn: asyncpg.Connection, account_id: str, now: datetime
) -> WebhookEndpoint | None:
    """The account's current endpoint, disabled or not; None when it has none. The
    previous secret is kept only while its rotation overlap lasts."""
    row = await conn.fetchrow(
        f"{_ENDPOINT} WHERE account_id = $1 AND replaced_at IS NULL", account_id
    )
    return _endpoint(row, now) if row else None


async def get_endpoint(
    conn: asyncpg.Connection, endpoint_id: str, now: datetime
) -> tuple[WebhookEndpoint, bool] | None:
    """An endpoint and whether it is still current and enabled."""
    row = await conn.fetchrow(
        f"SELECT {_ENDPOINT_COLUMNS}, replaced_at, disabled_at FROM webhook_endpoints "  # noqa: S608
        "WHERE id = $1",
        endpoint_id,
    )
    if row is None:
        return None
    live = row["replaced_at"] is None and row["disabled_at"] is None
    return _endpoint(row, now), live


async def replace_endpoint(conn: asyncpg.Connection, account_id: str, now: datetime) -> None:
    """The current endpoint is no longer current; its deliveries not made yet stop."""
    ids = await conn.fetch(
        """UPDATE webhook_endpoints SET replaced_at = $2
           WHERE account_id = $1 AND replaced_at IS NULL RETURNING id""",
        account_id,
        now,
    )
    if ids:
        await conn.execute(
            """UPDATE webhook_deliveries SET status = 'cancelled'
               WHERE endpoint_id = ANY($1::uuid[]) AND status IN ('pending', 'sending')""",
            [r["id"] for r in ids],
        )


async def insert_endpoint(
    conn: asyncpg.Connection,
    endpoint_id: str,
    account_id: str,
    url: str,
    secret: str,
    now: datetime,
) -> None:
    await conn.execute(
        """INSERT INTO webhook_endpoints (id, account_id, url, secret, created_at)
           VALUES ($1, $2, $3, $4, $5)""",
        endpoint_id,
        account_id,
        url,
        secret,
        now,
    )


async def rotate_secret(
    conn: asyncpg.Connection, endpoint_id: str, secret: str, previous_until: datetime
) -> None:
    await conn.execute(
        """UPDATE webhook_endpoints
           SET previous_secret = secret, previous_until = $3, secret = $2
           WHERE id = $1""",
        endpoint_id,
        secret,
        previous_until,
    )


async def disable_endpoint(
    conn: asyncpg.Connection, endpoint_id: str, reason: str, now: datetime
) -> bool:
    """True when this call disabled it (it was enabled); its waiting deliveries stop."""
    disabled = await conn.fetchval(
        """UPDATE webhook_endpoints SET disabled_at = $3, disabled_reason = $2
           WHERE id = $1 AND disabled_at IS NULL RETURNING true""",
        endpoint_id,
        reason,
        now,
    )
    if disabled:
        await conn.execute(
            """UPDATE webhook_deliveries SET status = 'cancelled'
               WHERE endpoint_id = $1 AND status = 'pending'""",
            endpoint_id,
        )
    return bool(disabled)
