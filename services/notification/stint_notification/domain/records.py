"""The records notifying works with: what a rule wants said to whom (``Message``),
what was said (``Notification``), and what the service knows of the world from events
(the projections)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "AccountView",
    "ApplicationView",
    "Audience",
    "EmailDelivery",
    "EngagementView",
    "ListingView",
    "Message",
    "Notification",
    "Text",
    "WebhookAttempt",
    "WebhookDelivery",
    "render",
]

Text = tuple[str | datetime, ...]
"""Words and moments: a moment is written in the reader's own time zone when the
message is made for them (``render``)."""


def render(text: Text, moment: object) -> str:
    """``text`` with each moment written by ``moment`` (a ``datetime -> str``)."""
    writer = moment if callable(moment) else str
    return "".join(part if isinstance(part, str) else str(writer(part)) for part in text)


@dataclass(frozen=True)
class Audience:
    """Whom a message is for: one account, or every account of an organization (the
    employer side of a listing, an application, an engagement)."""

    account_id: str | None = None
    organization_id: str | None = None

    def __post_init__(self) -> None:
        if (self.account_id is None) == (self.organization_id is None):
            raise ValueError("an audience is one account or one organization")

    @classmethod
    def account(cls, account_id: str) -> Audience:
        return cls(account_id=account_id)

    @classmethod
    def organization(cls, organization_id: str) -> Audience:
        return cls(organization_id=organization_id)


@dataclass(frozen=True)
class Message:
    """One readable message a rule wants to send, before it is made for each reader."""

    key: str
    """Stable for what caused it (an event id, a match id, a reminder id): with the
    recipient it names the one notification it may ever become."""
    audience: Audience
    type: str
    title: Text
    body: Text
    data: Mapping[str, str] = field(default_factory=dict)
    """Ids of what it is about, and ``link``: the path of the page to open."""


@dataclass(frozen=True)
class Notification:
    id: str
    recipient_id: str
    sequence: int
    type: str
    title: str
    body: str
    data: Mapping[str, str]
    created_at: datetime
    read_at: datetime | None = None
    in_app: bool = True


@dataclass(frozen=True)
class AccountView:
    account_id: str
    email: str
    role: str
    display_name: str
    organization_id: str | None = None


@dataclass(frozen=True)
class ListingView:
    listing_id: str
    organization_id: str
    organization_name: str
    title: str
    status: str
    """``draft``, ``open`` or ``closed``."""
    apply_by: datetime
    version: int


@dataclass(frozen=True)
class ApplicationView:
    application_id: str
    listing_id: str
    student_id: str
    organization_id: str
    status: str
    """``submitted``, ``shortlisted``, ``hired``, ``rejected``, ``withdrawn``, ``closed``."""
    decision_due_at: datetime
    version: int

    @property
    def undecided(self) -> bool:
        return self.status in ("submitted", "shortlisted")


@dataclass(frozen=True)
class EngagementView:
    engagement_id: str
    listing_id: str
    student_id: str
    organization_id: str
    status: str
    """``active``, ``delivered``, ``completed``, ``cancelled``."""
    started_at: datetime
    due_at: datetime
    version: int


@dataclass(frozen=True)
class EmailDelivery:
    """One e-mail, rendered and recorded before its first attempt."""

    id: str
    recipient_id: str
    type: str
    message_id: str
    subject: str
    text: str
    html: str
    attempts: int = 0
    """Attempts made before this one."""
    in_doubt: bool = False
    """A replica died while sending it: it may have arrived (same Message-ID again)."""
    notification_id: str | None = None
    digest_id: str | None = None


@dataclass(frozen=True)
class WebhookDelivery:
    """One notification for one endpoint; every attempt sends the same body."""

    id: str
    endpoint_id: str
    account_id: str
    notification_id: str
    payload: str
    attempts: int = 0


@dataclass(frozen=True)
class WebhookAttempt:
    """One line of the delivery log."""

    id: str
    notification_id: str
    url: str
    attempt: int
    attempted_at: datetime
    status_code: int | None = None
    error: str = ""
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
