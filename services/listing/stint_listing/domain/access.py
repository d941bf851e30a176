"""Who may do what. Listings another organization may not touch are reported as not
found, so that their existence does not leak."""

from __future__ import annotations

from uuid import UUID

from stint_listing.domain.listing import Listing, ListingStatus
from stint_runtime.errors import NotFound, PermissionDenied, Unauthenticated
from stint_runtime.identity import Caller

__all__ = [
    "caller_organization",
    "ensure_may_register",
    "ensure_owner",
    "ensure_visible",
    "hiring_organization",
]


def caller_organization(caller: Caller | None) -> UUID | None:
    """The organization an employer acts for; None for anyone else."""
    if caller is None or not caller.is_employer or not caller.organization_id:
        return None
    try:
        return UUID(caller.organization_id)
    except ValueError:
        return None


def hiring_organization(caller: Caller | None) -> UUID:
    """The organization of an employer creating or listing its own listings."""
    if caller is None:
        raise Unauthenticated("sign in as an employer")
    organization = caller_organization(caller)
    if organization is None:
        raise PermissionDenied("only an employer with an organization can do this")
    return organization


def ensure_may_register(caller: Caller | None, organization_id: UUID) -> None:
    """The platform itself, or the employer registering its own organization."""
    if caller is None:
        raise Unauthenticated("sign in to register an organization")
    if caller.role == "system":
        return
    if caller_organization(caller) != organization_id:
        raise PermissionDenied("an employer can only register its own organization")


def ensure_owner(caller: Caller | None, listing: Listing) -> None:
    if caller is None:
        raise Unauthenticated("sign in as the listing's employer")
    if caller_organization(caller) != listing.organization_id:
        raise NotFound("no such listing")


def ensure_visible(caller: Caller | None, listing: Listing) -> None:
    """Published listings are public; a draft is seen by its owner only."""
    if listing.status is ListingStatus.DRAFT and (
        caller_organization(caller) != listing.organization_id
    ):
        raise NotFound("no such listing")
