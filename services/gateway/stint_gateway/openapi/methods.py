"""Every path answers for all of its methods as the document lists them: ``OPTIONS``
says which methods the path has (``Allow``), and a method it does not have is 405
with the same ``Allow``. Starlette alone would name only the methods of the first
route that matched the path, and a path's methods are often several routes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from stint_gateway.http.problems import ProblemError

__all__ = ["answer_every_method"]

# Every method of HTTP (RFC 9110 and PATCH): the ones a path lacks are answered here.
_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}
)


def _answer(allow: str) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": allow})
        raise ProblemError(405, f"This resource allows {allow} only.", headers={"Allow": allow})

    return answer


def answer_every_method(app: FastAPI) -> None:
    """Adds, after every route of ``app``, one per documented path that answers the
    methods none of that path's routes has. Call it once all routers are included."""
    methods: dict[str, set[str]] = {}
    for route in app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            methods.setdefault(route.path, set()).update(route.methods or ())
    for path, found in methods.items():
        allow = ", ".join(sorted(found | {"OPTIONS"}))
        others = sorted(_METHODS - found)
        app.router.routes.append(
            Route(path, _answer(allow), methods=others, include_in_schema=False)
        )
