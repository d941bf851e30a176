"""Listings between the public JSON and the listing service's protobuf messages."""

from __future__ import annotations

from uuid import UUID

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_gateway.schemas.listings import (
    CloseReason,
    Listing,
    ListingDraftIn,
    ListingPatchIn,
    ListingStatus,
    Pay,
    Skill,
)
from stint_runtime.timestamps import from_timestamp, to_timestamp

_STATUS: dict[int, ListingStatus] = {
    listing_pb2.LISTING_STATUS_DRAFT: "draft",
    listing_pb2.LISTING_STATUS_OPEN: "open",
    listing_pb2.LISTING_STATUS_CLOSED: "closed",
}
_CLOSE_REASON: dict[int, CloseReason] = {
    listing_pb2.CLOSE_REASON_WITHDRAWN: "withdrawn",
    listing_pb2.CLOSE_REASON_FILLED: "filled",
    listing_pb2.CLOSE_REASON_DEADLINE: "deadline",
}


_SCALARS = (
    "title",
    "description",
    "industry",
    "estimated_hours",
    "duration_days",
    "remote",
    "slots",
)


def _skills(skills: list[Skill]) -> list[listing_pb2.SkillRequirement]:
    return [listing_pb2.SkillRequirement(name=s.name, required=s.required) for s in skills]


def _money(pay: Pay) -> common_pb2.Money:
    return common_pb2.Money(amount_cents=pay.amount_cents, currency=pay.currency)


def draft_message(draft: ListingDraftIn) -> listing_service_pb2.ListingDraft:
    return listing_service_pb2.ListingDraft(
        title=draft.title,
        description=draft.description,
        industry=draft.industry,
        skills=_skills(draft.skills),
        estimated_hours=draft.estimated_hours,
        duration_days=draft.duration_days,
        pay=_money(draft.pay),
        remote=draft.remote,
        location=draft.location or "",
        apply_by=to_timestamp(draft.apply_by),
        slots=draft.slots,
    )


def patch_message(patch: ListingPatchIn) -> listing_service_pb2.ListingPatch:
    """Only the fields the client sent; a null location clears it."""
    message = listing_service_pb2.ListingPatch()
    sent = patch.model_fields_set
    for name in _SCALARS:
        if name in sent:
            setattr(message, name, getattr(patch, name))
    if "location" in sent:
        message.location = patch.location or ""
    if patch.skills is not None:
        # Marked present even when empty: an empty list removes every skill.
        message.skills.SetInParent()
        message.skills.skills.extend(_skills(patch.skills))
    if patch.pay is not None:
        message.pay.CopyFrom(_money(patch.pay))
    if patch.apply_by is not None:
        message.apply_by.CopyFrom(to_timestamp(patch.apply_by))
    return message


def listing_reply(message: listing_pb2.Listing) -> Listing:
    return Listing(
        id=UUID(message.id),
        organization_id=UUID(message.organization_id),
        organization_name=message.organization_name,
        title=message.title,
        description=message.description,
        industry=message.industry,
        # Built without the request limits: the service's word on its own data stands.
        skills=[Skill.model_construct(name=s.name, required=s.required) for s in message.skills],
        estimated_hours=message.estimated_hours,
        duration_days=message.duration_days,
        pay=Pay.model_construct(
            amount_cents=message.pay.amount_cents, currency=message.pay.currency
        ),
        remote=message.remote,
        location=message.location or None,
        apply_by=from_timestamp(message.apply_by),
        slots=message.slots,
        slots_filled=message.slots_filled,
        status=_STATUS.get(message.status, "draft"),
        close_reason=_CLOSE_REASON.get(message.close_reason),
        created_at=from_timestamp(message.created_at),
        published_at=(
            from_timestamp(message.published_at) if message.HasField("published_at") else None
        ),
    )
