"""Every request body is bounded: a client cannot make the gateway buffer megabytes of
JSON. Too large → 413 problem+json, whether ``Content-Length`` says so up front or
the streamed body grows past the limit."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stint_gateway.http.problems import ProblemError, problem_response

MAX_BODY_BYTES = 1 << 20


def too_large(limit: int) -> ProblemError:
    """The problem a too-large body gets."""
    return ProblemError(413, f"The request body is larger than {limit} bytes.")


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self._limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self._limit:
            await problem_response(too_large(self._limit))(scope, receive, send)
            return
        await _BoundedRequest(self.app, self._limit, scope, receive, send).run()


class _BoundedRequest:
    """A body streamed past the limit gets the 413 at once; the app then sees the
    client as gone, and whatever it answers after that is dropped."""

    def __init__(self, app: ASGIApp, limit: int, scope: Scope, receive: Receive, send: Send):
        self._app, self._limit, self._scope = app, limit, scope
        self._receive, self._send = receive, send
        self._seen = 0
        self._refused = False
        self._started = False

    async def run(self) -> None:
        await self._app(self._scope, self._counted, self._guarded)

    async def _counted(self) -> Message:
        if self._refused:
            return {"type": "http.disconnect"}
        message = await self._receive()
        self._seen += len(message.get("body", b""))
        if self._seen > self._limit:
            self._refused = True
            if not self._started:
                await problem_response(too_large(self._limit))(
                    self._scope, self._receive, self._send
                )
            return {"type": "http.disconnect"}
        return message

    async def _guarded(self, message: Message) -> None:
        if self._refused:
            return
        if message["type"] == "http.response.start":
            self._started = True
        await self._send(message)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
