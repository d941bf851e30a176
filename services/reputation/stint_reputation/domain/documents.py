"""The credentials the service signs, as W3C Verifiable Credentials Data Model 2.0
documents: the completion credential (an Open Badges 3.0 ``OpenBadgeCredential``) and
the Bitstring Status List credential its ``credentialStatus`` points to.

Terms outside the two contexts (``estimatedHours``) fall under the VC 2.0 context's
``@vocab``, which is how VC 2.0 lets an issuer add its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from stint_reputation.domain.bitstring import encode_list

__all__ = [
    "OB_CONTEXT",
    "VC_CONTEXT",
    "Completion",
    "Issuer",
    "StatusEntry",
    "completion_credential",
    "enveloped",
    "rfc3339",
    "status_list_credential",
]

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
STATUS_PURPOSE = "revocation"


def rfc3339(moment: datetime) -> str:
    """Second precision, UTC, ``Z``: the form VC validators expect of dateTimeStamp."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Issuer:
    """Who signs, and where its documents live (the gateway's public address)."""

    base_url: str
    name: str

    @property
    def profile(self) -> dict[str, Any]:
        return {"id": self.base_url, "type": ["Profile"], "name": self.name, "url": self.base_url}

    def credential_url(self, credential_id: str) -> str:
        return f"{self.base_url}/v1/credentials/{credential_id}"

    def status_list_url(self, list_id: str) -> str:
        return f"{self.base_url}/v1/credentials/status/{list_id}"

    def listing_url(self, listing_id: str) -> str:
        return f"{self.base_url}/v1/listings/{listing_id}"

    def user_url(self, user_id: str) -> str:
        return f"{self.base_url}/v1/users/{user_id}"

    @property
    def keys_url(self) -> str:
        return f"{self.base_url}/.well-known/jwks.json"


@dataclass(frozen=True)
class Completion:
    """What a completion credential says: the work, for whom, for which organization."""

    credential_id: str
    engagement_id: str
    student_id: str
    student_name: str
    """Empty when the service has not learnt the student's name (yet)."""
    listing_id: str
    title: str
    description: str
    industry: str
    skills: tuple[str, ...]
    estimated_hours: int
    organization_id: str
    organization_name: str
    started_at: datetime
    completed_at: datetime


@dataclass(frozen=True)
class StatusEntry:
    list_id: str
    index: int


def _subject(completion: Completion, issuer: Issuer) -> dict[str, Any]:
    organization = {
        "id": f"urn:uuid:{completion.organization_id}",
        "type": ["Profile"],
        "name": completion.organization_name,
    }
    criteria = (
        f"Completed the paid project “{completion.title}” for {completion.organization_name}"
        f" ({completion.estimated_hours} estimated hours): the work was delivered and the "
        f"organization accepted it on {rfc3339(completion.completed_at)[:10]}."
    )
    achievement: dict[str, Any] = {
        "id": issuer.listing_url(completion.listing_id),
        "type": ["Achievement"],
        "achievementType": "Assignment",
        "name": completion.title,
        "description": completion.description or completion.title,
        "criteria": {"narrative": criteria},
        "creator": organization,
        "fieldOfStudy": completion.industry,
        "tag": list(completion.skills),
        "estimatedHours": completion.estimated_hours,
    }
    subject: dict[str, Any] = {
        "id": f"urn:uuid:{completion.student_id}",
        "type": ["AchievementSubject"],
        "activityStartDate": rfc3339(completion.started_at),
        "activityEndDate": rfc3339(completion.completed_at),
        "achievement": achievement,
    }
    if completion.student_name:
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": completion.student_name,
            }
        ]
    return subject


def completion_credential(
    issuer: Issuer, completion: Completion, status: StatusEntry, issued_at: datetime
) -> dict[str, Any]:
    list_url = issuer.status_list_url(status.list_id)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer.credential_url(completion.credential_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer.profile,
        "name": f"Completed: {completion.title}",
        "validFrom": rfc3339(issued_at),
        "awardedDate": rfc3339(issued_at),
        "credentialSubject": _subject(completion, issuer),
        "credentialStatus": {
            "id": f"{list_url}#{status.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(status.index),
            "statusListCredential": list_url,
        },
    }


def status_list_credential(
    issuer: Issuer, list_id: str, bits: bytes, valid_from: datetime
) -> dict[str, Any]:
    url = issuer.status_list_url(list_id)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.profile,
        "validFrom": rfc3339(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_list(bits),
        },
    }


def enveloped(jwt: str) -> dict[str, Any]:
    """A JWT-secured credential inside another document (VC-JOSE-COSE's
    EnvelopedVerifiableCredential)."""
    return {
        "@context": VC_CONTEXT,
        "id": f"data:application/vc+jwt,{jwt}",
        "type": "EnvelopedVerifiableCredential",
    }
