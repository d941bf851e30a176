"""The public API as a client uses it: accounts signed up and signed in, listings
published, applications made, and the shape of every answer checked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from tests.waiting import eventually

PASSWORD = "correct horse battery"
PROBLEM = "application/problem+json"


def listing_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Build a churn dashboard",
        "description": "Turn our subscription data into a weekly churn dashboard.",
        "industry": "Software",
        "skills": [{"name": "Python", "required": True}, {"name": "SQL", "required": False}],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": {"amount_cents": 60_000, "currency": "EUR"},
        "remote": True,
        "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
    }
    body.update(changes)
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def sign_up(client: httpx.AsyncClient, role: str = "employer") -> tuple[dict[str, Any], str]:
    """A new account of ``role`` and its access token."""
    email = f"{role}-{uuid.uuid4().hex[:12]}@example.com"
    body: dict[str, Any] = {
        "email": email,
        "password": PASSWORD,
        "role": role,
        "display_name": f"A {role}",
    }
    if role == "employer":
        body["organization"] = {"name": f"Org {uuid.uuid4().hex[:6]}", "industry": "Software"}
    registered = await client.post("/v1/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    token = await client.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return registered.json(), token.json()["access_token"]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= problem.keys()
    return problem


def error_locs(problem: dict[str, Any]) -> list[list[str | int]]:
    return [error["loc"] for error in problem["errors"]]


async def consume_by_key(
    bootstrap: str, topic: str, key: str, event_type: str, timeout_s: float = 20.0
) -> Any:
    """The first message of ``event_type`` with ``key`` on ``topic``, from the start."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
    )
    await consumer.start()

    async def next_match() -> Any:
        batches = await consumer.getmany(timeout_ms=200)
        for messages in batches.values():
            for message in messages:
                headers = {k: v.decode() for k, v in message.headers}
                if message.key == key.encode() and headers["event_type"] == event_type:
                    return message
        return None

    try:
        return await eventually(next_match, f"{event_type} with key {key} on {topic}", timeout_s)
    finally:
        await consumer.stop()


@dataclass(frozen=True)
class Account:
    id: str
    token: str
    organization_id: str | None = None

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.token)


@dataclass(frozen=True)
class Api:
    http: httpx.AsyncClient

    async def sign_up(self, role: str) -> Account:
        account, token = await sign_up(self.http, role)
        return Account(account["id"], token, account.get("organization_id"))

    async def open_listing(self, owner: Account, **changes: Any) -> dict[str, Any]:
        created = await self.http.post(
            "/v1/listings", json=listing_body(**changes), headers=owner.auth
        )
        assert created.status_code == 201, created.text
        published = await self.http.post(
            f"/v1/listings/{created.json()['id']}/publish", headers=owner.auth
        )
        assert published.status_code == 200, published.text
        listing: dict[str, Any] = published.json()
        return listing

    async def apply(self, applicant: Account, listing_id: str, timeout_s: float = 15) -> str:
        """Apply; the first application to a just-published listing waits until the
        listing's event reached the application service (404 until then)."""

        async def applied() -> httpx.Response | None:
            reply = await self.http.post(
                f"/v1/listings/{listing_id}/applications",
                json={"cover_note": "I build dashboards in Python."},
                headers=applicant.auth,
            )
            return None if reply.status_code == 404 else reply

        reply = await eventually(
            applied, f"the application service to know {listing_id}", timeout_s
        )
        assert reply.status_code == 201, reply.text
        application_id: str = reply.json()["id"]
        return application_id

    async def call(
        self, method: str, path: str, who: Account | None, body: Any = None
    ) -> httpx.Response:
        headers = who.auth if who else {}
        return await self.http.request(method, path, json=body, headers=headers)


__all__ = [
    "PASSWORD",
    "PROBLEM",
    "Account",
    "Api",
    "assert_problem",
    "bearer",
    "consume_by_key",
    "error_locs",
    "listing_body",
    "sign_up",
]
