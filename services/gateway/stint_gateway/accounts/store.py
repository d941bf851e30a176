"""SQL of the accounts table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from stint_gateway.schemas.accounts import AccountRole


class EmailTaken(Exception):
    """Another account has this e-mail address (in any letter case)."""


@dataclass(frozen=True)
class AccountRow:
    id: UUID
    email: str
    role: AccountRole
    display_name: str
    password_hash: str
    organization_id: UUID | None
    created_at: datetime


def _row(record: asyncpg.Record) -> AccountRow:
    return AccountRow(**dict(record))


async def insert_account(
    conn: asyncpg.Connection,
    *,
    account_id: UUID,
    email: str,
    role: AccountRole,
    display_name: str,
    password_hash: str,
    organization_id: UUID | None,
) -> AccountRow:
    try:
        record = await conn.fetchrow(
            """INSERT INTO accounts
                   (id, email, role, display_name, password_hash, organization_id)
                VALUES ($1, $2, $3, $4, $5, $6)
                RETURNING id, email, role, display_name, password_hash, organization_id,
                          created_at""",
            account_id,
            email,
            role,
            display_name,
            password_hash,
            organization_id,
        )
    except asyncpg.UniqueViolationError as exc:
        raise EmailTaken(email) from exc
    assert record is not None
    return _row(record)


async def account_by_email(pool: asyncpg.Pool, email: str) -> AccountRow | None:
    record = await pool.fetchrow(
        """SELECT id, email, role, display_name, password_hash, organization_id, created_at
             FROM accounts WHERE lower(email) = lower($1)""",
        email,
    )
    return _row(record) if record is not None else None


async def account_by_id(pool: asyncpg.Pool, account_id: UUID) -> AccountRow | None:
    record = await pool.fetchrow(
        """SELECT id, email, role, display_name, password_hash, organization_id, created_at
             FROM accounts WHERE id = $1""",
        account_id,
    )
    return _row(record) if record is not None else None
