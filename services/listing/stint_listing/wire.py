"""Listing domain records ⇄ the stint.listing.v1 protobuf contract."""

from __future__ import annotations

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_listing.domain.listing import (
    CloseReason,
    Listing,
    ListingStatus,
    ListingTerms,
    Money,
    Organization,
    SkillRequirement,
)
from stint_listing.domain.terms import ListingPatch
from stint_runtime.errors import InvalidArgument
from stint_runtime.timestamps import from_timestamp, to_timestamp

__all__ = [
    "close_reason_from_message",
    "close_reason_message",
    "listing_message",
    "organization_message",
    "patch_from_message",
    "terms_from_draft",
]

_STATUS = {
    ListingStatus.DRAFT: listing_pb2.LISTING_STATUS_DRAFT,
    ListingStatus.OPEN: listing_pb2.LISTING_STATUS_OPEN,
    ListingStatus.CLOSED: listing_pb2.LISTING_STATUS_CLOSED,
}
_CLOSE_REASON = {
    CloseReason.WITHDRAWN: listing_pb2.CLOSE_REASON_WITHDRAWN,
    CloseReason.FILLED: listing_pb2.CLOSE_REASON_FILLED,
    CloseReason.DEADLINE: listing_pb2.CLOSE_REASON_DEADLINE,
}
_CLOSE_REASON_FROM = {number: reason for reason, number in _CLOSE_REASON.items()}


def close_reason_message(reason: CloseReason | None) -> listing_pb2.CloseReason.ValueType:
    return _CLOSE_REASON[reason] if reason else listing_pb2.CLOSE_REASON_UNSPECIFIED


def close_reason_from_message(reason: listing_pb2.CloseReason.ValueType) -> CloseReason | None:
    """None for UNSPECIFIED; InvalidArgument for a number this version does not know."""
    if reason == listing_pb2.CLOSE_REASON_UNSPECIFIED:
        return None
    if reason not in _CLOSE_REASON_FROM:
        raise InvalidArgument.one("reason", f"unknown close reason {reason}")
    return _CLOSE_REASON_FROM[reason]


def listing_message(listing: Listing) -> listing_pb2.Listing:
    terms = listing.terms
    return listing_pb2.Listing(
        id=str(listing.id),
        organization_id=str(listing.organization_id),
        organization_name=listing.organization_name,
        title=terms.title,
        description=terms.description,
        industry=terms.industry,
        skills=[
            listing_pb2.SkillRequirement(name=s.name, required=s.required) for s in terms.skills
        ],
        estimated_hours=terms.estimated_hours,
        duration_days=terms.duration_days,
        pay=common_pb2.Money(amount_cents=terms.pay.amount_cents, currency=terms.pay.currency),
        remote=terms.remote,
        location=terms.location,
        apply_by=to_timestamp(terms.apply_by),
        slots=terms.slots,
        slots_filled=listing.slots_filled,
        status=_STATUS[listing.status],
        close_reason=close_reason_message(listing.close_reason),
        created_at=to_timestamp(listing.created_at),
        published_at=to_timestamp(listing.published_at),
        closed_at=to_timestamp(listing.closed_at),
        updated_at=to_timestamp(listing.updated_at),
        version=listing.version,
    )


def organization_message(organization: Organization) -> listing_pb2.Organization:
    return listing_pb2.Organization(
        id=str(organization.id),
        name=organization.name,
        industry=organization.industry,
        website=organization.website,
        created_at=to_timestamp(organization.created_at),
    )


def _skills(skills: list[listing_pb2.SkillRequirement]) -> tuple[SkillRequirement, ...]:
    return tuple(SkillRequirement(name=s.name, required=s.required) for s in skills)


def terms_from_draft(draft: listing_service_pb2.ListingDraft) -> ListingTerms:
    """The terms as written, not yet validated. An absent apply_by is refused here:
    there is no sensible value to validate in its place."""
    if not draft.HasField("apply_by"):
        raise InvalidArgument.one("apply_by", "required")
    return ListingTerms(
        title=draft.title,
        description=draft.description,
        industry=draft.industry,
        skills=_skills(list(draft.skills)),
        estimated_hours=draft.estimated_hours,
        duration_days=draft.duration_days,
        pay=Money(draft.pay.amount_cents, draft.pay.currency),
        remote=draft.remote,
        location=draft.location,
        apply_by=from_timestamp(draft.apply_by),
        slots=draft.slots or 1,
    )


def patch_from_message(patch: listing_service_pb2.ListingPatch) -> ListingPatch:
    """Only the fields set in the message; a set ``skills`` replaces the whole list."""
    return ListingPatch(
        title=patch.title if patch.HasField("title") else None,
        description=patch.description if patch.HasField("description") else None,
        industry=patch.industry if patch.HasField("industry") else None,
        skills=_skills(list(patch.skills.skills)) if patch.HasField("skills") else None,
        estimated_hours=patch.estimated_hours if patch.HasField("estimated_hours") else None,
        duration_days=patch.duration_days if patch.HasField("duration_days") else None,
        pay=Money(patch.pay.amount_cents, patch.pay.currency) if patch.HasField("pay") else None,
        remote=patch.remote if patch.HasField("remote") else None,
        location=patch.location if patch.HasField("location") else None,
        apply_by=from_timestamp(patch.apply_by) if patch.HasField("apply_by") else None,
        slots=patch.slots if patch.HasField("slots") else None,
    )
