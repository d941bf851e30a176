"""Who may do what with listings beyond the role the contract declares for each call
(an employer, for every change): only the owning organization touches a listing, and
listings another organization may not touch are reported as not found, so that their
existence does not leak."""

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
    "own_listings_of",
]


def caller_organization(caller: Caller | None) -> UUID | None:
    """The organization an employer acts for; None for anyone else."""
    if caller is None or not caller.is_employer or not caller.organization_id:
        return None
    try:
        return UUID(caller.organization_id)
    except ValueError:
        return None


def hiring_organization(caller: Caller) -> UUID:
    """The organization an employer creates listings for."""
    organization = caller_organization(caller)
    if organization is None:
        raise PermissionDenied("only an employer with an organization can do this")
    return organization


def own_listings_of(caller: Caller | None) -> UUID:
    """Whose listings a search for one's own (``mine``) lists: anyone may search the
    open listings, only an employer has listings of their own."""
    if caller is None:
        raise Unauthenticated("Sign in as an employer to see your own listings.")
    if not caller.is_employer:
        raise PermissionDenied("Only employers have listings of their own.")
    return hiring_organization(caller)


def ensure_may_register(caller: Caller | None, organization_id: UUID) -> None:
    """The platform itself, or the employer registering its own organization."""
    if caller is None:
        raise Unauthenticated("sign in to register an organization")
    if caller.role == "system":
        return
    if caller_organization(caller) != organization_id:
        raise PermissionDenied("an employer can only register its own organization")


def ensure_owner(caller: Caller, listing: Listing) -> None:
    if caller_organization(caller) != listing.organization_id:
        raise NotFound("No such listing.")


def ensure_visible(caller: Caller | None, listing: Listing) -> None:
    """Published listings are public; a draft is seen by its owner only."""
    if listing.status is ListingStatus.DRAFT and (
        caller_organization(caller) != listing.organization_id
    ):
        raise NotFound("No such listing.")
