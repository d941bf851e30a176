"""Who may see what, beyond the role the contract declares for each call. What the
caller may not see does not exist for them (404), so existence never leaks."""

from __future__ import annotations

from typing import TypeVar

from stint_matching.domain.listings import ListingView
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller

__all__ = ["require_found", "require_owner", "require_profile_reader"]

T = TypeVar("T")


def require_found(item: T | None, what: str) -> T:
    if item is None:
        raise NotFound(f"No such {what}.")
    return item


def require_profile_reader(caller: Caller, student_id: str) -> None:
    """Employers and institutions read any student's profile; a student only their
    own: another student's profile does not exist for them."""
    if caller.is_student and caller.account_id != student_id:
        raise NotFound("No such profile.")


def require_owner(caller: Caller, listing: ListingView | None) -> ListingView:
    """A listing's candidates and match scores are its owner organization's only."""
    if (
        listing is None
        or not caller.organization_id
        or caller.organization_id != listing.organization_id
    ):
        raise NotFound("No such listing.")
    return listing
