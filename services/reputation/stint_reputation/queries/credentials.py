"""Credentials, status lists and keys: public, since anyone must be able to verify.
Why a credential was revoked is told only to its student and its organization."""

from __future__ import annotations

import json
from dataclasses import replace

import asyncpg

from stint_reputation.context import Context
from stint_reputation.domain.access import require_found
from stint_reputation.domain.credentials import StatusList, StoredCredential
from stint_reputation.store import credentials as store
from stint_runtime.db import connection
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["get_credential", "get_status_list", "key_set"]


async def get_credential(
    pool: asyncpg.Pool, caller: Caller | None, credential_id: str
) -> StoredCredential:
    credential_id = resource_id(credential_id, "credential")
    async with connection(pool) as conn:
        credential = require_found(await store.get_credential(conn, credential_id), "credential")
    party = caller is not None and (
        caller.account_id == credential.student_id
        or (caller.is_employer and caller.organization_id == credential.organization_id)
    )
    if party or credential.revoked_reason is None:
        return credential
    return replace(credential, revoked_reason="", revoked_by=None)


async def get_status_list(pool: asyncpg.Pool, list_id: str) -> StatusList:
    list_id = resource_id(list_id, "status list")
    async with connection(pool) as conn:
        return require_found(await store.get_status_list(conn, list_id), "status list")


async def key_set(pool: asyncpg.Pool, ctx: Context) -> str:
    """The JWK Set: the current key first, then every other key ever used."""
    async with connection(pool) as conn:
        kept = await store.public_keys(conn)
    current = dict(ctx.signing_key.public_jwk)
    keys = [current] + [key for key in kept if key.get("kid") != current["kid"]]
    return json.dumps({"keys": keys})
