"""Accounts through the gateway: registration, tokens, the signed-in account, and
AccountRegistered on the broker."""

from __future__ import annotations

import uuid

import httpx

from stint.identity.v1 import events_pb2 as identity_events
from tests.integration.gateway.api import (
    assert_problem,
    bearer,
    consume_by_key,
    error_locs,
    sign_up,
)
from tests.integration.platform import Gateway


async def test_register_sign_in_and_me(client: httpx.AsyncClient, gateway: Gateway) -> None:
    account, token = await sign_up(client, "employer")
    assert account["role"] == "employer"
    assert uuid.UUID(account["organization_id"])
    assert set(account) >= {"id", "email", "role", "display_name", "organization_id"}

    me = await client.get("/v1/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.json()["id"] == account["id"]

    student, _ = await sign_up(client, "student")
    assert student["organization_id"] is None

    registered = await consume_by_key(
        gateway.settings.kafka_bootstrap_servers,
        "stint.identity.v1",
        account["id"],
        "stint.identity.v1.AccountRegistered",
    )
    event = identity_events.AccountRegistered.FromString(registered.value)
    assert event.email == account["email"]
    assert event.organization_id == account["organization_id"]


async def test_token_reply_shape(client: httpx.AsyncClient, gateway: Gateway) -> None:
    account, _ = await sign_up(client, "student")
    reply = await client.post(
        "/v1/auth/token",
        json={"email": account["email"].upper(), "password": "correct horse battery"},
    )
    assert reply.status_code == 200
    assert reply.json()["token_type"] == "bearer"
    assert reply.json()["expires_in"] == gateway.settings.access_token_ttl_s


async def test_duplicate_email_is_409_and_bad_credentials_401(client: httpx.AsyncClient) -> None:
    account, _ = await sign_up(client, "student")
    again = await client.post(
        "/v1/auth/register",
        json={
            "email": account["email"].upper(),
            "password": "another password",
            "role": "student",
            "display_name": "Someone else",
        },
    )
    assert_problem(again, 409)

    wrong = await client.post(
        "/v1/auth/token", json={"email": account["email"], "password": "not the password"}
    )
    unknown = await client.post(
        "/v1/auth/token", json={"email": "nobody@example.com", "password": "not the password"}
    )
    assert assert_problem(wrong, 401)["detail"] == assert_problem(unknown, 401)["detail"]


async def test_registration_is_validated(client: httpx.AsyncClient) -> None:
    short = await client.post(
        "/v1/auth/register",
        json={
            "email": "x@example.com",
            "password": "short",
            "role": "student",
            "display_name": "X",
        },
    )
    assert ["body", "password"] in error_locs(assert_problem(short, 422))
    no_org = await client.post(
        "/v1/auth/register",
        json={
            "email": "y@example.com",
            "password": "long enough password",
            "role": "employer",
            "display_name": "Y",
        },
    )
    assert ["body", "organization"] in error_locs(assert_problem(no_org, 422))
