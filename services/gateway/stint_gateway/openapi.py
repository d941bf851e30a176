"""The OpenAPI document: errors are documented as problem+json (the Problem schema),
including the 422 replies FastAPI would otherwise describe in its own shape, and every
POST that honours it takes the ``Idempotency-Key`` header."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from stint_gateway.http.problems import PROBLEM_CONTENT, Problem
from stint_gateway.idempotency.keys import MAX_KEY_LENGTH

_REF_TEMPLATE = "#/components/schemas/{model}"

# Read by the idempotency middleware, which route signatures do not show.
_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A retry with the same key and body gets the first response back and "
    "changes nothing twice.",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


def _problem_schemas() -> dict[str, Any]:
    schema = Problem.model_json_schema(ref_template=_REF_TEMPLATE)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    return {**definitions, "Problem": schema}


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
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Invalid request", "content": PROBLEM_CONTENT}
            if method == "post" and path not in idempotency_exempt:
                operation.setdefault("parameters", []).append(dict(_IDEMPOTENCY_KEY))
    return document


def install_openapi(app: FastAPI, *, idempotency_exempt: Collection[str] = ()) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app, idempotency_exempt)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
