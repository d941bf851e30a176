"""Registering an account. For an employer, its organization is created in the
listing service inside the transaction that inserts the account, so that a failed
call leaves no account behind; AccountRegistered is enqueued in the same transaction."""

from __future__ import annotations

from uuid import UUID, uuid4

import asyncpg

from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2
from stint.listing.v1 import listing_service_pb2
from stint_gateway.accounts.passwords import hash_password
from stint_gateway.accounts.store import AccountRow, insert_account
from stint_gateway.http.rpc_problems import rpc_problems
from stint_gateway.schemas.accounts import AccountRole, OrganizationIn, RegisterRequest
from stint_gateway.stubs import ListingStub
from stint_runtime import db, outbox, topics
from stint_runtime.identity import Caller, current_caller, set_current_caller
from stint_runtime.timestamps import to_timestamp

_ROLES: dict[AccountRole, common_pb2.Role.ValueType] = {
    "student": common_pb2.ROLE_STUDENT,
    "employer": common_pb2.ROLE_EMPLOYER,
    "institution": common_pb2.ROLE_INSTITUTION,
}


async def register_account(
    request: RegisterRequest, *, pool: asyncpg.Pool, listing: ListingStub, schema: str
) -> AccountRow:
    """The new account; raises EmailTaken, or a problem when the organization could
    not be created (nothing is kept then). ``schema`` is the gateway's, whose outbox
    AccountRegistered goes to."""
    account_id = uuid4()
    organization_id = uuid4() if request.organization is not None else None
    password_hash = await hash_password(request.password)
    async with db.transaction(pool) as conn:
        account = await insert_account(
            conn,
            account_id=account_id,
            email=str(request.email),
            role=request.role,
            display_name=request.display_name,
            password_hash=password_hash,
            organization_id=organization_id,
        )
        if request.organization is not None and organization_id is not None:
            await _create_organization(listing, account_id, organization_id, request.organization)
        await outbox.enqueue(
            conn,
            topic=topics.IDENTITY,
            key=str(account_id),
            event=account_registered(account),
            schema=schema,
        )
    return account


async def _create_organization(
    listing: ListingStub, account_id: UUID, organization_id: UUID, organization: OrganizationIn
) -> None:
    # The new employer registers its own organization, as itself.
    before = current_caller()
    set_current_caller(
        Caller(account_id=str(account_id), role="employer", organization_id=str(organization_id))
    )
    try:
        with rpc_problems("listing", loc_prefix=("body", "organization")):
            await listing.CreateOrganization(
                listing_service_pb2.CreateOrganizationRequest(
                    organization_id=str(organization_id),
                    name=organization.name,
                    industry=organization.industry,
                    website=str(organization.website) if organization.website else "",
                )
            )
    finally:
        set_current_caller(before)


def account_registered(account: AccountRow) -> events_pb2.AccountRegistered:
    registered_at = to_timestamp(account.created_at)
    return events_pb2.AccountRegistered(
        account_id=str(account.id),
        email=account.email,
        role=_ROLES[account.role],
        display_name=account.display_name,
        organization_id=str(account.organization_id) if account.organization_id else "",
        registered_at=registered_at,
    )
