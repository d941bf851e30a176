"""The pure part of idempotency keys: request fingerprints, keys, stored headers."""

from __future__ import annotations

import json

from stint_gateway.idempotency.keys import (
    caller_scope,
    headers_to_store,
    key_problem,
    path_problem,
    request_fingerprint,
    response_headers,
)


def test_fingerprint_ignores_json_formatting_and_key_order() -> None:
    compact = b'{"title":"A","pay":{"amount_cents":1,"currency":"EUR"}}'
    spaced = json.dumps(
        {"pay": {"currency": "EUR", "amount_cents": 1}, "title": "A"}, indent=2
    ).encode()
    assert request_fingerprint(compact) == request_fingerprint(spaced)


def test_fingerprint_tells_different_bodies_apart() -> None:
    assert request_fingerprint(b'{"title":"A"}') != request_fingerprint(b'{"title":"B"}')
    assert request_fingerprint(b'{"n":1}') != request_fingerprint(b'{"n":"1"}')
    assert request_fingerprint(b"") != request_fingerprint(b"{}")
    # Not JSON: compared byte for byte, and never equal to a JSON body.
    assert request_fingerprint(b"not json") != request_fingerprint(b"not json ")
    assert request_fingerprint(b'"x"') != request_fingerprint(b"x")


def test_fingerprint_of_bodies_json_cannot_canonicalise() -> None:
    # Nested deeper than the parser goes: compared byte for byte, not an error.
    deep = b"[" * 100_000 + b"]" * 100_000
    assert request_fingerprint(deep) == request_fingerprint(deep)
    assert request_fingerprint(deep) != request_fingerprint(deep[1:-1])
    # A lone surrogate escape parses, but is not UTF-8 when written back.
    assert request_fingerprint(b'{"a":"\\ud800"}') != request_fingerprint(b'{"a":"\\ud801"}')


def test_paths_a_key_cannot_be_stored_with() -> None:
    assert path_problem("/v1/listings/0b7c3d1e-8c1f-4a57-9d7e-1c2b3a4d5e6f/publish") is None
    assert path_problem("/v1/listings/" + "ab" * 600) is not None
    assert path_problem("/v1/listings/\x00/publish") is not None


def test_empty_bodies_are_the_same_request() -> None:
    assert request_fingerprint(b"") == request_fingerprint(b"  \n")


def test_keys_are_scoped_by_caller() -> None:
    assert caller_scope("a1") == "account:a1"
    assert caller_scope(None) == "anonymous"


def test_key_rules() -> None:
    assert key_problem("0b7c3d1e-retry") is None
    assert key_problem("") is not None
    assert key_problem("   ") is not None
    assert key_problem("x" * 256) is not None
    assert key_problem("line\nbreak") is not None


def test_transport_headers_are_not_stored() -> None:
    stored = headers_to_store(
        [
            (b"content-type", b"application/json"),
            (b"content-length", b"12"),
            (b"date", b"today"),
            (b"location", b"/v1/listings/1"),
        ]
    )
    assert stored == [("content-type", "application/json"), ("location", "/v1/listings/1")]


def test_replayed_response_says_so() -> None:
    stored = [("content-type", "application/json")]
    first = response_headers(stored, 12, replayed=False)
    replay = response_headers(stored, 12, replayed=True)
    assert (b"content-length", b"12") in first
    assert (b"idempotent-replayed", b"true") not in first
    assert (b"idempotent-replayed", b"true") in replay
