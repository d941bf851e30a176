"""Whose reputation a user id names. A student's is their own; an employer's is its
organization's (every employer of one organization shares it), so that
``/v1/users/{employer}/...`` answers for the organization. Institutions are not
reviewed and have none."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stint_reputation.domain.projections import AccountView
from stint_runtime.errors import NotFound

__all__ = ["Subject", "SubjectKind", "subject_of"]


class SubjectKind(StrEnum):
    STUDENT = "student"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class Subject:
    id: str
    """The student's account id, or the organization's id."""
    kind: SubjectKind


def subject_of(user_id: str, account: AccountView | None, organization_known: bool) -> Subject:
    """The subject ``user_id`` names: an account (a student, or an employer's
    organization) or, for links from reviews, an organization id itself."""
    if account is not None:
        if account.role == "student":
            return Subject(account.id, SubjectKind.STUDENT)
        if account.role == "employer" and account.organization_id:
            return Subject(account.organization_id, SubjectKind.ORGANIZATION)
        raise NotFound("No such user.")
    if organization_known:
        return Subject(user_id, SubjectKind.ORGANIZATION)
    raise NotFound("No such user.")
