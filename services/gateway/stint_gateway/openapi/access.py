"""Who may call a route, read from the route's own dependencies, so that the document
says what the gateway does: a route taking ``CurrentCaller`` (or ``allowed(...)``)
needs a bearer token, one taking ``OptionalCaller`` serves anyone and reads a token
when one is sent (a bad one is a 401 all the same), and the roles a route admits are
the ones its contract method declares."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, get_args

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from stint_gateway.dependencies import CurrentCaller, OptionalCaller
from stint_runtime.contract import Access

__all__ = ["RouteAccess", "route_access"]


def _dependency_of(alias: Any) -> Callable[..., Any]:
    """The function behind an ``Annotated[..., Depends(f)]`` alias."""
    call: Callable[..., Any] = get_args(alias)[1].dependency
    return call


_SIGNED_IN = _dependency_of(CurrentCaller)
_READS_TOKEN = _dependency_of(OptionalCaller)


@dataclass(frozen=True)
class RouteAccess:
    reads_token: bool
    """A bearer token is read when sent: a bad one is answered 401."""
    signed_in: bool
    """Only a signed-in caller is served."""
    roles: tuple[str, ...]
    """The roles the route's contract method admits; empty: every signed-in role."""


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def _declared_access(call: Callable[..., Any]) -> Access | None:
    # ``allowed(service, method)`` closes over the method's declared Access.
    if not inspect.isfunction(call):
        return None
    found = inspect.getclosurevars(call).nonlocals.get("access")
    return found if isinstance(found, Access) else None


def route_access(route: APIRoute) -> RouteAccess:
    calls = list(_calls(route.dependant))
    roles: list[str] = []
    for call in calls:
        access = _declared_access(call)
        if access is not None:
            roles.extend(role for role in access.roles if role not in roles)
    return RouteAccess(
        reads_token=_READS_TOKEN in calls,
        signed_in=_SIGNED_IN in calls,
        roles=tuple(roles),
    )
