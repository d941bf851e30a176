"""Domain records ⇄ the stint.reputation.v1 protobuf contract."""

from __future__ import annotations

from stint.reputation.v1 import reputation_pb2 as pb
from stint_reputation.domain.credentials import StatusList, StoredCredential
from stint_reputation.domain.institutions import (
    Credit,
    InstitutionLink,
    InstitutionSettings,
    LinkStatus,
)
from stint_reputation.domain.portfolio import InstitutionEngagement, PortfolioEntry
from stint_reputation.domain.reviews import Review, Side
from stint_reputation.domain.scoring import Reputation
from stint_reputation.domain.signing import Signed
from stint_runtime.timestamps import to_timestamp

__all__ = [
    "SIDES",
    "credential_message",
    "credit_message",
    "institution_engagement_message",
    "link_message",
    "portfolio_entry_message",
    "reputation_message",
    "review_message",
    "settings_message",
    "signed_message",
    "status_list_message",
]

SIDES = {Side.STUDENT: pb.REVIEWER_SIDE_STUDENT, Side.ORGANIZATION: pb.REVIEWER_SIDE_ORGANIZATION}
LINK_STATUSES = {
    LinkStatus.PENDING: pb.LINK_STATUS_PENDING,
    LinkStatus.LINKED: pb.LINK_STATUS_LINKED,
}


def review_message(review: Review) -> pb.Review:
    return pb.Review(
        id=review.id,
        engagement_id=review.engagement_id,
        side=SIDES[review.side],
        author_id=review.author_id,
        subject_id=review.subject_id,
        rating=review.rating,
        comment=review.comment,
        endorsed_skills=list(review.endorsed_skills),
        submitted_at=to_timestamp(review.submitted_at),
        published_at=to_timestamp(review.published_at),
    )


def reputation_message(reputation: Reputation, user_id: str) -> pb.Reputation:
    message = pb.Reputation(
        user_id=user_id,
        score=reputation.score,
        formula=pb.Formula(id=reputation.formula.id, text=reputation.formula.text),
        breakdown=[
            pb.Term(
                name=t.name,
                inputs=dict(t.inputs),
                weight=t.weight,
                contribution=t.contribution,
                detail=t.detail,
            )
            for t in reputation.terms
        ],
        rating_avg=reputation.rating_avg,
        review_count=reputation.review_count,
        completed_engagements=reputation.completed_engagements,
        on_time_rate=reputation.on_time_rate,
        verified_skills=[
            pb.VerifiedSkill(name=s.name, endorsements=s.endorsements)
            for s in reputation.verified_skills
        ],
        subject_id=reputation.subject.id,
        subject_kind=reputation.subject.kind.value,
    )
    if reputation.response_rate is not None:
        message.response_rate = reputation.response_rate
    if reputation.median_decision_hours is not None:
        message.median_decision_hours = reputation.median_decision_hours
    return message


def portfolio_entry_message(entry: PortfolioEntry) -> pb.PortfolioEntry:
    message = pb.PortfolioEntry(
        engagement_id=entry.engagement_id,
        listing_title=entry.listing_title,
        organization_name=entry.organization_name,
        industry=entry.industry,
        completed_at=to_timestamp(entry.completed_at),
        skills=list(entry.skills),
        credential_id=entry.credential_id or "",
    )
    if entry.rating is not None:
        message.rating = entry.rating
    return message


def signed_message(document_id: str, signed: Signed) -> pb.SignedDocument:
    return pb.SignedDocument(id=document_id, json=signed.json, jwt=signed.jwt)


def settings_message(settings: InstitutionSettings) -> pb.InstitutionSettings:
    return pb.InstitutionSettings(
        institution_id=settings.institution_id,
        email_domains=list(settings.email_domains),
        credit_policy=settings.credit_policy,
    )


def link_message(link: InstitutionLink) -> pb.InstitutionLink:
    return pb.InstitutionLink(
        institution_id=link.institution_id,
        student_id=link.student_id,
        display_name=link.display_name,
        status=LINK_STATUSES[link.status],
        linked_at=to_timestamp(link.linked_at),
    )


def credit_message(credit: Credit) -> pb.Credit:
    return pb.Credit(
        id=credit.id,
        institution_id=credit.institution_id,
        student_id=credit.student_id,
        engagement_id=credit.engagement_id,
        credits=credit.credits,
        term=credit.term,
        note=credit.note,
        granted_at=to_timestamp(credit.granted_at),
    )


def institution_engagement_message(item: InstitutionEngagement) -> pb.InstitutionEngagement:
    return pb.InstitutionEngagement(
        engagement_id=item.engagement_id,
        student_id=item.student_id,
        display_name=item.display_name,
        listing_title=item.listing_title,
        organization_name=item.organization_name,
        industry=item.industry,
        status=item.status,
        completed_at=to_timestamp(item.completed_at),
        credential_id=item.credential_id or "",
    )


def credential_message(credential: StoredCredential) -> pb.Credential:
    return pb.Credential(
        document=pb.SignedDocument(id=credential.id, json=credential.document, jwt=credential.jwt),
        student_id=credential.student_id,
        engagement_id=credential.engagement_id,
        revoked=credential.revoked_at is not None,
        revoked_reason=credential.revoked_reason or "",
        organization_id=credential.organization_id,
        issued_at=to_timestamp(credential.issued_at),
        revoked_at=to_timestamp(credential.revoked_at),
    )


def status_list_message(status: StatusList) -> pb.SignedDocument:
    return pb.SignedDocument(id=status.id, json=status.document, jwt=status.jwt)
