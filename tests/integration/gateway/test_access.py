"""Who may do what, for every endpoint of the section: anonymous callers get 401, a
role that can never do it 403, a party-less caller 404 (existence does not leak), and
no refused request changes anything."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from stint_runtime.service import RunningService
from tests.integration.gateway.api import Account, Api
from tests.integration.platform import Gateway

ANONYMOUS = "anonymous"
OTHER_STUDENT = "another student"
STRANGER = "stranger employer"
APPLICANT = "the applicant"
OWNER = "the owner"


@dataclass
class Scene:
    actors: dict[str, Account | None]
    listing_id: str
    application_id: str
    engagement_id: str


@pytest.fixture(scope="module")
async def scene(gateway: Gateway) -> AsyncIterator[Scene]:
    """Built once: the tests here only read, or are refused."""
    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http:
        yield await _scene(Api(http))


async def _scene(api: Api) -> Scene:
    owner = await api.sign_up("employer")
    applicant, hired = await api.sign_up("student"), await api.sign_up("student")
    listing = await api.open_listing(owner, slots=2)
    application_id = await api.apply(applicant, listing["id"])
    hired_application = await api.apply(hired, listing["id"])
    engagement = await api.call("POST", f"/v1/applications/{hired_application}/hire", owner)
    assert engagement.status_code == 201, engagement.text
    return Scene(
        actors={
            ANONYMOUS: None,
            OTHER_STUDENT: await api.sign_up("student"),
            STRANGER: await api.sign_up("employer"),
            APPLICANT: applicant,
            OWNER: owner,
        },
        listing_id=listing["id"],
        application_id=application_id,
        engagement_id=engagement.json()["id"],
    )


REJECT = {"reason_code": "other"}
DELIVER = {"summary": "Done", "links": ["https://example.org/work"]}
CANCEL = {"reason": "Changed my mind"}

# (method, path, body, {actor: expected status}); the applicant's engagement is the
# hired student's, so for engagements "the applicant" is another student too.
MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("POST", "/v1/listings/{listing}/applications", {"cover_note": "Hi"},
     {ANONYMOUS: 401, STRANGER: 403, OWNER: 403, APPLICANT: 409}),
    ("GET", "/v1/me/applications", None, {ANONYMOUS: 401, STRANGER: 403, OWNER: 403}),
    ("GET", "/v1/listings/{listing}/applications", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 403, APPLICANT: 403, STRANGER: 404}),
    ("GET", "/v1/applications/{application}", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 404, STRANGER: 404}),
    ("POST", "/v1/applications/{application}/withdraw", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 404, STRANGER: 403, OWNER: 403}),
    ("POST", "/v1/applications/{application}/shortlist", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 403, APPLICANT: 403, STRANGER: 404}),
    ("POST", "/v1/applications/{application}/reject", REJECT,
     {ANONYMOUS: 401, OTHER_STUDENT: 403, APPLICANT: 403, STRANGER: 404}),
    ("POST", "/v1/applications/{application}/hire", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 403, APPLICANT: 403, STRANGER: 404}),
    ("GET", "/v1/engagements/{engagement}", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 404, APPLICANT: 404, STRANGER: 404}),
    ("GET", "/v1/me/engagements", None, {ANONYMOUS: 401}),
    ("POST", "/v1/engagements/{engagement}/deliver", DELIVER,
     {ANONYMOUS: 401, OTHER_STUDENT: 404, APPLICANT: 404, STRANGER: 403, OWNER: 403}),
    ("POST", "/v1/engagements/{engagement}/complete", None,
     {ANONYMOUS: 401, OTHER_STUDENT: 403, STRANGER: 404}),
    ("POST", "/v1/engagements/{engagement}/cancel", CANCEL,
     {ANONYMOUS: 401, OTHER_STUDENT: 404, APPLICANT: 404, STRANGER: 404}),
]  # fmt: skip


async def _state(pool: Any, scene: Scene) -> list[Any]:
    keys = [scene.application_id, scene.engagement_id]
    return [
        await pool.fetchval("SELECT count(*) FROM outbox WHERE key = ANY($1)", keys),
        await pool.fetchrow("SELECT * FROM applications WHERE id = $1", scene.application_id),
        await pool.fetchrow("SELECT * FROM engagements WHERE id = $1", scene.engagement_id),
        await pool.fetchval("SELECT count(*) FROM applications"),
    ]


async def test_every_endpoint_refuses_whom_it_must(
    public_api: Api, scene: Scene, application_service: RunningService
) -> None:
    before = await _state(application_service.pool, scene)
    wrong: list[str] = []
    for method, template, body, expected in MATRIX:
        path = template.format(
            listing=scene.listing_id,
            application=scene.application_id,
            engagement=scene.engagement_id,
        )
        for actor, status in expected.items():
            reply = await public_api.call(method, path, scene.actors[actor], body)
            problem = reply.headers.get("content-type") == "application/problem+json"
            if reply.status_code != status or not problem:
                wrong.append(f"{method} {template} as {actor}: {reply.status_code} {reply.text}")
    assert wrong == []
    assert await _state(application_service.pool, scene) == before


async def test_outsiders_list_nothing_of_theirs(public_api: Api, scene: Scene) -> None:
    for actor in (OTHER_STUDENT, STRANGER):
        reply = await public_api.call("GET", "/v1/me/engagements", scene.actors[actor])
        assert reply.status_code == 200, reply.text
        assert reply.json()["items"] == []
    mine = await public_api.call("GET", "/v1/me/applications", scene.actors[OTHER_STUDENT])
    assert mine.json() == {"items": [], "next_cursor": None}


async def test_unknown_and_malformed_ids_are_404(public_api: Api, scene: Scene) -> None:
    owner = scene.actors[OWNER]
    for path in (
        "/v1/applications/00000000-0000-4000-8000-000000000000",
        "/v1/applications/not-an-id",
        "/v1/engagements/not-an-id",
    ):
        reply = await public_api.call("GET", path, owner)
        assert reply.status_code == 404, reply.text


async def test_text_holding_a_nul_character_is_a_422_and_changes_nothing(
    public_api: Api, scene: Scene, application_service: RunningService
) -> None:
    """Postgres text cannot store U+0000: such input is a problem naming its field, not
    a failed write answered 500."""
    before = await _state(application_service.pool, scene)
    nul = "a\x00b"
    cases: list[tuple[str, str, Any, list[str]]] = [
        ("/v1/listings/{listing}/applications", APPLICANT, {"cover_note": nul}, ["cover_note"]),
        (
            "/v1/listings/{listing}/applications",
            APPLICANT,
            {"cover_note": "Hi", "answers": {"why": nul}},
            ["answers", "why"],
        ),
        ("/v1/applications/{application}/reject", OWNER, {"reason_code": "other", "note": nul},
         ["note"]),
        ("/v1/engagements/{engagement}/cancel", OWNER, {"reason": nul}, ["reason"]),
    ]  # fmt: skip
    for template, actor, body, loc in cases:
        path = template.format(
            listing=scene.listing_id,
            application=scene.application_id,
            engagement=scene.engagement_id,
        )
        reply = await public_api.call("POST", path, scene.actors[actor], body)
        assert reply.status_code == 422, f"{template}: {reply.status_code} {reply.text}"
        assert reply.json()["errors"] == [
            {"loc": ["body", *loc], "msg": "must not contain the NUL character (U+0000)"}
        ]
    assert await _state(application_service.pool, scene) == before
