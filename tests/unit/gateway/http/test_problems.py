"""Every failure is answered as application/problem+json, never with a stack trace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from stint_gateway.http.problem_handlers import install_problem_handlers
from stint_gateway.http.problems import (
    PROBLEM_MEDIA_TYPE,
    FieldProblem,
    ProblemError,
    problem_body,
    validation_problem,
)


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    size: int


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def create(thing: Thing) -> Thing:
        return thing

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/database-away")
    async def database_away() -> None:
        raise asyncpg.exceptions.ConnectionDoesNotExistError("the server closed the connection")

    @app.get("/teapot")
    async def teapot() -> None:
        raise ProblemError(409, "Already brewing.", headers={"Retry-After": "3"})

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert isinstance(body, dict)
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= body.keys()
    return body


def test_problem_body_has_errors_only_for_validation() -> None:
    plain = problem_body(ProblemError(404, "No such listing."))
    assert plain == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No such listing.",
    }
    invalid = problem_body(
        validation_problem([FieldProblem(loc=["body", "title"], msg="required")])
    )
    assert invalid["errors"] == [{"loc": ["body", "title"], "msg": "required"}]
    assert invalid["detail"] == "body.title: required"


async def test_request_validation_names_each_field(client: httpx.AsyncClient) -> None:
    body = _problem(await client.post("/things", json={"size": "big", "colour": 1}), 422)
    locs = [e["loc"] for e in body["errors"]]
    assert locs == [["body", "name"], ["body", "size"], ["body", "colour"]]


async def test_malformed_json_is_422_not_500(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things", content=b'{"name": ', headers={"Content-Type": "application/json"}
    )
    body = _problem(response, 422)
    errors = body["errors"]
    assert isinstance(errors, list)
    assert errors[0]["loc"] == ["body"]
    assert "malformed JSON" in errors[0]["msg"]


async def test_unknown_route_and_method(client: httpx.AsyncClient) -> None:
    _problem(await client.get("/nowhere"), 404)
    not_allowed = await client.delete("/things")
    _problem(not_allowed, 405)
    assert not_allowed.headers["allow"] == "POST"


async def test_unexpected_error_is_500_without_details(client: httpx.AsyncClient) -> None:
    response = await client.get("/boom")
    body = _problem(response, 500)
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert body["detail"] == "An unexpected error occurred."


async def test_problem_error_keeps_its_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/teapot")
    _problem(response, 409)
    assert response.headers["retry-after"] == "3"


async def test_the_database_away_is_a_503_to_retry_not_a_500(client: httpx.AsyncClient) -> None:
    response = await client.get("/database-away")
    body = _problem(response, 503)
    assert response.headers["retry-after"] == "1"
    assert "connection" not in body["detail"]
