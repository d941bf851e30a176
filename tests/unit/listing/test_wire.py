from datetime import timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_listing import wire
from stint_listing.domain.listing import CloseReason, ListingStatus, Money
from stint_listing.domain.terms import ListingPatch
from stint_runtime.errors import InvalidArgument
from tests.unit.listing.examples import NOW, listing


def _stamp(moment: object) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)  # type: ignore[arg-type]
    return stamp


def test_a_listing_message_carries_every_field() -> None:
    closed = listing(
        status=ListingStatus.CLOSED,
        close_reason=CloseReason.FILLED,
        published_at=NOW,
        closed_at=NOW + timedelta(days=1),
        slots_filled=2,
        version=5,
    )
    message = wire.listing_message(closed)
    assert message.id == str(closed.id)
    assert message.organization_id == str(closed.organization_id)
    assert message.status == listing_pb2.LISTING_STATUS_CLOSED
    assert message.close_reason == listing_pb2.CLOSE_REASON_FILLED
    assert [s.name for s in message.skills] == list(closed.terms.skill_names)
    assert (message.slots, message.slots_filled, message.version) == (2, 2, 5)
    assert message.pay.amount_cents == closed.terms.pay.amount_cents
    assert message.apply_by.ToDatetime().replace(tzinfo=NOW.tzinfo) == closed.terms.apply_by
    assert message.HasField("published_at") and message.HasField("closed_at")


def test_a_draft_message_has_no_published_or_closed_time() -> None:
    message = wire.listing_message(listing())
    assert not message.HasField("published_at")
    assert not message.HasField("closed_at")
    assert message.close_reason == listing_pb2.CLOSE_REASON_UNSPECIFIED


def test_a_draft_without_apply_by_is_refused_on_that_field() -> None:
    with pytest.raises(InvalidArgument) as refused:
        wire.terms_from_draft(listing_service_pb2.ListingDraft(title="x"))
    assert [e.loc for e in refused.value.errors] == [("apply_by",)]


def test_slots_default_to_one() -> None:
    draft = listing_service_pb2.ListingDraft(apply_by=_stamp(NOW))
    assert wire.terms_from_draft(draft).slots == 1


def test_a_patch_holds_only_the_fields_set() -> None:
    assert wire.patch_from_message(listing_service_pb2.ListingPatch()) == ListingPatch()
    message = listing_service_pb2.ListingPatch(
        title="New",
        remote=False,
        slots=0,
        pay=common_pb2.Money(amount_cents=5, currency="EUR"),
        skills=listing_service_pb2.SkillList(),
    )
    patch = wire.patch_from_message(message)
    assert patch == ListingPatch(title="New", remote=False, slots=0, pay=Money(5, "EUR"), skills=())


def test_close_reasons_map_both_ways() -> None:
    assert wire.close_reason_from_message(listing_pb2.CLOSE_REASON_UNSPECIFIED) is None
    assert (
        wire.close_reason_from_message(listing_pb2.CLOSE_REASON_WITHDRAWN) is CloseReason.WITHDRAWN
    )
    with pytest.raises(InvalidArgument):
        wire.close_reason_from_message(99)  # type: ignore[arg-type]
