"""The one way out of the web app: the gateway's public REST API over HTTP. Answers
are JSON; a problem (``application/problem+json``) becomes an ``ApiProblem`` carrying
its field errors, so that a page can show each one beside the field it names."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ["ApiProblem", "FieldError", "GatewayClient", "Json"]

Json = dict[str, Any]


@dataclass(frozen=True)
class FieldError:
    loc: tuple[str | int, ...]
    msg: str


@dataclass
class ApiProblem(Exception):
    status: int
    title: str
    detail: str
    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.status} {self.title}: {self.detail}"

    @classmethod
    def of(cls, response: httpx.Response) -> ApiProblem:
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        errors = [
            FieldError(tuple(e.get("loc", ())), str(e.get("msg", "invalid")))
            for e in body.get("errors") or ()
            if isinstance(e, dict)
        ]
        return cls(
            status=response.status_code,
            title=str(body.get("title", response.reason_phrase)),
            detail=str(body.get("detail", "")),
            errors=errors,
        )


def _auth(token: str | None) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"} if token else {}


class GatewayClient:
    """Calls on behalf of the signed-in person (their token, when given)."""

    def __init__(self, base_url: str, timeout_s: float) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout_s)

    async def close(self) -> None:
        await self._http.aclose()

    async def get(
        self, path: str, token: str | None = None, params: Mapping[str, Any] | None = None
    ) -> Json:
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        return _answer(await self._http.get(path, params=query, headers=_auth(token)))

    async def send(
        self,
        method: str,
        path: str,
        token: str | None = None,
        body: Json | None = None,
        idempotency_key: str | None = None,
    ) -> Json:
        headers = _auth(token)
        if idempotency_key:
            headers["idempotency-key"] = idempotency_key
        response = await self._http.request(method, path, json=body, headers=headers)
        return _answer(response)

    async def post(self, path: str, token: str | None = None, body: Json | None = None) -> Json:
        return await self.send("POST", path, token, body)

    @asynccontextmanager
    async def stream(
        self, path: str, token: str, headers: Mapping[str, str]
    ) -> AsyncIterator[httpx.Response]:
        """A long-lived GET (the live notifications), read as it comes."""
        timeout = httpx.Timeout(10.0, read=None)
        request = self._http.build_request(
            "GET", path, headers={**headers, **_auth(token)}, timeout=timeout
        )
        response = await self._http.send(request, stream=True)
        try:
            if response.status_code >= 400:
                await response.aread()
                raise ApiProblem.of(response)
            yield response
        finally:
            await response.aclose()


def _answer(response: httpx.Response) -> Json:
    if response.status_code >= 400:
        raise ApiProblem.of(response)
    if response.status_code == 204 or not response.content:
        return {}
    body = response.json()
    return body if isinstance(body, dict) else {"items": body}
