"""Password guessing is throttled per e-mail address, known or not."""

from __future__ import annotations

import uuid

import httpx

PASSWORD = "the right password"
LIMIT = 10  # the gateway's default sign_in_max_failures


async def _student(client: httpx.AsyncClient) -> str:
    email = f"guess-{uuid.uuid4().hex[:10]}@example.com"
    reply = await client.post(
        "/v1/auth/register",
        json={"email": email, "password": PASSWORD, "role": "student", "display_name": "G"},
    )
    assert reply.status_code == 201, reply.text
    return email


async def _sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/v1/auth/token", json={"email": email, "password": password})


async def test_too_many_failures_lock_the_address_not_others(client: httpx.AsyncClient) -> None:
    email, other = await _student(client), await _student(client)
    for _ in range(LIMIT):
        assert (await _sign_in(client, email, "a wrong guess")).status_code == 401
    refused = await _sign_in(client, email.upper(), PASSWORD)  # even the right password
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 0 < int(refused.headers["Retry-After"]) <= 900
    assert (await _sign_in(client, other, PASSWORD)).status_code == 200


async def test_unknown_addresses_are_throttled_alike(client: httpx.AsyncClient) -> None:
    unknown = f"nobody-{uuid.uuid4().hex[:10]}@example.com"
    answers = [(await _sign_in(client, unknown, "a guess")).status_code for _ in range(LIMIT + 1)]
    assert answers == [401] * LIMIT + [429]


async def test_a_successful_sign_in_clears_the_failures(client: httpx.AsyncClient) -> None:
    email = await _student(client)
    for _ in range(LIMIT - 1):
        assert (await _sign_in(client, email, "a wrong guess")).status_code == 401
    assert (await _sign_in(client, email, PASSWORD)).status_code == 200
    for _ in range(LIMIT - 1):
        assert (await _sign_in(client, email, "a wrong guess")).status_code == 401
    assert (await _sign_in(client, email, PASSWORD)).status_code == 200
