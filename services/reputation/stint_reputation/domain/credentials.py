"""Issued credentials and status lists as the service keeps them: the signed document
(its JSON text and JWT) with what is needed to find, revoke and check it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["StatusList", "StoredCredential"]


@dataclass(frozen=True)
class StatusList:
    id: str
    size: int
    multiplier: int
    shift: int
    allocated: int
    bits: bytes
    document: str
    jwt: str
    kid: str


@dataclass(frozen=True)
class StoredCredential:
    id: str
    engagement_id: str
    student_id: str
    organization_id: str
    status_list_id: str
    status_index: int
    kid: str
    document: str
    jwt: str
    issued_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None
    revoked_by: str | None = None
