"""The route template a request matched ("/v1/listings/{listing_id}"), for metric
labels and span names that do not grow with every id."""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import Scope

UNMATCHED = "<unmatched>"


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


def note_route(scope: Scope) -> None:
    """Find and record the route of a request the router did not see (a replayed
    idempotent response), so that it is still counted under its template."""
    for route in scope["app"].router.routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            scope["route"] = route
            return
