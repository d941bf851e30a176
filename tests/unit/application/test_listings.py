from __future__ import annotations

from datetime import timedelta

import pytest

from stint_application.domain.applications import CloseReason
from stint_application.domain.listings import (
    ListingCloseReason,
    ListingStatus,
    accepts_hires,
    closure_for,
    filled_after_closing,
    require_accepting_applications,
    require_free_slot,
    with_hire,
)
from stint_runtime.errors import Conflict
from tests.unit.application.examples import NOW, listing


def test_an_open_listing_before_apply_by_takes_applications() -> None:
    require_accepting_applications(listing(), NOW)


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.CLOSED])
def test_a_listing_that_is_not_open_takes_none(status: ListingStatus) -> None:
    with pytest.raises(Conflict, match=f"is {status.value}"):
        require_accepting_applications(listing(status=status), NOW)


def test_applications_stop_at_apply_by() -> None:
    view = listing(apply_by=NOW)
    with pytest.raises(Conflict, match="Applications for this listing closed"):
        require_accepting_applications(view, NOW)
    require_accepting_applications(view, NOW - timedelta(seconds=1))


def test_hires_stop_when_every_slot_is_filled() -> None:
    require_free_slot(listing(slots=2, hires=1))
    with pytest.raises(Conflict, match="No slot left"):
        require_free_slot(listing(slots=2, hires=2))


@pytest.mark.parametrize("reason", [ListingCloseReason.FILLED, ListingCloseReason.WITHDRAWN])
def test_nobody_is_hired_into_a_filled_or_withdrawn_listing(reason: ListingCloseReason) -> None:
    with pytest.raises(Conflict, match="closed"):
        require_free_slot(listing(status=ListingStatus.CLOSED, close_reason=reason))


def test_after_apply_by_the_owner_still_hires_into_free_slots() -> None:
    closed = listing(status=ListingStatus.CLOSED, close_reason=ListingCloseReason.DEADLINE)
    assert accepts_hires(closed)
    require_free_slot(closed)
    assert not filled_after_closing(closed)
    assert filled_after_closing(with_hire(closed))
    assert not filled_after_closing(with_hire(listing()))


def test_a_filled_listing_closes_applications_as_position_filled() -> None:
    assert closure_for(ListingCloseReason.FILLED) is CloseReason.POSITION_FILLED
    assert closure_for(ListingCloseReason.WITHDRAWN) is CloseReason.LISTING_CLOSED


def test_a_listing_past_apply_by_leaves_applications_to_their_decision_deadline() -> None:
    assert closure_for(ListingCloseReason.DEADLINE) is None
    closes_at_once = closure_for(ListingCloseReason.DEADLINE, decisions_after_apply_by=False)
    assert closes_at_once is CloseReason.LISTING_CLOSED
