"""``Idempotency-Key`` on POST: a replay answers the first response and changes
nothing twice."""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid

import httpx

from tests.integration.gateway.api import (
    assert_problem,
    bearer,
    error_locs,
    listing_body,
    sign_up,
)


async def test_keyed_requests_the_key_store_cannot_hold_are_refused_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    _, owner = await sign_up(client, "employer")
    keyed = bearer(owner) | {"Idempotency-Key": str(uuid.uuid4())}
    # Random, so that the index entry cannot be compressed below its size limit.
    long_path = f"/v1/listings/{secrets.token_hex(2000)}/publish"
    assert_problem(await client.post(long_path, headers=keyed), 414)
    assert_problem(await client.post("/v1/listings/%00/publish", headers=keyed), 400)
    json_headers = keyed | {"Content-Type": "application/json"}
    deep = b"[" * 100_000 + b"]" * 100_000
    assert_problem(await client.post("/v1/listings", content=deep, headers=json_headers), 400)
    # Parses to a lone surrogate, which is not UTF-8: refused, and replayed as such.
    surrogate = b'{"title": "\\ud800"}'
    json_headers |= {"Idempotency-Key": str(uuid.uuid4())}
    first, again = [
        await client.post("/v1/listings", content=surrogate, headers=json_headers) for _ in range(2)
    ]
    assert assert_problem(first, 422) == assert_problem(again, 422)
    assert again.headers["idempotent-replayed"] == "true"


async def test_replayed_idempotency_key_creates_nothing_twice(client: httpx.AsyncClient) -> None:
    _, token = await sign_up(client, "employer")
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = listing_body()
    first = await client.post("/v1/listings", json=body, headers=bearer(token) | key)
    # The same document serialized differently is the same request.
    again = await client.post(
        "/v1/listings",
        content=json.dumps(dict(reversed(body.items())), indent=2),
        headers=bearer(token) | key | {"Content-Type": "application/json"},
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"

    other_body = listing_body(title="A different listing")
    mismatch = await client.post("/v1/listings", json=other_body, headers=bearer(token) | key)
    assert ["header", "Idempotency-Key"] in error_locs(assert_problem(mismatch, 422))

    # Concurrent duplicates: one runs, the others replay it or are told to retry.
    racing = {"Idempotency-Key": str(uuid.uuid4())}
    replies = await asyncio.gather(
        *(client.post("/v1/listings", json=body, headers=bearer(token) | racing) for _ in range(5))
    )
    assert {r.status_code for r in replies} <= {201, 409}
    assert len({r.json()["id"] for r in replies if r.status_code == 201}) == 1

    mine = await client.get("/v1/listings", params={"mine": "true"}, headers=bearer(token))
    assert mine.status_code == 200
    assert len(mine.json()["items"]) == 2

    # The same two, a page at a time.
    pages: list[str] = []
    cursor: str | None = ""
    while cursor is not None:
        page = await client.get(
            "/v1/listings",
            params={"mine": "true", "limit": 1, "cursor": cursor},
            headers=bearer(token),
        )
        assert page.status_code == 200, page.text
        pages += [item["id"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        assert len(pages) <= 2, "pagination does not end"
    assert sorted(pages) == sorted(item["id"] for item in mine.json()["items"])
