"""How a listing moves: draft → open → closed, edits while draft or open, and slots
filled by hires. Each change returns a new listing with its version raised."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from stint_listing.domain.listing import CloseReason, Listing, ListingStatus, ListingTerms
from stint_runtime.errors import Conflict, InvalidArgument

__all__ = ["close", "ensure_editable", "fill_slot", "owner_close_reason", "publish", "revise"]

_EDITABLE = (ListingStatus.DRAFT, ListingStatus.OPEN)


def ensure_editable(listing: Listing) -> None:
    """Checked before the edit itself is judged: a closed listing is refused as such,
    whatever the edit."""
    if listing.status not in _EDITABLE:
        raise Conflict(f"a {listing.status} listing can no longer be changed")


def revise(listing: Listing, terms: ListingTerms, *, now: datetime) -> Listing:
    """Replace the terms (already validated); unchanged terms change nothing."""
    ensure_editable(listing)
    if terms == listing.terms:
        return listing
    return _changed(listing, now, terms=terms)


def publish(listing: Listing, *, now: datetime) -> Listing:
    if listing.status is not ListingStatus.DRAFT:
        raise Conflict(f"only a draft can be published; this listing is {listing.status}")
    if listing.terms.apply_by <= now:
        raise Conflict("apply_by has passed; move it into the future before publishing")
    return _changed(listing, now, status=ListingStatus.OPEN, published_at=now)


def close(listing: Listing, reason: CloseReason, *, now: datetime) -> Listing:
    if listing.status not in _EDITABLE:
        raise Conflict("the listing is already closed")
    return _changed(listing, now, status=ListingStatus.CLOSED, close_reason=reason, closed_at=now)


def owner_close_reason(requested: CloseReason | None) -> CloseReason:
    """An owner can only withdraw; filled and deadline are the platform's to say."""
    if requested in (None, CloseReason.WITHDRAWN):
        return CloseReason.WITHDRAWN
    raise InvalidArgument.one("reason", "an owner can only close a listing as withdrawn")


def fill_slot(listing: Listing, *, now: datetime) -> Listing | None:
    """One more hire. The listing closes as filled when an open listing's last slot is
    taken. None when every slot is already filled: a hire never overfills a listing.

    A listing closed by its deadline still counts hires: decisions come after apply_by.
    """
    if listing.slots_filled >= listing.terms.slots:
        return None
    filled = listing.slots_filled + 1
    if filled == listing.terms.slots and listing.status is ListingStatus.OPEN:
        return _changed(
            listing,
            now,
            slots_filled=filled,
            status=ListingStatus.CLOSED,
            close_reason=CloseReason.FILLED,
            closed_at=now,
        )
    return _changed(listing, now, slots_filled=filled)


def _changed(listing: Listing, now: datetime, **changes: object) -> Listing:
    return replace(listing, updated_at=now, version=listing.version + 1, **changes)  # type: ignore[arg-type]
