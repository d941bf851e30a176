"""Who may see and change an application or an engagement, beyond the role the
contract declares for each call: only its parties, the student it concerns and the
listing's owner organization. For anyone else it does not exist (404)."""

from __future__ import annotations

from typing import TypeVar

from stint_application.domain.applications import Application
from stint_application.domain.engagements import Engagement
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller

__all__ = ["require_found", "require_owner", "require_party", "require_student_of"]

T = TypeVar("T")


def require_found(item: T | None, what: str) -> T:
    """``item``, when the store found one; NotFound (``"No such {what}."``) otherwise."""
    if item is None:
        raise NotFound(f"No such {what}.")
    return item


def is_owner(caller: Caller, organization_id: str) -> bool:
    return bool(caller.organization_id) and caller.organization_id == organization_id


def require_owner(caller: Caller, organization_id: str, what: str) -> None:
    """Only the owning organization acts on a listing's applications and engagements."""
    if not is_owner(caller, organization_id):
        raise NotFound(f"No such {what}.")


def require_student_of(caller: Caller, item: Application | Engagement, what: str) -> None:
    if caller.account_id != item.student_id:
        raise NotFound(f"No such {what}.")


def require_party(caller: Caller, item: Application | Engagement, what: str) -> None:
    """The student it concerns or the listing's owner organization; nobody else."""
    if caller.account_id != item.student_id and not is_owner(caller, item.organization_id):
        raise NotFound(f"No such {what}.")
