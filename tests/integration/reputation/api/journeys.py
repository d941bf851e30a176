"""The public API as its users walk it: sign up (with the e-mail a test chooses),
post a listing, apply, hire, deliver, complete, and wait until the reputation service
has the completed engagement (its portfolio entry, with the credential)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from tests.integration.gateway.api import PASSWORD, Account, Api
from tests.waiting import eventually


@dataclass(frozen=True)
class Completed:
    owner: Account
    student: Account
    listing: dict[str, Any]
    engagement_id: str
    credential_id: str


@dataclass(frozen=True)
class Journeys:
    http: httpx.AsyncClient

    @property
    def api(self) -> Api:
        return Api(self.http)

    async def sign_up(self, role: str, email: str = "", name: str = "") -> Account:
        email = email or f"{role}-{uuid.uuid4().hex[:12]}@example.com"
        body: dict[str, Any] = {
            "email": email,
            "password": PASSWORD,
            "role": role,
            "display_name": name or f"A {role}",
        }
        if role == "employer":
            body["organization"] = {"name": f"Org {uuid.uuid4().hex[:6]}", "industry": "Software"}
        registered = await self.http.post("/v1/auth/register", json=body)
        assert registered.status_code == 201, registered.text
        token = await self.http.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
        assert token.status_code == 200, token.text
        account = registered.json()
        return Account(account["id"], token.json()["access_token"], account.get("organization_id"))

    async def call(
        self, method: str, path: str, who: Account | None, body: Any = None
    ) -> httpx.Response:
        return await self.api.call(method, path, who, body)

    async def known(self, user: Account) -> None:
        """Until the reputation service learnt of a student's or an employer's account
        (from identity events)."""

        async def found() -> bool:
            reply = await self.call("GET", f"/v1/users/{user.id}/reputation", None)
            return reply.status_code == 200

        await eventually(found, f"the reputation service to know account {user.id}")

    async def link(self, student: Account, institution: Account) -> httpx.Response:
        """Ask to link; while the reputation service has not learnt of the new
        institution's account yet, it answers 404."""

        async def answered() -> httpx.Response | None:
            body = {"institution_id": institution.id}
            reply = await self.call("POST", "/v1/me/institution", student, body)
            return None if reply.status_code == 404 else reply

        reply: httpx.Response = await eventually(answered, f"institution {institution.id} known")
        return reply

    async def completed(
        self, owner: Account | None = None, student: Account | None = None, **listing: Any
    ) -> Completed:
        owner = owner or await self.sign_up("employer")
        student = student or await self.sign_up("student")
        posted = await self.api.open_listing(owner, **listing)
        application_id = await self.api.apply(student, posted["id"])
        hired = await self.call("POST", f"/v1/applications/{application_id}/hire", owner)
        assert hired.status_code == 201, hired.text
        engagement_id = hired.json()["id"]
        path = f"/v1/engagements/{engagement_id}"
        delivery = {"summary": "Dashboard is live", "links": ["https://example.org/d"]}
        delivered = await self.call("POST", f"{path}/deliver", student, delivery)
        assert delivered.status_code == 200, delivered.text
        done = await self.call("POST", f"{path}/complete", owner)
        assert done.status_code == 200, done.text
        credential_id = await self.credential_of(student, engagement_id)
        return Completed(owner, student, posted, engagement_id, credential_id)

    async def credential_of(self, student: Account, engagement_id: str) -> str:
        async def entry() -> str | None:
            reply = await self.call("GET", f"/v1/users/{student.id}/portfolio", None)
            if reply.status_code != 200:
                return None
            for item in reply.json()["entries"]:
                if item["engagement_id"] == engagement_id and item["credential_id"]:
                    return str(item["credential_id"])
            return None

        return await eventually(
            entry, f"the portfolio entry of {engagement_id} with its credential"
        )

    async def review(self, who: Account, engagement_id: str, **body: Any) -> httpx.Response:
        payload = {"rating": 5, "comment": "Great to work with.", **body}
        return await self.call("POST", f"/v1/engagements/{engagement_id}/reviews", who, payload)

    async def reviews_about(self, user_id: str, who: Account | None = None) -> list[dict[str, Any]]:
        reply = await self.call("GET", f"/v1/users/{user_id}/reviews", who)
        assert reply.status_code == 200, reply.text
        items: list[dict[str, Any]] = reply.json()["items"]
        return items
