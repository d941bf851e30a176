"""Every failure is a problem+json answer naming what is wrong, never a 500 for bad
input."""

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


async def test_bad_input_is_a_422_problem_naming_the_field(client: httpx.AsyncClient) -> None:
    _, token = await sign_up(client, "employer")
    body = listing_body()
    del body["title"]
    missing = await client.post("/v1/listings", json=body, headers=bearer(token))
    assert ["body", "title"] in error_locs(assert_problem(missing, 422))

    # 20 hours at 1000 cents is 50 cents per hour: below the listing service's floor.
    cheap = listing_body(pay={"amount_cents": 1000, "currency": "EUR"})
    below_floor = await client.post("/v1/listings", json=cheap, headers=bearer(token))
    assert error_locs(assert_problem(below_floor, 422)) == [["body", "pay", "amount_cents"]]

    extra = await client.post(
        "/v1/listings", json=listing_body(colour="red"), headers=bearer(token)
    )
    assert ["body", "colour"] in error_locs(assert_problem(extra, 422))

    malformed = await client.post(
        "/v1/listings",
        content=b'{"title": ',
        headers={**bearer(token), "Content-Type": "application/json"},
    )
    assert assert_problem(malformed, 422)["errors"]

    bad_limit = await client.get("/v1/listings", params={"limit": 101})
    assert ["query", "limit"] in error_locs(assert_problem(bad_limit, 422))
    bad_cursor = await client.get("/v1/listings", params={"cursor": "nonsense"})
    assert ["query", "cursor"] in error_locs(assert_problem(bad_cursor, 422))


async def test_input_postgres_or_protobuf_cannot_hold_is_refused_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    nul = "a\x00b"
    student = {"email": f"s-{uuid.uuid4().hex[:10]}@example.com", "password": "x" * 12}
    registration = {**student, "role": "student", "display_name": nul}
    refused = await client.post("/v1/auth/register", json=registration)
    assert error_locs(assert_problem(refused, 422)) == [["body", "display_name"]]
    token = await client.post("/v1/auth/token", json={"email": nul, "password": "x" * 12})
    assert error_locs(assert_problem(token, 422)) == [["body", "email"]]

    # The organization is the listing service's to check; the account is not kept.
    employer = {
        "email": f"e-{uuid.uuid4().hex[:10]}@example.com",
        "password": "x" * 12,
        "role": "employer",
        "display_name": "An employer",
        "organization": {"name": nul, "industry": "Software"},
    }
    refused = await client.post("/v1/auth/register", json=employer)
    assert error_locs(assert_problem(refused, 422)) == [["body", "organization", "name"]]
    employer["organization"] = {"name": "Acme", "industry": "Software"}
    assert (await client.post("/v1/auth/register", json=employer)).status_code == 201

    _, owner = await sign_up(client, "employer")
    titled = await client.post("/v1/listings", json=listing_body(title=nul), headers=bearer(owner))
    assert error_locs(assert_problem(titled, 422)) == [["body", "title"]]
    searched = await client.get("/v1/listings", params={"q": nul})
    assert error_locs(assert_problem(searched, 422)) == [["query", "q"]]
    # Beyond the int64 the listing service's message carries.
    richest = await client.get("/v1/listings", params={"min_pay_cents": 10**20})
    assert error_locs(assert_problem(richest, 422)) == [["query", "min_pay_cents"]]
    # After 9999-12-31 once in UTC; and far enough ahead that no decision deadline fits.
    for apply_by in ("9999-12-31T23:59:59-05:00", "9999-12-30T00:00:00Z"):
        late = await client.post(
            "/v1/listings", json=listing_body(apply_by=apply_by), headers=bearer(owner)
        )
        assert error_locs(assert_problem(late, 422)) == [["body", "apply_by"]]
    mine = await client.get("/v1/listings", params={"mine": "true"}, headers=bearer(owner))
    assert mine.json()["items"] == []


async def test_unknown_things_are_problems(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/listings/not-a-uuid"), 404)
    assert_problem(await client.get(f"/v1/listings/{uuid.uuid4()}"), 404)
    assert_problem(await client.get("/v1/no-such-route"), 404)
    assert_problem(await client.delete("/v1/listings"), 405)
