"""The demo marketplace through the real gateway, as ``scripts/run`` loads it: the demo
students' profiles make their recommendations ranked and explained with an exploration
item, and an employer sees ranked candidates, out of the box."""

from __future__ import annotations

from typing import Any

from stint_devstack import demo_catalog as catalog
from stint_devstack.demo import load_demo
from tests.integration.gateway.api import Account, Api
from tests.integration.platform import Gateway
from tests.waiting import eventually


async def _sign_in(api: Api, email: str) -> Account:
    reply = await api.http.post(
        "/v1/auth/token", json={"email": email, "password": catalog.PASSWORD}
    )
    assert reply.status_code == 200, reply.text
    me = await api.http.get(
        "/v1/me", headers={"Authorization": f"Bearer {reply.json()['access_token']}"}
    )
    body = me.json()
    return Account(body["id"], reply.json()["access_token"], body.get("organization_id"))


async def test_the_demo_shows_explained_recommendations_and_candidates(
    gateway: Gateway, public_api: Api
) -> None:
    summary = await load_demo(gateway.base_url)
    assert "3 student profiles for recommendations" in summary.notes
    again = await load_demo(gateway.base_url)  # idempotent: nothing new the second time
    assert again.listings_created == 0
    api = public_api
    amara = await _sign_in(api, "amara@student.example")

    async def explored() -> list[dict[str, Any]] | None:
        reply = await api.call("GET", "/v1/me/recommendations?limit=5", amara)
        items: list[dict[str, Any]] = reply.json().get("items", [])
        return items if len(items) == 5 and any(i["exploration"] for i in items) else None

    # The whole demo's events reach matching first: allow for a loaded machine.
    items = await eventually(
        explored, "Amara's recommendations with an exploration item", timeout_s=60
    )
    assert all(item["reasons"] for item in items)
    explorer = next(item for item in items if item["exploration"])
    assert explorer["listing"]["industry"] != "software"

    maya = await _sign_in(api, "maya@northwind.example")
    mine = await api.call("GET", "/v1/listings?mine=true&limit=100", maya)
    listing = next(
        item for item in mine.json()["items"] if item["title"].startswith("Build a CSV import")
    )

    async def ranked() -> list[dict[str, Any]] | None:
        reply = await api.call("GET", f"/v1/listings/{listing['id']}/candidates", maya)
        found: list[dict[str, Any]] = reply.json().get("items", []) if reply.is_success else []
        return found if len(found) >= 3 else None

    candidates = await eventually(ranked, "candidates for the CSV import")
    assert candidates[0]["student_id"] == amara.id
    assert candidates[0]["display_name"] == "Amara Okafor"
