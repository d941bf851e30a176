"""Institutions and academic credit. An institution lists its e-mail domains; a
student who asks to link to it is linked at once when the e-mail they registered with
is at one of those domains (or a subdomain), and waits for the institution's approval
otherwise. An institution sees only its linked students, and grants credit for their
completed engagements."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from stint.reputation.v1 import reputation_service_pb2 as api
from stint_reputation.domain.projections import EngagementStatus, EngagementView
from stint_runtime.contract import field_limits
from stint_runtime.errors import Conflict, FieldError, InvalidArgument
from stint_runtime.text import length_errors

__all__ = [
    "Credit",
    "InstitutionLink",
    "InstitutionSettings",
    "LinkStatus",
    "approve",
    "domain_matches",
    "link_for",
    "normalise_domains",
    "require_creditable",
    "validate_credit",
]

_SETTINGS = field_limits(api.PutInstitutionSettingsRequest.DESCRIPTOR)
_CREDIT = field_limits(api.GrantCreditRequest.DESCRIPTOR)
MAX_DOMAINS = _SETTINGS["email_domains"].max or 0
MAX_DOMAIN = _SETTINGS["email_domains"].entry_max or 0
MAX_POLICY = _SETTINGS["credit_policy"].max or 0
MAX_CREDITS = _CREDIT["credits"].max or 0
MIN_TERM, MAX_TERM = _CREDIT["term"].bounds
MAX_NOTE = _CREDIT["note"].max or 0
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class LinkStatus(StrEnum):
    PENDING = "pending"
    LINKED = "linked"


@dataclass(frozen=True)
class InstitutionSettings:
    institution_id: str
    email_domains: tuple[str, ...]
    credit_policy: str


@dataclass(frozen=True)
class InstitutionLink:
    institution_id: str
    student_id: str
    status: LinkStatus
    requested_at: datetime
    linked_at: datetime | None = None
    display_name: str = ""


@dataclass(frozen=True)
class Credit:
    id: str
    institution_id: str
    student_id: str
    engagement_id: str
    credits: float
    term: str
    note: str
    granted_at: datetime


def normalise_domains(domains: Sequence[str], credit_policy: str) -> tuple[str, ...]:
    """Lower-case host names (each once), or InvalidArgument naming each bad one."""
    errors = length_errors(("credit_policy",), credit_policy, MAX_POLICY)
    if len(domains) > MAX_DOMAINS:
        errors.append(FieldError(("email_domains",), f"at most {MAX_DOMAINS} domains"))
    kept: list[str] = []
    for index, domain in enumerate(domains):
        name = domain.strip().lower().rstrip(".")
        labels = name.split(".")
        if len(name) > MAX_DOMAIN or len(labels) < 2 or not all(map(_LABEL.match, labels)):
            errors.append(FieldError(("email_domains", index), "must be a domain like uni.edu"))
        elif name not in kept:
            kept.append(name)
    if errors:
        raise InvalidArgument(errors)
    return tuple(kept)


def domain_matches(email_domain: str, domains: Sequence[str]) -> bool:
    """``cs.uni.edu`` matches ``uni.edu``; ``notuni.edu`` does not."""
    email_domain = email_domain.lower()
    return any(email_domain == d or email_domain.endswith(f".{d}") for d in domains)


def link_for(
    institution_id: str,
    student_id: str,
    email_domain: str | None,
    settings: InstitutionSettings | None,
    now: datetime,
) -> InstitutionLink:
    """A new link: linked at once when the student's e-mail domain is the
    institution's, pending its approval otherwise (or while the domain is unknown)."""
    domains = settings.email_domains if settings else ()
    if email_domain and domain_matches(email_domain, domains):
        return InstitutionLink(institution_id, student_id, LinkStatus.LINKED, now, now)
    return InstitutionLink(institution_id, student_id, LinkStatus.PENDING, now)


def approve(link: InstitutionLink, now: datetime) -> InstitutionLink:
    """Approving a linked student again changes nothing."""
    if link.status is LinkStatus.LINKED:
        return link
    return replace(link, status=LinkStatus.LINKED, linked_at=now)


def validate_credit(credits: float, term: str, note: str) -> None:
    errors: list[FieldError] = []
    if not math.isfinite(credits) or not 0 < credits <= MAX_CREDITS:
        errors.append(FieldError(("credits",), f"must be more than 0 and at most {MAX_CREDITS}"))
    if len(term.strip()) < MIN_TERM:
        errors.append(FieldError(("term",), "required: the term the credit counts for"))
    errors += length_errors(("term",), term.strip(), MAX_TERM)
    errors += length_errors(("note",), note, MAX_NOTE)
    if errors:
        raise InvalidArgument(errors)


def require_creditable(engagement: EngagementView) -> None:
    if engagement.status is not EngagementStatus.COMPLETED:
        raise Conflict("Credit is granted for completed engagements only.")
