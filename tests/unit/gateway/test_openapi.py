"""The OpenAPI document against the contract's conventions."""

from __future__ import annotations

from stint_gateway.app import IDEMPOTENCY_EXEMPT, create_app
from stint_gateway.settings import GatewaySettings


def test_every_post_that_honours_it_documents_the_idempotency_key() -> None:
    document = create_app(GatewaySettings(env="test")).openapi()
    posts = {
        path: operations["post"]
        for path, operations in document["paths"].items()
        if "post" in operations
    }
    assert "/v1/listings" in posts and "/v1/listings/{listing_id}/applications" in posts
    for path, operation in posts.items():
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert ("Idempotency-Key" in headers) is (path not in IDEMPOTENCY_EXEMPT), path
