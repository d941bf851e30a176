"""The session around every request, as plain ASGI: the cookie is read into
``request.state.session`` before the page runs, a POST without the session's form token
is refused before the page sees it, and a changed (or new) session is written back as
an HttpOnly, SameSite=Lax cookie (Secure outside development)."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stint_web.csrf import HEADER, carries_token, submitted_token
from stint_web.session import COOKIE, Session, SessionCodec

__all__ = ["SessionMiddleware"]

MAX_FORM_BYTES = 64 * 1024

REFUSED = (
    b"<!doctype html><html lang=en><title>Form expired</title>"
    b"<h1>This form has expired</h1><p>Go back, reload the page and send it again.</p>"
)


class SessionMiddleware:
    def __init__(self, app: ASGIApp, codec: SessionCodec, *, secure: bool, max_age_s: int) -> None:
        self._app = app
        self._codec = codec
        self._secure = secure
        self._max_age_s = max_age_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = SimpleCookie(headers.get("cookie", ""))
        found = self._codec.decode(cookies[COOKIE].value if COOKIE in cookies else None)
        session = found or Session()
        scope.setdefault("state", {})["session"] = session
        if scope["method"] == "POST":
            body = await _read_body(receive)
            if body is None or not carries_token(
                session.csrf,
                submitted_token(headers.get("content-type", ""), body, headers.get(HEADER)),
            ):
                await _refuse(send, 413 if body is None else 403)
                return
            receive = _replay(body)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                current: Session = scope["state"]["session"]
                if current is not found:
                    MutableHeaders(scope=message).append("set-cookie", self._cookie(current))
            await send(message)

        await self._app(scope, receive, send_with_cookie)

    def _cookie(self, session: Session) -> str:
        attributes = [
            f"{COOKIE}={self._codec.encode(session)}",
            "Path=/",
            f"Max-Age={self._max_age_s}",
            "HttpOnly",
            "SameSite=Lax",
        ]
        if self._secure:
            attributes.append("Secure")
        return "; ".join(attributes)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None past the limit (a form of this app is never that big)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _refuse(send: Send, status: int) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/html; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": REFUSED})
