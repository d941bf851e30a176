"""Registering the organization an employer posts listings for."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from stint.listing.v1 import listing_service_pb2
from stint_listing.domain.listing import Organization
from stint_runtime.contract import field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.text import nul_errors
from stint_runtime.vocabulary import normalise_industry

__all__ = ["new_organization"]

_LIMITS = field_limits(listing_service_pb2.CreateOrganizationRequest.DESCRIPTOR)
_NAME_LENGTH = _LIMITS["name"].bounds
_INDUSTRY_LENGTH = _LIMITS["industry"].bounds
_MAX_WEBSITE_LENGTH = _LIMITS["website"].max or 0


def new_organization(
    organization_id: UUID, *, name: str, industry: str, website: str, now: datetime
) -> Organization:
    errors: list[FieldError] = []
    name = " ".join(name.split())
    if not _NAME_LENGTH[0] <= len(name) <= _NAME_LENGTH[1]:
        errors.append(FieldError(("name",), f"must be 1 to {_NAME_LENGTH[1]} characters"))
    industry = normalise_industry(industry)
    if not _INDUSTRY_LENGTH[0] <= len(industry) <= _INDUSTRY_LENGTH[1]:
        errors.append(FieldError(("industry",), f"must be 1 to {_INDUSTRY_LENGTH[1]} characters"))
    website = website.strip()
    if website and (
        not website.startswith(("https://", "http://")) or len(website) > _MAX_WEBSITE_LENGTH
    ):
        errors.append(
            FieldError(("website",), f"an http(s) URL of at most {_MAX_WEBSITE_LENGTH} characters")
        )
    errors += nul_errors(("name",), name) + nul_errors(("industry",), industry)
    errors += nul_errors(("website",), website)
    if errors:
        raise InvalidArgument(errors)
    return Organization(
        id=organization_id, name=name, industry=industry, website=website, created_at=now
    )
