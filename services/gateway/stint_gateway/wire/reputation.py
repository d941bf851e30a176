"""Reviews, reputations, credentials and institutions between the public JSON and the
reputation service's protobuf messages."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from google.protobuf.message import Message

from stint.reputation.v1 import reputation_pb2 as pb
from stint.reputation.v1 import reputation_service_pb2 as api
from stint_gateway.schemas.reputation import (
    Credential,
    Credit,
    CreditPage,
    Formula,
    InstitutionEngagement,
    InstitutionEngagementPage,
    InstitutionLink,
    InstitutionLinkPage,
    InstitutionSettings,
    Portfolio,
    PortfolioEntry,
    Reputation,
    Review,
    ReviewIn,
    ReviewPage,
    SignedCredential,
    Term,
    VerifiedSkill,
)
from stint_runtime.timestamps import from_timestamp

__all__ = [
    "credential_reply",
    "credit_page_reply",
    "credit_reply",
    "engagement_item_reply",
    "engagement_page_reply",
    "link_page_reply",
    "link_reply",
    "portfolio_reply",
    "reputation_reply",
    "review_message",
    "review_page_reply",
    "review_reply",
    "settings_reply",
    "signed_reply",
]

_SIDES = {pb.REVIEWER_SIDE_STUDENT: "student", pb.REVIEWER_SIDE_ORGANIZATION: "organization"}
_LINKS = {pb.LINK_STATUS_PENDING: "pending", pb.LINK_STATUS_LINKED: "linked"}


def _at_if_set(message: Message, field: str) -> datetime | None:
    return from_timestamp(getattr(message, field)) if message.HasField(field) else None


def _uuid_if_set(value: str) -> UUID | None:
    return UUID(value) if value else None


def review_message(engagement_id: str, body: ReviewIn) -> api.SubmitReviewRequest:
    return api.SubmitReviewRequest(
        engagement_id=engagement_id,
        rating=body.rating,
        comment=body.comment,
        endorsed_skills=body.endorsed_skills,
    )


def review_reply(m: pb.Review) -> Review:
    return Review(
        id=UUID(m.id),
        engagement_id=UUID(m.engagement_id),
        side=_SIDES[m.side],  # type: ignore[arg-type]
        author_id=UUID(m.author_id),
        subject_id=UUID(m.subject_id),
        rating=m.rating,
        comment=m.comment,
        endorsed_skills=list(m.endorsed_skills),
        submitted_at=from_timestamp(m.submitted_at),
        published_at=from_timestamp(m.published_at),
    )


def reputation_reply(m: pb.Reputation) -> Reputation:
    return Reputation(
        user_id=UUID(m.user_id),
        subject_id=UUID(m.subject_id),
        subject_kind=m.subject_kind,  # type: ignore[arg-type]
        score=m.score,
        formula=Formula(id=m.formula.id, text=m.formula.text),
        breakdown=[
            Term(
                name=t.name,
                inputs=dict(t.inputs),
                weight=t.weight,
                contribution=t.contribution,
                detail=t.detail,
            )
            for t in m.breakdown
        ],
        rating_avg=m.rating_avg,
        review_count=m.review_count,
        completed_engagements=m.completed_engagements,
        on_time_rate=m.on_time_rate,
        verified_skills=[
            VerifiedSkill(name=s.name, endorsements=s.endorsements) for s in m.verified_skills
        ],
        response_rate=m.response_rate if m.HasField("response_rate") else None,
        median_decision_hours=(
            m.median_decision_hours if m.HasField("median_decision_hours") else None
        ),
    )


def portfolio_reply(m: api.Portfolio) -> Portfolio:
    return Portfolio(
        entries=[
            PortfolioEntry(
                engagement_id=UUID(e.engagement_id),
                listing_title=e.listing_title,
                organization_name=e.organization_name,
                industry=e.industry,
                completed_at=from_timestamp(e.completed_at),
                skills=list(e.skills),
                rating=e.rating if e.HasField("rating") else None,
                credential_id=_uuid_if_set(e.credential_id),
            )
            for e in m.entries
        ]
    )


def _enveloped(jwt: str) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:application/vc+jwt,{jwt}",
        "type": "EnvelopedVerifiableCredential",
    }


def signed_reply(m: pb.SignedDocument) -> SignedCredential:
    return SignedCredential(
        id=m.id, credential=json.loads(m.json), jwt=m.jwt, enveloped=_enveloped(m.jwt)
    )


def credential_reply(m: pb.Credential) -> Credential:
    document = m.document
    return Credential(
        id=document.id,
        credential=json.loads(document.json),
        jwt=document.jwt,
        enveloped=_enveloped(document.jwt),
        student_id=UUID(m.student_id),
        engagement_id=UUID(m.engagement_id),
        organization_id=UUID(m.organization_id),
        issued_at=from_timestamp(m.issued_at),
        revoked=m.revoked,
        revoked_at=_at_if_set(m, "revoked_at"),
        revoked_reason=m.revoked_reason or None,
    )


def settings_reply(m: pb.InstitutionSettings) -> InstitutionSettings:
    return InstitutionSettings(
        institution_id=UUID(m.institution_id),
        email_domains=list(m.email_domains),
        credit_policy=m.credit_policy,
    )


def link_reply(m: pb.InstitutionLink) -> InstitutionLink:
    return InstitutionLink(
        institution_id=UUID(m.institution_id),
        student_id=UUID(m.student_id),
        display_name=m.display_name,
        status=_LINKS[m.status],  # type: ignore[arg-type]
        linked_at=_at_if_set(m, "linked_at"),
    )


def engagement_item_reply(m: pb.InstitutionEngagement) -> InstitutionEngagement:
    return InstitutionEngagement(
        engagement_id=UUID(m.engagement_id),
        student_id=UUID(m.student_id),
        display_name=m.display_name,
        listing_title=m.listing_title,
        organization_name=m.organization_name,
        industry=m.industry,
        status=m.status,  # type: ignore[arg-type]
        completed_at=_at_if_set(m, "completed_at"),
        credential_id=_uuid_if_set(m.credential_id),
    )


def credit_reply(m: pb.Credit) -> Credit:
    return Credit(
        id=UUID(m.id),
        institution_id=UUID(m.institution_id),
        student_id=UUID(m.student_id),
        engagement_id=UUID(m.engagement_id),
        credits=m.credits,
        term=m.term,
        note=m.note or None,
        granted_at=from_timestamp(m.granted_at),
    )


def review_page_reply(m: api.ReviewPage) -> ReviewPage:
    return ReviewPage(items=[review_reply(r) for r in m.reviews], next_cursor=m.next_cursor or None)


def link_page_reply(m: api.InstitutionLinkPage) -> InstitutionLinkPage:
    return InstitutionLinkPage(
        items=[link_reply(k) for k in m.links], next_cursor=m.next_cursor or None
    )


def engagement_page_reply(m: api.InstitutionEngagementPage) -> InstitutionEngagementPage:
    return InstitutionEngagementPage(
        items=[engagement_item_reply(e) for e in m.engagements], next_cursor=m.next_cursor or None
    )


def credit_page_reply(m: api.CreditPage) -> CreditPage:
    return CreditPage(items=[credit_reply(c) for c in m.credits], next_cursor=m.next_cursor or None)
