"""Listings through the gateway: create, publish, find, change, close; who may do what."""

from __future__ import annotations

import uuid

import httpx

from tests.integration.gateway.api import (
    assert_problem,
    bearer,
    error_locs,
    listing_body,
    sign_up,
)


async def test_employer_creates_publishes_and_finds_a_listing(client: httpx.AsyncClient) -> None:
    _, token = await sign_up(client, "employer")
    word = f"zeppelin{uuid.uuid4().hex[:6]}"
    created = await client.post(
        "/v1/listings",
        json=listing_body(title=f"Chart the {word} fleet"),
        headers=bearer(token),
    )
    assert created.status_code == 201, created.text
    listing = created.json()
    assert listing["status"] == "draft"
    assert listing["published_at"] is None
    assert listing["pay"] == {"amount_cents": 60_000, "currency": "EUR"}
    assert listing["skills"][0] == {"name": "python", "required": True}
    assert listing["slots"] == 1 and listing["slots_filled"] == 0

    published = await client.post(f"/v1/listings/{listing['id']}/publish", headers=bearer(token))
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "open"
    assert published.json()["published_at"] is not None

    found = await client.get(
        "/v1/listings",
        params={
            "q": word,
            "industry": "software",
            "skill": "py",
            "remote": "true",
            "min_pay_cents": 60_000,
        },
    )
    assert found.status_code == 200
    assert [item["id"] for item in found.json()["items"]] == [listing["id"]]
    assert found.json()["next_cursor"] is None

    too_rich = await client.get("/v1/listings", params={"q": word, "min_pay_cents": 60_001})
    assert too_rich.json()["items"] == []

    anonymous = await client.get(f"/v1/listings/{listing['id']}")
    assert anonymous.status_code == 200
    assert anonymous.json()["title"] == f"Chart the {word} fleet"


async def test_owner_changes_and_closes_another_employer_sees_nothing(
    client: httpx.AsyncClient,
) -> None:
    _, owner = await sign_up(client, "employer")
    _, other = await sign_up(client, "employer")
    draft = (await client.post("/v1/listings", json=listing_body(), headers=bearer(owner))).json()
    path = f"/v1/listings/{draft['id']}"

    assert_problem(await client.get(path, headers=bearer(other)), 404)
    assert_problem(await client.get(path), 404)
    patch = {"title": "Someone else's title"}
    assert_problem(await client.patch(path, json=patch, headers=bearer(other)), 404)
    assert_problem(await client.post(f"{path}/publish", headers=bearer(other)), 404)
    assert_problem(await client.post(f"{path}/close", headers=bearer(other)), 404)

    changed = await client.patch(
        path, json={"title": "A better title", "location": "Berlin"}, headers=bearer(owner)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["title"] == "A better title"
    assert changed.json()["location"] == "Berlin"
    assert changed.json()["description"] == draft["description"]

    refused = await client.post(f"{path}/close", json={"reason": "filled"}, headers=bearer(owner))
    assert ["body", "reason"] in error_locs(assert_problem(refused, 422))
    closed = await client.post(f"{path}/close", json={"reason": "withdrawn"}, headers=bearer(owner))
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    assert closed.json()["close_reason"] == "withdrawn"
    assert_problem(await client.post(f"{path}/publish", headers=bearer(owner)), 409)


async def test_roles_and_authentication(client: httpx.AsyncClient) -> None:
    _, student = await sign_up(client, "student")
    assert_problem(
        await client.post("/v1/listings", json=listing_body(), headers=bearer(student)), 403
    )
    anonymous = await client.post("/v1/listings", json=listing_body())
    assert_problem(anonymous, 401)
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert_problem(await client.get("/v1/me", headers=bearer("not-a-token")), 401)
    assert_problem(await client.get("/v1/me", headers={"Authorization": "Basic abc"}), 401)
    assert_problem(await client.get("/v1/listings", params={"mine": "true"}), 401)
    assert_problem(
        await client.get("/v1/listings", params={"mine": "true"}, headers=bearer(student)), 403
    )
