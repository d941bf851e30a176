"""Listings between JSON and protobuf."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2
from stint_gateway.schemas.listings import ListingDraftIn, ListingPatchIn
from stint_gateway.wire.listings import draft_message, listing_reply, patch_message

APPLY_BY = datetime(2031, 5, 1, 12, 0, tzinfo=UTC)


def _stamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def test_draft_message_carries_every_field() -> None:
    draft = ListingDraftIn.model_validate(
        {
            "title": "Build a churn dashboard",
            "description": "Turn our subscription data into a dashboard.",
            "industry": "Software",
            "skills": [{"name": "Python", "required": False}],
            "estimated_hours": 20,
            "duration_days": 14,
            "pay": {"amount_cents": 60_000, "currency": "EUR"},
            "remote": False,
            "location": "Lisbon",
            "apply_by": "2031-05-01T14:00:00+02:00",
            "slots": 2,
        }
    )
    message = draft_message(draft)
    assert message.title == "Build a churn dashboard"
    assert [(s.name, s.required) for s in message.skills] == [("Python", False)]
    assert (message.pay.amount_cents, message.pay.currency) == (60_000, "EUR")
    assert message.location == "Lisbon"
    assert message.apply_by.ToDatetime(tzinfo=UTC) == APPLY_BY
    assert message.slots == 2


def test_patch_message_sets_only_what_was_sent() -> None:
    message = patch_message(ListingPatchIn.model_validate({"title": "New", "skills": []}))
    assert message.HasField("title")
    assert message.HasField("skills")
    assert list(message.skills.skills) == []
    for absent in ("description", "remote", "slots", "location", "pay", "apply_by"):
        assert not message.HasField(absent), absent


def test_patch_message_clears_location_with_null() -> None:
    message = patch_message(ListingPatchIn.model_validate({"location": None}))
    assert message.HasField("location")
    assert message.location == ""


def test_listing_reply() -> None:
    created = datetime.now(UTC) - timedelta(hours=1)
    message = listing_pb2.Listing(
        id=str(uuid.uuid4()),
        organization_id=str(uuid.uuid4()),
        organization_name="Acme",
        title="T",
        description="D",
        industry="software",
        skills=[listing_pb2.SkillRequirement(name="python", required=True)],
        estimated_hours=20,
        duration_days=14,
        pay=common_pb2.Money(amount_cents=60_000, currency="EUR"),
        remote=True,
        apply_by=_stamp(APPLY_BY),
        slots=1,
        status=listing_pb2.LISTING_STATUS_CLOSED,
        close_reason=listing_pb2.CLOSE_REASON_FILLED,
        created_at=_stamp(created),
    )
    reply = listing_reply(message).model_dump(mode="json")
    assert reply["status"] == "closed"
    assert reply["close_reason"] == "filled"
    assert reply["published_at"] is None
    assert reply["location"] is None
    assert reply["apply_by"] == "2031-05-01T12:00:00Z"
    assert reply["skills"] == [{"name": "python", "required": True}]
    assert reply["pay"] == {"amount_cents": 60_000, "currency": "EUR"}


def test_open_listing_reply_has_no_close_reason() -> None:
    message = listing_pb2.Listing(
        id=str(uuid.uuid4()),
        organization_id=str(uuid.uuid4()),
        status=listing_pb2.LISTING_STATUS_OPEN,
        apply_by=_stamp(APPLY_BY),
        created_at=_stamp(APPLY_BY),
        published_at=_stamp(APPLY_BY),
    )
    reply = listing_reply(message)
    assert reply.close_reason is None
    assert reply.published_at == APPLY_BY
