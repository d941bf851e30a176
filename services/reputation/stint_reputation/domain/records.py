"""The learner record: a Comprehensive Learner Record 2.0 style ``ClrCredential``
bundling a student's completion credentials (each as its signed JWT, enveloped) and
the academic credit institutions granted for them. Revoked credentials are left out;
the record is signed like every credential, and dated, so it says what held then."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stint_reputation.domain.documents import (
    OB_CONTEXT,
    VC_CONTEXT,
    Issuer,
    enveloped,
    rfc3339,
)
from stint_reputation.domain.institutions import Credit

__all__ = ["CLR_CONTEXT", "RecordedCredential", "RecordedCredit", "learner_record"]

CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


@dataclass(frozen=True)
class RecordedCredential:
    credential_id: str
    jwt: str
    achievement: Mapping[str, Any]
    """The credential's own ``credentialSubject.achievement``."""


@dataclass(frozen=True)
class RecordedCredit:
    credit: Credit
    institution_name: str
    credential_id: str | None
    """The credential of the credited engagement, when it was issued."""


def _credit(issuer: Issuer, recorded: RecordedCredit) -> dict[str, Any]:
    credit = recorded.credit
    entry: dict[str, Any] = {
        "id": f"urn:uuid:{credit.id}",
        "type": "AcademicCredit",
        "institution": {
            "id": f"urn:uuid:{credit.institution_id}",
            "type": ["Profile"],
            "name": recorded.institution_name,
        },
        "engagement": f"urn:uuid:{credit.engagement_id}",
        "creditsEarned": credit.credits,
        "term": credit.term,
        "awardedDate": rfc3339(credit.granted_at),
    }
    if recorded.credential_id:
        entry["credential"] = issuer.credential_url(recorded.credential_id)
    if credit.note:
        entry["note"] = credit.note
    return entry


def learner_record(
    issuer: Issuer,
    record_id: str,
    student_id: str,
    student_name: str,
    credentials: Sequence[RecordedCredential],
    credits: Sequence[RecordedCredit],
    now: datetime,
) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "id": f"urn:uuid:{student_id}",
        "type": ["ClrSubject"],
        "verifiableCredential": [enveloped(c.jwt) for c in credentials],
        "achievement": [dict(c.achievement) for c in credentials],
        "academicCredits": [_credit(issuer, c) for c in credits],
    }
    if student_name:
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": student_name,
            }
        ]
    return {
        "@context": [VC_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{record_id}",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer.profile,
        "name": f"Learner record of {student_name or 'a Stint student'}",
        "validFrom": rfc3339(now),
        "credentialSubject": subject,
    }
