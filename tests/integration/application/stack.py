"""The platform's path through the gateway for the end-to-end tests: the listing
service and the gateway started in this process next to the application service, and
a client that signs accounts up and calls the public API as them."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import uvicorn

from stint_gateway.app import create_app
from stint_gateway.settings import GatewaySettings

PASSWORD = "correct horse battery"
JWT_SECRET = "integration-test-jwt-secret-of-enough-length"


async def serve(app: Any) -> tuple[uvicorn.Server, asyncio.Task[None], int]:
    """``app`` under uvicorn on a free 127.0.0.1 port, once it accepts connections."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 30
    while not server.started:
        if task.done():
            task.result()
            raise AssertionError("the gateway stopped during start-up")
        if time.monotonic() > deadline:
            raise AssertionError("the gateway did not start within 30s")
        await asyncio.sleep(0.02)
    return server, task, server.servers[0].sockets[0].getsockname()[1]


def gateway_app(base: dict[str, Any], listing_port: int, application_port: int) -> Any:
    settings = GatewaySettings(
        **{
            **base,
            "listing_addr": f"127.0.0.1:{listing_port}",
            "application_addr": f"127.0.0.1:{application_port}",
            "jwt_secret": JWT_SECRET,
            "http_port": 0,
        }
    )
    return create_app(settings, own_logging=False)


@dataclass(frozen=True)
class Account:
    id: str
    token: str
    organization_id: str | None = None

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def listing_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Build a churn dashboard",
        "description": "Turn our subscription data into a weekly churn dashboard.",
        "industry": "Software",
        "skills": [{"name": "Python", "required": True}],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": {"amount_cents": 60_000, "currency": "EUR"},
        "remote": True,
        "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
    }
    body.update(changes)
    return body


@dataclass(frozen=True)
class Api:
    http: httpx.AsyncClient

    async def sign_up(self, role: str) -> Account:
        email = f"{role}-{uuid.uuid4().hex[:12]}@example.com"
        body: dict[str, Any] = {
            "email": email,
            "password": PASSWORD,
            "role": role,
            "display_name": f"A {role}",
        }
        if role == "employer":
            body["organization"] = {"name": f"Org {uuid.uuid4().hex[:6]}", "industry": "Software"}
        registered = await self.http.post("/v1/auth/register", json=body)
        assert registered.status_code == 201, registered.text
        token = await self.http.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
        assert token.status_code == 200, token.text
        account = registered.json()
        return Account(account["id"], token.json()["access_token"], account.get("organization_id"))

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
        deadline = time.monotonic() + timeout_s
        while True:
            reply = await self.http.post(
                f"/v1/listings/{listing_id}/applications",
                json={"cover_note": "I build dashboards in Python."},
                headers=applicant.auth,
            )
            if reply.status_code != 404 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        assert reply.status_code == 201, reply.text
        application_id: str = reply.json()["id"]
        return application_id

    async def call(
        self, method: str, path: str, who: Account | None, body: Any = None
    ) -> httpx.Response:
        headers = who.auth if who else {}
        return await self.http.request(method, path, json=body, headers=headers)
