"""The document itself: FastAPI's, made exact. Errors are problem+json (the Problem
schema), including the 422 replies FastAPI would describe in its own shape; every
status the gateway's own layers can answer is listed where they answer it (400 for a
body that cannot be read, 413 past the body limit, the Idempotency-Key's 409 and 422);
routes anyone may call say that a token is optional; each operation names the roles
its contract admits (``x-stint-roles``); list cursors and the idempotency key say
which values are taken; and the links between operations are declared."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from stint_gateway.http.problems import PROBLEM_CONTENT, RULES_KEY, Problem
from stint_gateway.idempotency.keys import MAX_KEY_LENGTH
from stint_gateway.openapi.access import RouteAccess, route_access
from stint_gateway.openapi.links import add_links
from stint_gateway.openapi.methods import answer_every_method

__all__ = ["CURSOR_FORMAT", "IDEMPOTENCY_KEY_PATTERN", "install_openapi"]

_REF_TEMPLATE = "#/components/schemas/{model}"
_BEARER = "HTTPBearer"

CURSOR_FORMAT = "stint-cursor"
"""A list's ``cursor``: the ``next_cursor`` of an earlier page of the same list."""

# What the idempotency middleware takes (``key_problem``): printable characters as
# HTTP carries them (Latin-1), not only spaces.
_VISIBLE = r"\x21-\x7e\xa1-\xac\xae-\xff"
_PRINTABLE = rf"\x20{_VISIBLE}"
IDEMPOTENCY_KEY_PATTERN = f"^[{_PRINTABLE}]*[{_VISIBLE}][{_PRINTABLE}]*$"

# Read by the idempotency middleware, which route signatures do not show.
_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A retry with the same key and body gets the first response back and "
    "changes nothing twice. Keys are the caller's own and kept for 24 hours; the same key "
    "with another body is refused (422), and while its first request is still running "
    "(409, retry after Retry-After).",
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_KEY_LENGTH,
        "pattern": IDEMPOTENCY_KEY_PATTERN,
    },
}

_INVALID = "Invalid request: each entry of `errors` names a field and what is wrong with it."
_UNREADABLE = "The request body could not be read: it is not UTF-8 text."
_TOO_LARGE = "The request body is larger than the gateway takes (1 MiB)."
_KEYED = {
    "400": "The request path cannot be remembered for its Idempotency-Key (it holds NUL).",
    "409": "A request with this Idempotency-Key is still running; retry after Retry-After.",
    "414": "The request path is too long to be remembered for its Idempotency-Key.",
    "422": "An Idempotency-Key that is empty, not printable, too long, or already used "
    "with another body is refused too (`loc`: header, Idempotency-Key).",
}


# Text the services keep is Postgres text, which cannot hold U+0000: every service
# refuses it, naming the field.
_NO_NUL = r"^[^\x00]*$"
_SAID_ELSEWHERE = ("pattern", "format", "enum", "const")


def _without_nul(node: Any) -> None:
    """Declares, on every plain text schema and map key under ``node``, that NUL is
    refused."""
    if isinstance(node, list):
        for item in node:
            _without_nul(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not any(key in node for key in _SAID_ELSEWHERE):
        node["pattern"] = _NO_NUL
    if node.get("type") == "object" and "additionalProperties" in node:
        # A map's keys are text the services keep too.
        node.setdefault("propertyNames", {"type": "string", "pattern": _NO_NUL})
    for key, value in node.items():
        if key not in ("examples", "default", "example"):
            _without_nul(value)


def _refs(node: Any) -> set[str]:
    if isinstance(node, list):
        return {name for item in node for name in _refs(item)}
    if not isinstance(node, dict):
        return set()
    found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
    return found.union(*(_refs(value) for value in node.values()))


def _request_schemas(document: dict[str, Any]) -> set[str]:
    """The component schemas requests use (answers may echo what a request sent)."""
    schemas = document["components"]["schemas"]
    pending = {
        name
        for operations in document["paths"].values()
        for operation in operations.values()
        for name in _refs(operation.get("requestBody", {}))
    }
    found: set[str] = set()
    while pending:
        name = pending.pop()
        found.add(name)
        pending |= _refs(schemas[name]) - found
    return found


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": PROBLEM_CONTENT}


def _problem_schemas() -> dict[str, Any]:
    schema = Problem.model_json_schema(ref_template=_REF_TEMPLATE)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    return {**definitions, "Problem": schema}


def _declare(responses: dict[str, Any], status: str, description: str) -> None:
    """Adds the problem ``status`` with ``description``, or adds the description to
    the one a route declared."""
    found = responses.get(status)
    if found is None:
        responses[status] = _problem(description)
        return
    said: str = found.get("description", "")
    if description not in said:
        found["description"] = f"{said.rstrip('.')}. {description}" if said else description


def _declare_access(operation: dict[str, Any], access: RouteAccess) -> None:
    responses = operation["responses"]
    if access.reads_token:
        _declare(responses, "401", "The bearer token is missing, expired or not valid.")
        if not access.signed_in:
            # Anyone may call: without a token too (OpenAPI's empty requirement).
            operation["security"] = [{_BEARER: []}, {}]
    if access.roles:
        operation["x-stint-roles"] = list(access.roles)
        names = " or ".join(f"{role}s" for role in access.roles)
        _declare(responses, "403", f"Only {names} may call this.")


def _declare_cursor(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter["name"] == "cursor":
            parameter["schema"]["format"] = CURSOR_FORMAT
            parameter["description"] = (
                "The `next_cursor` of the previous page of this list (empty: the first "
                "page). Any other value is refused with 422."
            )


def _declare_rules(operation: dict[str, Any]) -> None:
    rules: dict[str, str] = operation.get(RULES_KEY, {})
    if rules:
        said = "; ".join(f"`{where}` {why}" for where, why in rules.items())
        _declare(operation["responses"], "422", f"Also by rules the schema cannot say: {said}.")


def _declare_idempotency(operation: dict[str, Any]) -> None:
    operation.setdefault("parameters", []).append(dict(_IDEMPOTENCY_KEY))
    for status, description in _KEYED.items():
        _declare(operation["responses"], status, description)
    _declare(operation["responses"], "413", _TOO_LARGE)


def _routes(app: FastAPI) -> dict[tuple[str, str], APIRoute]:
    return {
        (method.lower(), route.path_format): route
        for route in app.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods or ()
    }


def _document(app: FastAPI, idempotency_exempt: Collection[str]) -> dict[str, Any]:
    document = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(_problem_schemas())
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    routes = _routes(app)
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = _problem(_INVALID)
            _declare_access(operation, route_access(routes[(method, path)]))
            _declare_cursor(operation)
            _declare_rules(operation)
            _without_nul(operation.get("parameters", []))
            if "requestBody" in operation:
                _declare(responses, "400", _UNREADABLE)
                _declare(responses, "413", _TOO_LARGE)
            if method == "post" and path not in idempotency_exempt:
                _declare_idempotency(operation)
            operation["responses"] = dict(sorted(responses.items()))
    for name in _request_schemas(document):
        _without_nul(schemas[name])
    add_links(document)
    return document


def install_openapi(app: FastAPI, *, idempotency_exempt: Collection[str] = ()) -> None:
    """Serves the exact document at ``/openapi.json`` and answers every documented
    path's other methods (``OPTIONS``, 405). Call it once all routers are included."""
    answer_every_method(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app, idempotency_exempt)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
