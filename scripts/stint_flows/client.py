"""The public API as a patient client uses it while parts of the platform die: every
POST carries an ``Idempotency-Key`` that its retries reuse (an attempt that got no
answer or a 5xx may have changed something), a request that gets no answer or a 503 is
retried with backoff until a deadline, and every answer is counted (``answers``). A
refusal the caller waits out (a 404 until an event arrives) was final for its key, so
the next attempt is a new request with a new key."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection, Mapping
from typing import Any

import httpx

from stint_flows.answers import Answers

RETRY_AFTER_CAP_S = 2.0


class GaveUp(RuntimeError):
    """The platform did not answer as hoped before the deadline."""


class PatientClient:
    def __init__(self, base_url: str, answers: Answers, *, deadline_s: float = 120.0) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=15.0)
        self.answers = answers
        self.deadline_s = deadline_s

    async def close(self) -> None:
        await self._http.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        params: Mapping[str, str] | None = None,
        ok: Collection[int] = (200, 201, 204),
        wait_for: Collection[int] = (),
    ) -> httpx.Response:
        """The first answer with a status in ``ok``; ``wait_for`` statuses (a 404 while an
        event is on its way) are retried like an unavailable service."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if method == "POST":
            headers["Idempotency-Key"] = str(uuid.uuid4())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deadline_s
        delay = 0.1
        while True:
            reply: httpx.Response | None = None
            try:
                reply = await self._http.request(
                    method, path, json=body, params=params, headers=headers
                )
            except httpx.TransportError:
                self.answers.unreachable += 1
            if reply is not None:
                self.answers.record(
                    method, path, reply.status_code, reply.headers.get("retry-after"), reply.text
                )
                if reply.status_code in ok and not _still_running(reply):
                    return reply
                if not _worth_retrying(reply, wait_for):
                    raise GaveUp(f"{method} {path}: HTTP {reply.status_code} {reply.text[:300]}")
            if loop.time() > deadline:
                status = "no answer" if reply is None else f"{reply.status_code} {reply.text[:300]}"
                raise GaveUp(f"{method} {path}: still {status} after {self.deadline_s:.0f} s")
            self.answers.retries += 1
            if method == "POST" and reply is not None and reply.status_code in wait_for:
                # That answer was final and changed nothing, and the gateway replays it
                # for its key: asking again once the event is here is a new request.
                headers["Idempotency-Key"] = str(uuid.uuid4())
            pause = delay
            if reply is not None and reply.headers.get("retry-after", "").isdigit():
                pause = min(float(reply.headers["retry-after"]), RETRY_AFTER_CAP_S)
            await asyncio.sleep(pause)
            delay = min(delay * 2, 2.0)

    async def json(self, method: str, path: str, **options: Any) -> Any:
        return (await self.call(method, path, **options)).json()

    async def every(self, path: str, token: str, **query: str) -> list[dict[str, Any]]:
        """Every item of a paged list."""
        items: list[dict[str, Any]] = []
        params = {"limit": "100", **query}
        while True:
            page = await self.json("GET", path, token=token, params=params)
            items += page.get("items", [])
            cursor = page.get("next_cursor")
            if not cursor:
                return items
            params["cursor"] = str(cursor)


def _worth_retrying(reply: httpx.Response, wait_for: Collection[int]) -> bool:
    status = reply.status_code
    if status in wait_for or status >= 500:
        return True
    return _still_running(reply)


def _still_running(reply: httpx.Response) -> bool:
    """A retry of a keyed request whose first attempt is still running (or died with
    its gateway, until its lease ends): not an answer yet, whatever 409 means otherwise."""
    return reply.status_code == 409 and "retry-after" in reply.headers
