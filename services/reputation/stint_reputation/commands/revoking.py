"""Revoking a credential, saying why: the issuing organization's employers, or an
operator (``python -m stint_reputation.operator revoke``). The credential's bit in its
status list is set and the list credential signed again, in one transaction with
CredentialRevoked; the credential itself is never changed (its signature stays valid,
its status says revoked)."""

from __future__ import annotations

from dataclasses import replace

import asyncpg

from stint_reputation import events
from stint_reputation.commands.issuing import signed_status_list
from stint_reputation.context import Context
from stint_reputation.domain.access import require_found
from stint_reputation.domain.bitstring import with_bit
from stint_reputation.domain.credentials import StoredCredential
from stint_reputation.domain.revocation import require_revocable, validate_reason
from stint_reputation.store import credentials as store
from stint_runtime.db import transaction
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["revoke_as_operator", "revoke_credential"]


async def _revoke(
    pool: asyncpg.Pool,
    ctx: Context,
    credential_id: str,
    reason: str,
    revoked_by: str,
    organization_id: str | None,
) -> StoredCredential:
    """``organization_id``: only that organization's credential may be revoked (None:
    an operator, any credential)."""
    credential_id = resource_id(credential_id, "credential")
    reason = validate_reason(reason)
    async with transaction(pool) as conn:
        credential = require_found(await store.lock_credential(conn, credential_id), "credential")
        if organization_id is not None and credential.organization_id != organization_id:
            raise NotFound("No such credential.")
        require_revocable(credential.revoked_at)
        now = ctx.clock()
        status = require_found(
            await store.lock_status_list(conn, credential.status_list_id), "status list"
        )
        await store.register_key(conn, ctx.signing_key.public_jwk, now)
        bits = with_bit(status.bits, credential.status_index)
        await store.save_status_list(conn, signed_status_list(ctx, status, bits, now), now)
        revoked = replace(credential, revoked_at=now, revoked_reason=reason, revoked_by=revoked_by)
        await store.save_revocation(conn, revoked)
        await events.credential_revoked(
            conn, ctx.schema, revoked.id, revoked.student_id, reason, now
        )
        return revoked


async def revoke_credential(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, credential_id: str, reason: str
) -> StoredCredential:
    """For the issuing organization's employers; for everyone else it does not exist."""
    return await _revoke(
        pool,
        ctx,
        credential_id,
        reason,
        f"account:{owner.account_id}",
        owner.organization_id or "",
    )


async def revoke_as_operator(
    pool: asyncpg.Pool, ctx: Context, operator: str, credential_id: str, reason: str
) -> StoredCredential:
    return await _revoke(pool, ctx, credential_id, reason, f"operator:{operator}", None)
