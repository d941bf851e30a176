"""Headers every answer carries, for clients and the proxies between them:

- ``X-Content-Type-Options: nosniff`` on every response (JSON is never sniffed as HTML);
- ``Cache-Control: private, no-store`` on every answer to a request that carried
  credentials, unless the route set a Cache-Control of its own: what one account reads
  must not be kept by a shared cache, nor by the browser;
- ``Strict-Transport-Security`` in production, where the API is served over HTTPS.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HSTS", "ResponseHeadersMiddleware"]

HSTS = "max-age=63072000; includeSubDomains"


class ResponseHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, strict_transport: bool = False) -> None:
        self.app = app
        self._strict_transport = strict_transport

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        credentials = any(name == b"authorization" for name, _ in scope["headers"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("x-content-type-options", "nosniff")
                if credentials:
                    headers.setdefault("cache-control", "private, no-store")
                if self._strict_transport:
                    headers.setdefault("strict-transport-security", HSTS)
            await send(message)

        await self.app(scope, receive, with_headers)
