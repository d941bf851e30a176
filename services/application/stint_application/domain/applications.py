"""The application and its status machine.

    submitted ──► shortlisted ──► hired | rejected
        │              │
        ├──────────────┴──► hired | rejected   (the owner decides)
        ├──────────────┴──► withdrawn          (the student)
        └──────────────┴──► closed             (the platform, with a close reason)

Every transition returns a new application; an illegal one raises ``Conflict`` with a
sentence that says what is wrong, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from stint_runtime.errors import Conflict

__all__ = [
    "OPEN_STATUSES",
    "Application",
    "ApplicationStatus",
    "CloseReason",
    "RejectReason",
    "close",
    "hire",
    "reject",
    "shortlist",
    "withdraw",
]


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class RejectReason(StrEnum):
    SKILLS_MISMATCH = "skills_mismatch"
    AVAILABILITY = "availability"
    POSITION_FILLED = "position_filled"
    OTHER = "other"


class CloseReason(StrEnum):
    """Why the platform closed an application nobody decided on."""

    POSITION_FILLED = "position_filled"
    LISTING_CLOSED = "listing_closed"
    NO_DECISION = "no_decision"


OPEN_STATUSES = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED})
"""Still waiting for a decision; every other status is terminal."""


@dataclass(frozen=True)
class Application:
    id: str
    listing_id: str
    student_id: str
    organization_id: str
    """The listing owner's organization when the student applied."""
    status: ApplicationStatus
    cover_note: str
    decision_due_at: datetime
    """When the platform closes it with ``no_decision`` if nobody decided."""
    created_at: datetime
    updated_at: datetime
    answers: Mapping[str, str] = field(default_factory=dict)
    reject_reason: RejectReason | None = None
    reject_note: str = ""
    close_reason: CloseReason | None = None
    decided_at: datetime | None = None
    engagement_id: str | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _describe(app: Application) -> str:
    if app.status is ApplicationStatus.CLOSED and app.close_reason is not None:
        return f"closed ({app.close_reason.value})"
    return app.status.value


def _require_open(app: Application, action: str) -> None:
    if not app.is_open:
        raise Conflict(
            f"Cannot {action}: the application is already {_describe(app)}; only a "
            "submitted or shortlisted application can change."
        )


def _decided(
    app: Application, status: ApplicationStatus, now: datetime, action: str
) -> Application:
    """``app`` decided at ``now``: it leaves the open statuses for ``status``, for good."""
    _require_open(app, action)
    return replace(app, status=status, updated_at=now, decided_at=now, version=app.version + 1)


def withdraw(app: Application, now: datetime) -> Application:
    return _decided(app, ApplicationStatus.WITHDRAWN, now, "withdraw this application")


def shortlist(app: Application, now: datetime) -> Application:
    _require_open(app, "shortlist this application")
    if app.status is ApplicationStatus.SHORTLISTED:
        raise Conflict("This application is already shortlisted.")
    return replace(
        app, status=ApplicationStatus.SHORTLISTED, updated_at=now, version=app.version + 1
    )


def reject(app: Application, reason: RejectReason, note: str, now: datetime) -> Application:
    rejected = _decided(app, ApplicationStatus.REJECTED, now, "reject this application")
    return replace(rejected, reject_reason=reason, reject_note=note)


def hire(app: Application, engagement_id: str, now: datetime) -> Application:
    hired = _decided(app, ApplicationStatus.HIRED, now, "hire this applicant")
    return replace(hired, engagement_id=engagement_id)


def close(app: Application, reason: CloseReason, now: datetime) -> Application:
    closed = _decided(app, ApplicationStatus.CLOSED, now, "close this application")
    return replace(closed, close_reason=reason)
