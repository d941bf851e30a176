"""Through the gateway: a listing's owner sees its candidates ranked with reasons; a
stranger employer does not see them (404), a student may not ask (403)."""

from __future__ import annotations

import math

from tests.integration.gateway.api import Api, assert_problem
from tests.integration.matching.steps import candidates_when, put_profile


async def test_the_owner_gets_candidates_ranked_with_reasons(public_api: Api) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    strong, partial = await api.sign_up("student"), await api.sign_up("student")
    await put_profile(
        api,
        strong,
        skills=[{"name": "kotlin", "level": 5}, {"name": "android", "level": 4}],
        interests=["mobile"],
    )
    await put_profile(api, partial, skills=[{"name": "kotlin", "level": 2}], interests=[])
    listing = await api.open_listing(
        owner,
        title="Offline mode for an Android app",
        industry="mobile",
        skills=[{"name": "Kotlin", "required": True}, {"name": "Android", "required": True}],
    )
    items = await candidates_when(api, owner, listing["id"], {strong.id, partial.id})
    ids = [item["student_id"] for item in items]
    assert ids.index(strong.id) < ids.index(partial.id)
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)
    first = items[ids.index(strong.id)]
    assert "Has 2 of 2 required skills: kotlin, android" in first["reasons"]
    assert "Mobile is one of their interests" in first["reasons"]
    assert first["display_name"] == "A student"
    assert math.isclose(sum(e["contribution"] for e in first["explanation"]), first["score"])
    second = items[ids.index(partial.id)]
    assert "Has 1 of 2 required skills: kotlin (missing: android)" in second["reasons"]
    assert second["exploration"] is True


async def test_strangers_get_404_and_students_403(public_api: Api) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    listing = await api.open_listing(owner)
    path = f"/v1/listings/{listing['id']}/candidates"
    await candidates_when(api, owner, listing["id"], set())
    stranger = await api.sign_up("employer")
    assert_problem(await api.call("GET", path, stranger), 404)
    student = await api.sign_up("student")
    assert_problem(await api.call("GET", path, student), 403)
    assert_problem(await api.call("GET", "/v1/listings/nope/candidates", owner), 404)
