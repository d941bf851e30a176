"""What the matching tests do through the public API: profiles written, listings
published and waited for until matching knows them, recommendations and candidates
read."""

from __future__ import annotations

from typing import Any

from tests.integration.gateway.api import Account, Api
from tests.waiting import eventually


def profile_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "headline": "Data-minded student",
        "skills": [{"name": "Python", "level": 4}, {"name": "SQL", "level": 3}],
        "interests": ["Software"],
        "availability_hours_per_week": 15,
        "remote_ok": True,
    }
    body.update(changes)
    return body


async def put_profile(api: Api, student: Account, **changes: Any) -> dict[str, Any]:
    reply = await api.call("PUT", "/v1/me/profile", student, profile_body(**changes))
    assert reply.status_code == 200, reply.text
    found: dict[str, Any] = reply.json()
    return found


async def recommendations(api: Api, student: Account, limit: int = 10) -> list[dict[str, Any]]:
    reply = await api.call("GET", f"/v1/me/recommendations?limit={limit}", student)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items


async def recommended_when(
    api: Api, student: Account, ids: set[str], limit: int = 10
) -> list[dict[str, Any]]:
    """The recommendations, once every listing of ``ids`` is among them (matching
    learns of listings from their events)."""
    seen: list[set[str]] = [set()]

    async def probe() -> list[dict[str, Any]] | None:
        items = await recommendations(api, student, limit)
        seen[0] = {item["listing"]["id"] for item in items}
        return items if ids <= seen[0] else None

    found: list[dict[str, Any]] = await eventually(
        probe, lambda: f"recommendations with {ids} (saw {seen[0]})"
    )
    return found


async def candidates_when(
    api: Api, owner: Account, listing_id: str, students: set[str]
) -> list[dict[str, Any]]:
    """The listing's candidates, once every student of ``students`` is among them."""

    async def probe() -> list[dict[str, Any]] | None:
        reply = await api.call("GET", f"/v1/listings/{listing_id}/candidates?limit=50", owner)
        if reply.status_code == 404:
            return None  # matching has not heard of the listing yet
        assert reply.status_code == 200, reply.text
        items: list[dict[str, Any]] = reply.json()["items"]
        return items if students <= {i["student_id"] for i in items} else None

    found: list[dict[str, Any]] = await eventually(
        probe, f"candidates of {listing_id} to include {students}"
    )
    return found
