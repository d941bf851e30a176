"""Through the gateway: a student's profile turns the open listings into ranked,
explained recommendations that never show a listing already applied to, with a good
match from an industry the student has not tried."""

from __future__ import annotations

import math
from typing import Any

from tests.integration.gateway.api import Account, Api, assert_problem
from tests.integration.matching.steps import put_profile, recommendations, recommended_when
from tests.waiting import eventually


async def test_ranked_with_reasons_never_applied_and_an_exploration_item(
    public_api: Api,
) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    student = await api.sign_up("student")
    await put_profile(api, student, interests=["software"])
    best = await api.open_listing(
        owner,
        title="Python and SQL churn report",
        industry="Software",
        skills=[{"name": "python", "required": True}, {"name": "sql", "required": True}],
    )
    weaker = await api.open_listing(
        owner,
        title="Go service for invoices",
        industry="software",
        skills=[{"name": "go", "required": True}, {"name": "python", "required": False}],
    )
    applied = await api.open_listing(owner, title="Already applied to", industry="software")
    elsewhere = await api.open_listing(
        owner,
        title="Solar yield analysis",
        industry="Climate",
        skills=[{"name": "Python", "required": True}, {"name": "GIS", "required": False}],
    )
    await api.apply(student, applied["id"])
    wanted = {best["id"], weaker["id"], elsewhere["id"]}

    items = await recommended_when(api, student, wanted, limit=50)
    # The application reaches matching as an event: once it has, the listing is gone.
    ids = [item["listing"]["id"] for item in items]
    if applied["id"] in ids:
        items = await _without(api, student, applied["id"])
        ids = [item["listing"]["id"] for item in items]
    assert applied["id"] not in ids

    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)
    assert ids.index(best["id"]) < ids.index(weaker["id"])
    top = items[ids.index(best["id"])]
    assert "You have 2 of 2 required skills: python, sql" in top["reasons"]
    assert top["exploration"] is False
    assert math.isclose(sum(e["contribution"] for e in top["explanation"]), top["score"])
    factors = {e["factor"] for e in top["explanation"]}
    assert {"required_skills", "interest", "availability", "location"} <= factors

    explored = items[ids.index(elsewhere["id"])]
    assert explored["exploration"] is True
    assert any("climate" in reason and "New for you" in reason for reason in explored["reasons"])
    assert all(
        item["exploration"] == (item["listing"]["industry"].lower() != "software") for item in items
    )


async def _without(api: Api, student: Account, listing_id: str) -> list[dict[str, Any]]:
    async def probe() -> list[dict[str, Any]] | None:
        items = await recommendations(api, student, 50)
        return items if all(i["listing"]["id"] != listing_id for i in items) else None

    found: list[dict[str, Any]] = await eventually(probe, f"{listing_id} to leave the list")
    return found


async def test_a_page_of_five_carries_a_good_match_from_a_new_industry(public_api: Api) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    student = await api.sign_up("student")
    await put_profile(api, student, interests=["software"])
    software = [
        await api.open_listing(
            owner,
            title=f"Python backend task {n}",
            industry="software",
            skills=[{"name": "python", "required": True}, {"name": "sql", "required": True}],
        )
        for n in range(6)
    ]
    fresh = await api.open_listing(
        owner,
        title="Wind data dashboard",
        industry="climate",
        skills=[
            {"name": "python", "required": True},
            {"name": "data visualization", "required": True},
        ],
    )
    await recommended_when(api, student, {s["id"] for s in software} | {fresh["id"]}, limit=50)

    page = await recommendations(api, student, limit=5)
    assert len(page) == 5
    explorers = [item for item in page if item["exploration"]]
    assert explorers, [item["listing"]["title"] for item in page]
    assert explorers[0]["listing"]["industry"].lower() != "software"
    assert any("New for you" in reason for reason in explorers[0]["reasons"])

    # Below five items the slot is not forced: the best matches only.
    short = await recommendations(api, student, limit=4)
    assert all(not item["exploration"] for item in short)


async def test_recommendations_are_for_students_only(public_api: Api) -> None:
    employer = await public_api.sign_up("employer")
    refused = await public_api.call("GET", "/v1/me/recommendations", employer)
    assert_problem(refused, 403)
    assert_problem(await public_api.call("GET", "/v1/me/recommendations", None), 401)
    student = await public_api.sign_up("student")
    too_many = await public_api.call("GET", "/v1/me/recommendations?limit=51", student)
    assert_problem(too_many, 422)
