"""Issuing completion credentials: a status list position, the Open Badges document,
its signature, and CredentialIssued, in the transaction that settles the completion.

Every credential names the key that signed it (``kid``) and that key's public half is
kept in the same transaction, so that the JWK Set can always verify it.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import replace
from datetime import datetime

import asyncpg

from stint_reputation import events
from stint_reputation.context import Context
from stint_reputation.domain.bitstring import status_index
from stint_reputation.domain.credentials import StatusList, StoredCredential
from stint_reputation.domain.documents import (
    Completion,
    StatusEntry,
    completion_credential,
    status_list_credential,
)
from stint_reputation.domain.projections import EngagementView, ListingView
from stint_reputation.store import credentials as store
from stint_reputation.store.projections import get_account

__all__ = ["issue_credential", "signed_status_list"]


def signed_status_list(ctx: Context, status: StatusList, bits: bytes, now: datetime) -> StatusList:
    """``status`` holding ``bits``, its credential signed again with the current key."""
    document = status_list_credential(ctx.issuer, status.id, bits, now)
    signed = ctx.signing_key.sign(document)
    return replace(status, bits=bits, document=signed.json, jwt=signed.jwt, kid=ctx.signing_key.kid)


async def _open_status_list(conn: asyncpg.Connection, ctx: Context, now: datetime) -> StatusList:
    found = await store.lock_open_status_list(conn)
    if found is not None:
        return found
    size = ctx.status_list_bits
    fresh = StatusList(
        id=str(uuid.uuid4()),
        size=size,
        # An odd multiplier and any shift: a permutation of the list's positions.
        multiplier=secrets.randbelow(size // 2) * 2 + 1,
        shift=secrets.randbelow(size),
        allocated=0,
        bits=b"",
        document="",
        jwt="",
        kid=ctx.signing_key.kid,
    )
    created = signed_status_list(ctx, fresh, bytes(size // 8), now)
    await store.insert_status_list(conn, created, now)
    # Locked by this transaction's insert until it commits.
    return created


async def issue_credential(
    conn: asyncpg.Connection, ctx: Context, engagement: EngagementView, listing: ListingView
) -> StoredCredential:
    """Inside the transaction that holds the engagement's lock (so once per engagement)."""
    now = ctx.clock()
    await store.register_key(conn, ctx.signing_key.public_jwk, now)
    status = await _open_status_list(conn, ctx, now)
    index = status_index(status.allocated, status.multiplier, status.shift, status.size)
    student = await get_account(conn, engagement.student_id)
    credential_id = str(uuid.uuid4())
    completion = Completion(
        credential_id=credential_id,
        engagement_id=engagement.id,
        student_id=engagement.student_id,
        student_name=student.display_name if student else "",
        listing_id=listing.id,
        title=listing.title,
        description=listing.description,
        industry=listing.industry,
        skills=listing.skills,
        estimated_hours=listing.estimated_hours,
        organization_id=engagement.organization_id,
        organization_name=listing.organization_name,
        started_at=engagement.started_at,
        completed_at=engagement.completed_at or now,
    )
    document = completion_credential(ctx.issuer, completion, StatusEntry(status.id, index), now)
    signed = ctx.signing_key.sign(document)
    credential = StoredCredential(
        id=credential_id,
        engagement_id=engagement.id,
        student_id=engagement.student_id,
        organization_id=engagement.organization_id,
        status_list_id=status.id,
        status_index=index,
        kid=ctx.signing_key.kid,
        document=signed.json,
        jwt=signed.jwt,
        issued_at=now,
    )
    await store.insert_credential(conn, credential)
    allocated = replace(status, allocated=status.allocated + 1)
    await store.save_status_list(conn, allocated, now)
    await events.credential_issued(
        conn, ctx.schema, credential_id, engagement, listing.title, listing.organization_name, now
    )
    return credential
