"""``Idempotency-Key`` on POST: the first request with a key claims it (a row inserted
before the work starts, so a concurrent duplicate cannot run too), its response is
stored before it is sent, and a retry with the same key and body gets that response
back without running again. A retry with another body is refused (422); one that
arrives while the first still runs gets 409 and ``Retry-After``.

A response of 500 or more is not stored: the key is freed so that the retry runs.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stint_gateway.http.problems import FieldProblem, ProblemError, problem_response
from stint_gateway.http.problems import validation_problem as _validation
from stint_gateway.http.routing import note_route
from stint_gateway.idempotency import store
from stint_gateway.idempotency.keys import (
    HEADER,
    KeyRef,
    StoredResponse,
    caller_scope,
    headers_to_store,
    key_problem,
    path_problem,
    request_fingerprint,
    response_headers,
)
from stint_gateway.state import GatewayState, gateway_state
from stint_gateway.tokens import InvalidToken

log = logging.getLogger(__name__)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, exempt_paths: Collection[str] = ()) -> None:
        self.app = app
        self._exempt = frozenset(exempt_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] in self._exempt:
            await self.app(scope, receive, send)
            return
        key = _header(scope, HEADER.encode())
        if key is None:
            await self.app(scope, receive, send)
            return
        try:
            await self._keyed(scope, receive, send, key)
        except ProblemError as problem:
            await problem_response(problem)(scope, receive, send)

    async def _keyed(self, scope: Scope, receive: Receive, send: Send, key: str) -> None:
        reason = key_problem(key)
        if reason is not None:
            raise _validation([FieldProblem(loc=["header", "Idempotency-Key"], msg=reason)])
        unstorable = path_problem(scope["path"])
        if unstorable is not None:
            raise ProblemError(*unstorable)
        state = gateway_state(scope["app"].state)
        body = await _read_body(receive)
        ref = KeyRef(_scope_of(state, scope), key, scope["method"], scope["path"])
        fingerprint = request_fingerprint(body)
        outcome = await _claim(state, ref, fingerprint)
        if isinstance(outcome, store.Existing):
            note_route(scope)
            await _answer_existing(outcome, fingerprint, send)
            return
        response = await self._run(scope, _replay(body, receive), state, ref, outcome)
        await _send(response, send, replayed=False)

    async def _run(
        self,
        scope: Scope,
        receive: Receive,
        state: GatewayState,
        ref: KeyRef,
        claim: store.Claimed,
    ) -> StoredResponse:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await store.release(state.pool, ref, claim.claimed_at)
            raise
        response = StoredResponse(
            int(start.get("status", 500)), b"".join(chunks), headers_to_store(start["headers"])
        )
        if response.status >= 500:
            await store.release(state.pool, ref, claim.claimed_at)
        else:
            await store.complete(state.pool, ref, claim.claimed_at, response)
        return response


async def _claim(
    state: GatewayState, ref: KeyRef, fingerprint: str
) -> store.Claimed | store.Existing:
    settings = state.settings
    for _ in range(3):
        outcome = await store.claim(
            state.pool,
            ref,
            fingerprint,
            ttl_s=settings.idempotency_ttl_hours * 3600,
            lease_s=settings.idempotency_lease_s,
        )
        if outcome != "vanished":
            return outcome
    raise ProblemError(409, "This Idempotency-Key is being reused concurrently; retry.")


async def _answer_existing(existing: store.Existing, fingerprint: str, send: Send) -> None:
    if existing.request_hash != fingerprint:
        raise _validation(
            [
                FieldProblem(
                    loc=["header", "Idempotency-Key"],
                    msg="was already used with a different request body",
                )
            ]
        )
    if existing.response is None:
        raise ProblemError(
            409,
            "A request with this Idempotency-Key is still being processed; retry later.",
            headers={"Retry-After": "1"},
        )
    await _send(existing.response, send, replayed=True)


async def _send(response: StoredResponse, send: Send, *, replayed: bool) -> None:
    headers = response_headers(response.headers, len(response.body), replayed=replayed)
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _scope_of(state: GatewayState, scope: Scope) -> str:
    """Keys belong to the authenticated caller; without a valid token, to anonymous
    callers (whose request then fails authentication where it needs it)."""
    authorization = _header(scope, b"authorization") or ""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return caller_scope(None)
    try:
        return caller_scope(state.tokens.verify(token.strip()).account_id)
    except InvalidToken:
        return caller_scope(None)


async def _read_body(receive: Receive) -> bytes:
    """The whole body (``BodyLimitMiddleware``, outside this one, bounds its size)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ProblemError(400, "The client went away.")
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, once; then whatever the connection says (disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
