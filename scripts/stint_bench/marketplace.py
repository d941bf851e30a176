"""What the gateway benchmark reads: an employer's published listings (one to read by
id, the rest to search) and a student who applied to some of them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

__all__ = ["Readable", "set_up"]

PASSWORD = "benchmark password"  # noqa: S105 - a throwaway platform


@dataclass(frozen=True)
class Readable:
    listing_id: str
    student_token: str


def _token(http: httpx.Client, role: str, **extra: object) -> str:
    email = f"bench-{role}-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": PASSWORD, "role": role, "display_name": "Bench"}
    http.post("/v1/auth/register", json={**body, **extra}).raise_for_status()
    reply = http.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
    reply.raise_for_status()
    return str(reply.json()["access_token"])


def set_up(base_url: str, listings: int = 30, applications: int = 10) -> Readable:
    with httpx.Client(base_url=base_url, timeout=10) as http:
        organization = {"name": "Bench Labs", "industry": "Software"}
        employer = {
            "Authorization": f"Bearer {_token(http, 'employer', organization=organization)}"
        }
        student = _token(http, "student")
        ids = []
        for n in range(listings):
            created = http.post(
                "/v1/listings",
                headers=employer,
                json={
                    "title": f"Benchmark the gateway, part {n + 1}",
                    "description": "Measure how fast listings are read through the gateway.",
                    "industry": "Software",
                    "skills": [{"name": "Python", "required": True}],
                    "estimated_hours": 10,
                    "duration_days": 7,
                    "pay": {"amount_cents": 50_000, "currency": "EUR"},
                    "remote": True,
                    "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
                },
            )
            created.raise_for_status()
            listing_id = str(created.json()["id"])
            http.post(f"/v1/listings/{listing_id}/publish", headers=employer).raise_for_status()
            ids.append(listing_id)
        mine = {"Authorization": f"Bearer {student}"}
        for listing_id in ids[:applications]:
            _apply(http, listing_id, mine)
    return Readable(ids[0], student)


def _apply(http: httpx.Client, listing_id: str, auth: dict[str, str]) -> None:
    body = {"cover_note": "I measure gateways for a living and would love this one."}
    deadline = time.monotonic() + 10
    while True:
        reply = http.post(f"/v1/listings/{listing_id}/applications", headers=auth, json=body)
        if reply.status_code == 201 or time.monotonic() > deadline:
            reply.raise_for_status()
            return
        time.sleep(0.1)
