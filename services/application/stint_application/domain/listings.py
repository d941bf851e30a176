"""What the application service knows about a listing: its own projection, kept from
listing events, never read from the listing service."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from stint_application.domain.applications import CloseReason
from stint_runtime.errors import Conflict

__all__ = [
    "ListingCloseReason",
    "ListingStatus",
    "ListingView",
    "accepts_hires",
    "closure_for",
    "filled_after_closing",
    "require_accepting_applications",
    "require_free_slot",
    "with_hire",
]


class ListingStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class ListingCloseReason(StrEnum):
    FILLED = "filled"
    DEADLINE = "deadline"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class ListingView:
    """The listing as the newest listing event described it, plus our own hire count."""

    id: str
    organization_id: str
    """The owner: only members of this organization decide on applications."""
    title: str
    status: ListingStatus
    close_reason: ListingCloseReason | None
    slots: int
    apply_by: datetime
    duration_days: int
    version: int
    """The listing's own version; an event with an older or equal one is ignored."""
    hires: int = 0
    """Hires made here; counted under the listing row's lock so slots never overflow."""

    @property
    def slots_left(self) -> int:
        return max(self.slots - self.hires, 0)


def require_accepting_applications(listing: ListingView, now: datetime) -> None:
    """Applications are taken only while the listing is open and before apply_by."""
    if listing.status is not ListingStatus.OPEN:
        raise Conflict(f"This listing is {listing.status.value} and does not take applications.")
    if now >= listing.apply_by:
        raise Conflict(
            "Applications for this listing closed on "
            f"{listing.apply_by.strftime('%Y-%m-%d %H:%M UTC')}."
        )


def accepts_hires(listing: ListingView) -> bool:
    """Open listings hire; so do listings closed because apply_by passed, since the
    owner decides after the applications are in (until each decision deadline)."""
    return listing.status is ListingStatus.OPEN or (
        listing.status is ListingStatus.CLOSED
        and listing.close_reason is ListingCloseReason.DEADLINE
    )


def require_free_slot(listing: ListingView) -> None:
    if not accepts_hires(listing):
        raise Conflict(f"This listing is {listing.status.value}; nobody can be hired into it.")
    if listing.slots_left <= 0:
        raise Conflict(
            f"No slot left: all {listing.slots} slot(s) of this listing are already filled."
        )


def with_hire(listing: ListingView) -> ListingView:
    return replace(listing, hires=listing.hires + 1)


def filled_after_closing(listing: ListingView) -> bool:
    """The last slot of a listing that already closed was just taken: the listing will
    not close again, so the applications still open on it are closed here."""
    return listing.status is ListingStatus.CLOSED and listing.slots_left == 0


def closure_for(
    reason: ListingCloseReason | None, *, decisions_after_apply_by: bool = True
) -> CloseReason | None:
    """Why the applications still open on a closing listing are closed; None when they
    stay open for a decision (the listing only stopped taking applications)."""
    if reason is ListingCloseReason.FILLED:
        return CloseReason.POSITION_FILLED
    if reason is ListingCloseReason.DEADLINE and decisions_after_apply_by:
        return None
    return CloseReason.LISTING_CLOSED
