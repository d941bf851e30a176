"""Who may see and do what. The role decides whether an action is possible at all
(403); a resource the caller is not a party to does not exist for them (404)."""

from __future__ import annotations

from typing import TypeVar

from stint_application.domain.applications import Application
from stint_application.domain.engagements import Engagement
from stint_runtime.errors import NotFound, PermissionDenied, Unauthenticated
from stint_runtime.identity import Caller, Role

__all__ = [
    "require_caller",
    "require_found",
    "require_owner",
    "require_party",
    "require_role",
    "require_student_of",
]


T = TypeVar("T")


def require_found(item: T | None, what: str) -> T:
    """``item``, when the store found one; NotFound (``"{what} not found."``) otherwise."""
    if item is None:
        raise NotFound(f"{what} not found.")
    return item


def require_caller(caller: Caller | None) -> Caller:
    if caller is None:
        raise Unauthenticated("Sign in to use applications and engagements.")
    return caller


def require_role(caller: Caller | None, roles: tuple[Role, ...], action: str) -> Caller:
    """The caller, when their role may ``action``; PermissionDenied otherwise."""
    known = require_caller(caller)
    if known.role not in roles:
        allowed = " or ".join(f"{r}s" for r in roles)
        raise PermissionDenied(f"Only {allowed} can {action}.")
    return known


def is_owner(caller: Caller, organization_id: str) -> bool:
    return bool(caller.organization_id) and caller.organization_id == organization_id


def require_owner(caller: Caller, organization_id: str, what: str) -> None:
    """Only the owning organization acts on a listing's applications and engagements."""
    if not is_owner(caller, organization_id):
        raise NotFound(f"{what} not found.")


def require_student_of(caller: Caller, item: Application | Engagement, what: str) -> None:
    if caller.account_id != item.student_id:
        raise NotFound(f"{what} not found.")


def require_party(caller: Caller, item: Application | Engagement, what: str) -> None:
    """The student it concerns or the listing's owner organization; nobody else."""
    if caller.account_id != item.student_id and not is_owner(caller, item.organization_id):
        raise NotFound(f"{what} not found.")
