from datetime import timedelta

import pytest

from stint_listing.domain import lifecycle
from stint_listing.domain.listing import CloseReason, ListingStatus
from stint_runtime.errors import Conflict, InvalidArgument
from tests.unit.listing.examples import NOW, listing, terms


def test_a_draft_publishes_once() -> None:
    draft = listing()
    published = lifecycle.publish(draft, now=NOW)
    assert published.status is ListingStatus.OPEN
    assert published.published_at == NOW
    assert published.version == draft.version + 1
    with pytest.raises(Conflict):
        lifecycle.publish(published, now=NOW)


def test_a_draft_past_its_apply_by_cannot_be_published() -> None:
    stale = listing(terms=terms(apply_by=NOW - timedelta(minutes=1)))
    with pytest.raises(Conflict, match="apply_by"):
        lifecycle.publish(stale, now=NOW)


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.OPEN])
def test_draft_and_open_listings_close(status: ListingStatus) -> None:
    closed = lifecycle.close(listing(status=status), CloseReason.WITHDRAWN, now=NOW)
    assert (closed.status, closed.close_reason, closed.closed_at) == (
        ListingStatus.CLOSED,
        CloseReason.WITHDRAWN,
        NOW,
    )


def test_a_closed_listing_neither_closes_publishes_nor_changes_again() -> None:
    closed = lifecycle.close(listing(), CloseReason.WITHDRAWN, now=NOW)
    with pytest.raises(Conflict):
        lifecycle.close(closed, CloseReason.WITHDRAWN, now=NOW)
    with pytest.raises(Conflict):
        lifecycle.publish(closed, now=NOW)
    with pytest.raises(Conflict):
        lifecycle.revise(closed, terms(title="Another title"), now=NOW)


def test_revise_raises_the_version_only_when_something_changed() -> None:
    draft = listing()
    assert lifecycle.revise(draft, draft.terms, now=NOW) is draft
    revised = lifecycle.revise(draft, terms(title="Another title"), now=NOW)
    assert revised.version == draft.version + 1 and revised.updated_at == NOW


def test_an_owner_can_only_withdraw() -> None:
    assert lifecycle.owner_close_reason(None) is CloseReason.WITHDRAWN
    assert lifecycle.owner_close_reason(CloseReason.WITHDRAWN) is CloseReason.WITHDRAWN
    for reason in (CloseReason.FILLED, CloseReason.DEADLINE):
        with pytest.raises(InvalidArgument):
            lifecycle.owner_close_reason(reason)


def test_hires_fill_slots_and_the_last_one_closes_the_listing_as_filled() -> None:
    open_listing = listing(status=ListingStatus.OPEN, published_at=NOW, terms=terms(slots=2))
    one = lifecycle.fill_slot(open_listing, now=NOW)
    assert one is not None
    assert (one.slots_filled, one.status) == (1, ListingStatus.OPEN)
    two = lifecycle.fill_slot(one, now=NOW)
    assert two is not None
    assert (two.slots_filled, two.status, two.close_reason) == (
        2,
        ListingStatus.CLOSED,
        CloseReason.FILLED,
    )
    assert two.version == open_listing.version + 2
    assert lifecycle.fill_slot(two, now=NOW) is None


def test_a_listing_closed_by_its_deadline_still_counts_hires() -> None:
    expired = listing(
        status=ListingStatus.CLOSED,
        close_reason=CloseReason.DEADLINE,
        terms=terms(slots=1),
    )
    hired = lifecycle.fill_slot(expired, now=NOW)
    assert hired is not None
    assert (hired.slots_filled, hired.close_reason) == (1, CloseReason.DEADLINE)
