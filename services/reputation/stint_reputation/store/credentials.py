"""Signing keys, status lists and credentials."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

import asyncpg

from stint_reputation.domain.credentials import StatusList, StoredCredential

__all__ = [
    "credential_for_engagement",
    "get_credential",
    "get_status_list",
    "insert_credential",
    "insert_status_list",
    "lock_credential",
    "lock_open_status_list",
    "lock_status_list",
    "public_keys",
    "register_key",
    "save_revocation",
    "save_status_list",
    "standing_credentials_of",
]


_LIST_COLUMNS = "id, size, multiplier, shift, allocated, bits, document, jwt, kid"
_CREDENTIAL_COLUMNS = (
    "id, engagement_id, student_id, organization_id, status_list_id, status_index, kid, "
    "document, jwt, issued_at, revoked_at, revoked_reason, revoked_by"
)
_LISTS = f"SELECT {_LIST_COLUMNS} FROM status_lists"  # noqa: S608 (constant column list)
_CREDENTIALS = f"SELECT {_CREDENTIAL_COLUMNS} FROM credentials"  # noqa: S608


def _list(row: asyncpg.Record) -> StatusList:
    return StatusList(
        id=str(row["id"]),
        size=row["size"],
        multiplier=row["multiplier"],
        shift=row["shift"],
        allocated=row["allocated"],
        bits=bytes(row["bits"]),
        document=row["document"],
        jwt=row["jwt"],
        kid=row["kid"],
    )


def _credential(row: asyncpg.Record) -> StoredCredential:
    values = dict(row)
    for name in ("id", "engagement_id", "student_id", "organization_id", "status_list_id"):
        values[name] = str(values[name])
    return StoredCredential(**values)


async def register_key(
    conn: asyncpg.Connection, public_jwk: Mapping[str, str], at: datetime
) -> None:
    """Keep the public key of the key about to sign, once. A different key under a
    kid already used would make old credentials unverifiable: refused."""
    kid = public_jwk["kid"]
    await conn.execute(
        """INSERT INTO signing_keys (kid, public_jwk, added_at) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (kid) DO NOTHING""",
        kid,
        json.dumps(dict(public_jwk)),
        at,
    )
    kept = json.loads(
        await conn.fetchval("SELECT public_jwk FROM signing_keys WHERE kid = $1", kid)
    )
    if kept.get("x") != public_jwk.get("x"):
        raise RuntimeError(
            f"kid {kid!r} already names another public key: give the new key a new kid"
        )


async def public_keys(conn: asyncpg.Connection) -> list[dict[str, str]]:
    """Every key ever used, the newest first."""
    rows = await conn.fetch("SELECT public_jwk FROM signing_keys ORDER BY added_at DESC, kid")
    return [json.loads(row["public_jwk"]) for row in rows]


async def lock_open_status_list(conn: asyncpg.Connection) -> StatusList | None:
    """The list new credentials go to (the oldest with room), locked."""
    row = await conn.fetchrow(
        f"{_LISTS} WHERE allocated < size ORDER BY created_at LIMIT 1 FOR UPDATE"
    )
    return _list(row) if row else None


async def lock_status_list(conn: asyncpg.Connection, list_id: str) -> StatusList | None:
    row = await conn.fetchrow(f"{_LISTS} WHERE id = $1 FOR UPDATE", list_id)
    return _list(row) if row else None


async def get_status_list(conn: asyncpg.Connection, list_id: str) -> StatusList | None:
    row = await conn.fetchrow(f"{_LISTS} WHERE id = $1", list_id)
    return _list(row) if row else None


async def insert_status_list(conn: asyncpg.Connection, status: StatusList, at: datetime) -> None:
    await conn.execute(
        """INSERT INTO status_lists (id, size, multiplier, shift, allocated, bits, document,
                                     jwt, kid, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)""",
        status.id,
        status.size,
        status.multiplier,
        status.shift,
        status.allocated,
        status.bits,
        status.document,
        status.jwt,
        status.kid,
        at,
    )


async def save_status_list(conn: asyncpg.Connection, status: StatusList, at: datetime) -> None:
    await conn.execute(
        """UPDATE status_lists SET allocated = $2, bits = $3, document = $4, jwt = $5,
                                   kid = $6, updated_at = $7
           WHERE id = $1""",
        status.id,
        status.allocated,
        status.bits,
        status.document,
        status.jwt,
        status.kid,
        at,
    )


async def insert_credential(conn: asyncpg.Connection, credential: StoredCredential) -> None:
    await conn.execute(
        """INSERT INTO credentials (id, engagement_id, student_id, organization_id,
                                    status_list_id, status_index, kid, document, jwt, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""",
        credential.id,
        credential.engagement_id,
        credential.student_id,
        credential.organization_id,
        credential.status_list_id,
        credential.status_index,
        credential.kid,
        credential.document,
        credential.jwt,
        credential.issued_at,
    )


async def get_credential(conn: asyncpg.Connection, credential_id: str) -> StoredCredential | None:
    row = await conn.fetchrow(f"{_CREDENTIALS} WHERE id = $1", credential_id)
    return _credential(row) if row else None


async def lock_credential(conn: asyncpg.Connection, credential_id: str) -> StoredCredential | None:
    row = await conn.fetchrow(f"{_CREDENTIALS} WHERE id = $1 FOR UPDATE", credential_id)
    return _credential(row) if row else None


async def credential_for_engagement(
    conn: asyncpg.Connection, engagement_id: str
) -> StoredCredential | None:
    row = await conn.fetchrow(f"{_CREDENTIALS} WHERE engagement_id = $1", engagement_id)
    return _credential(row) if row else None


async def standing_credentials_of(
    conn: asyncpg.Connection, student_id: str
) -> list[StoredCredential]:
    """The student's credentials that are not revoked, oldest first."""
    rows = await conn.fetch(
        f"{_CREDENTIALS} WHERE student_id = $1 AND revoked_at IS NULL ORDER BY issued_at, id",
        student_id,
    )
    return [_credential(row) for row in rows]


async def save_revocation(conn: asyncpg.Connection, credential: StoredCredential) -> None:
    await conn.execute(
        """UPDATE credentials SET revoked_at = $2, revoked_reason = $3, revoked_by = $4
           WHERE id = $1""",
        credential.id,
        credential.revoked_at,
        credential.revoked_reason,
        credential.revoked_by,
    )
