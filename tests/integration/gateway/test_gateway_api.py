"""The public API as a client uses it: real HTTP to the gateway, which calls the real
listing service over gRPC; events checked on the real broker."""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from stint.identity.v1 import events_pb2 as identity_events
from stint.listing.v1 import events_pb2 as listing_events
from tests.integration.gateway.conftest import Gateway, ListingProcess

PROBLEM = "application/problem+json"


def listing_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Build a churn dashboard",
        "description": "Turn our subscription data into a weekly churn dashboard.",
        "industry": "Software",
        "skills": [{"name": "Python", "required": True}, {"name": "SQL", "required": False}],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": {"amount_cents": 60_000, "currency": "EUR"},
        "remote": True,
        "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
    }
    body.update(changes)
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def sign_up(client: httpx.AsyncClient, role: str = "employer") -> tuple[dict[str, Any], str]:
    """A new account of ``role`` and its access token."""
    email = f"{role}-{uuid.uuid4().hex[:10]}@example.com"
    body: dict[str, Any] = {
        "email": email,
        "password": "correct horse battery",
        "role": role,
        "display_name": f"A {role}",
    }
    if role == "employer":
        body["organization"] = {"name": f"Org {uuid.uuid4().hex[:6]}", "industry": "Software"}
    registered = await client.post("/v1/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    token = await client.post(
        "/v1/auth/token", json={"email": email, "password": "correct horse battery"}
    )
    assert token.status_code == 200, token.text
    return registered.json(), token.json()["access_token"]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= problem.keys()
    return problem


def error_locs(problem: dict[str, Any]) -> list[list[str | int]]:
    return [error["loc"] for error in problem["errors"]]


async def consume_by_key(
    bootstrap: str, topic: str, key: str, event_type: str, timeout_s: float = 20.0
) -> Any:
    """The first message of ``event_type`` with ``key`` on ``topic``, from the start."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
    )
    await consumer.start()
    try:
        async with asyncio.timeout(timeout_s):
            while True:
                batches = await consumer.getmany(timeout_ms=200)
                for messages in batches.values():
                    for message in messages:
                        headers = {k: v.decode() for k, v in message.headers}
                        if message.key == key.encode() and headers["event_type"] == event_type:
                            return message
    except TimeoutError:
        raise AssertionError(f"no {event_type} with key {key} on {topic}") from None
    finally:
        await consumer.stop()


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


async def test_unknown_things_are_problems(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/listings/not-a-uuid"), 404)
    assert_problem(await client.get(f"/v1/listings/{uuid.uuid4()}"), 404)
    assert_problem(await client.get("/v1/no-such-route"), 404)
    assert_problem(await client.delete("/v1/listings"), 405)


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


async def test_published_event_carries_the_request_trace(
    client: httpx.AsyncClient, gateway: Gateway
) -> None:
    _, token = await sign_up(client, "employer")
    listing = (await client.post("/v1/listings", json=listing_body(), headers=bearer(token))).json()
    trace_id = uuid.uuid4().hex
    traceparent = f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"
    published = await client.post(
        f"/v1/listings/{listing['id']}/publish",
        headers=bearer(token) | {"traceparent": traceparent},
    )
    assert published.status_code == 200, published.text

    message = await consume_by_key(
        gateway.settings.kafka_bootstrap_servers,
        "stint.listing.v1",
        listing["id"],
        "stint.listing.v1.ListingPublished",
    )
    headers = {k: v.decode() for k, v in message.headers}
    assert headers["aggregate_id"] == listing["id"]
    assert headers["producer"] == "listing"
    assert uuid.UUID(headers["event_id"])
    assert {"occurred_at", "schema_version"} <= headers.keys()
    assert headers["traceparent"].split("-")[1] == trace_id
    event = listing_events.ListingPublished.FromString(message.value)
    assert event.listing.id == listing["id"]


async def test_openapi_and_metrics(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["info"] == {
        "title": "Stint API",
        "version": "v1",
        "description": document["info"]["description"],
    }
    assert {"/v1/auth/register", "/v1/listings/{listing_id}/publish"} <= document["paths"].keys()
    assert (await client.get("/docs")).status_code == 200

    await client.get(f"/v1/listings/{uuid.uuid4()}")
    replay = {"Idempotency-Key": str(uuid.uuid4())}
    for _ in range(2):
        await client.post(f"/v1/listings/{uuid.uuid4()}/publish", headers=replay)
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert (
        'stint_http_requests_total{method="GET",route="/v1/listings/{listing_id}",status="404"}'
        in metrics.text
    )
    assert "stint_http_request_duration_seconds_bucket" in metrics.text
    # A replayed response is counted under its route too.
    assert (
        'stint_http_requests_total{method="POST",route="/v1/listings/{listing_id}/publish",'
        'status="401"} 2.0' in metrics.text
    )


async def test_readiness_follows_the_listing_service(
    client: httpx.AsyncClient, listing_service: ListingProcess
) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "listing": "ok"}

    await listing_service.stop()
    not_ready = assert_problem(await client.get("/readyz"), 503)
    assert not_ready["checks"] == {"database": "ok", "listing": "down"}
    assert_problem(await client.get(f"/v1/listings/{uuid.uuid4()}"), 503)
    assert (await client.get("/healthz")).status_code == 200
