"""Bodies of the Reputation and Institutions sections. The bounds are the contract's
(the requests' declared limits, which the reputation service enforces too); who may
review what, and when, is the service's word."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from stint.reputation.v1 import reputation_service_pb2 as api
from stint_gateway.schemas.bounds import count, text, within
from stint_runtime.contract import field_limits

_REVIEW = field_limits(api.SubmitReviewRequest.DESCRIPTOR)
_REVOKE = field_limits(api.RevokeCredentialRequest.DESCRIPTOR)
_SETTINGS = field_limits(api.PutInstitutionSettingsRequest.DESCRIPTOR)
_CREDIT = field_limits(api.GrantCreditRequest.DESCRIPTOR)

Side = Literal["student", "organization"]
LinkStatus = Literal["pending", "linked"]
EngagementStatus = Literal["active", "delivered", "completed", "cancelled"]
Skill = Annotated[str, StringConstraints(max_length=_REVIEW["endorsed_skills"].entry_max)]
Domain = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=_SETTINGS["email_domains"].entry_max)
]


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: Annotated[int, within(_REVIEW["rating"])]
    comment: Annotated[str, text(_REVIEW["comment"], strip=False)]
    endorsed_skills: list[Skill] = count(
        _REVIEW["endorsed_skills"],
        default_factory=list,
        description="The employer's only: skills of the engagement's listing.",
    )


class ReviewReceipt(BaseModel):
    id: UUID
    published: bool = Field(description="Always false: both sides' reviews publish at once.")


class Review(BaseModel):
    id: UUID
    engagement_id: UUID
    side: Side = Field(description="Who wrote it: the student or the organization.")
    author_id: UUID
    subject_id: UUID = Field(description="The student's account id, or the organization's id.")
    rating: int
    comment: str
    endorsed_skills: list[str]
    submitted_at: datetime
    published_at: datetime


class ReviewPage(BaseModel):
    items: list[Review]
    next_cursor: str | None = Field(description="Null on the last page.")


class Formula(BaseModel):
    id: str = Field(description="Versioned: a change of the formula is a new id.")
    text: str


class Term(BaseModel):
    name: str
    inputs: dict[str, float]
    weight: float
    contribution: float = Field(description="100 * weight * the term's value; they add up.")
    detail: str


class VerifiedSkill(BaseModel):
    name: str
    endorsements: int


class Reputation(BaseModel):
    user_id: UUID
    subject_id: UUID = Field(description="The student, or the employer's organization.")
    subject_kind: Literal["student", "organization"]
    score: float
    formula: Formula
    breakdown: list[Term]
    rating_avg: float = Field(description="Bayesian average: shrunk toward the prior.")
    review_count: int
    completed_engagements: int
    on_time_rate: float
    verified_skills: list[VerifiedSkill]
    response_rate: float | None = Field(
        default=None, description="Organizations: applications decided before their deadline."
    )
    median_decision_hours: float | None = None


class PortfolioEntry(BaseModel):
    engagement_id: UUID
    listing_title: str
    organization_name: str
    industry: str
    completed_at: datetime
    skills: list[str]
    rating: int | None = Field(default=None, description="Once the reviews are published.")
    credential_id: UUID | None = None


class Portfolio(BaseModel):
    entries: list[PortfolioEntry]


class SignedCredential(BaseModel):
    """A signed document as JSON: the credential, and the same credential as the compact
    JWT that secures it (also as a VC 2.0 EnvelopedVerifiableCredential)."""

    id: str
    credential: dict[str, Any]
    jwt: str
    enveloped: dict[str, Any]


class Credential(SignedCredential):
    student_id: UUID
    engagement_id: UUID
    organization_id: UUID
    issued_at: datetime
    revoked: bool
    revoked_at: datetime | None = None
    revoked_reason: str | None = Field(
        default=None, description="Shown to the student and the issuing organization only."
    )


class RevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, text(_REVOKE["reason"])]


class InstitutionSettingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email_domains: list[Domain] = count(_SETTINGS["email_domains"])
    credit_policy: Annotated[str, text(_SETTINGS["credit_policy"])] | None = None


class InstitutionSettings(BaseModel):
    institution_id: UUID
    email_domains: list[str]
    credit_policy: str


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    institution_id: Annotated[str, StringConstraints(max_length=100)]


class InstitutionLink(BaseModel):
    institution_id: UUID
    student_id: UUID
    display_name: str
    status: LinkStatus
    linked_at: datetime | None = None


class InstitutionLinkPage(BaseModel):
    items: list[InstitutionLink]
    next_cursor: str | None


class InstitutionEngagement(BaseModel):
    engagement_id: UUID
    student_id: UUID
    display_name: str
    listing_title: str
    organization_name: str
    industry: str
    status: EngagementStatus
    completed_at: datetime | None = None
    credential_id: UUID | None = None


class InstitutionEngagementPage(BaseModel):
    items: list[InstitutionEngagement]
    next_cursor: str | None


class CreditIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    credits: Annotated[
        float, Field(strict=True, gt=0, le=_CREDIT["credits"].max, allow_inf_nan=False)
    ]
    term: Annotated[str, text(_CREDIT["term"])]
    note: Annotated[str, text(_CREDIT["note"])] | None = None


class Credit(BaseModel):
    id: UUID
    institution_id: UUID
    student_id: UUID
    engagement_id: UUID
    credits: float
    term: str
    note: str | None = None
    granted_at: datetime


class CreditPage(BaseModel):
    items: list[Credit]
    next_cursor: str | None
