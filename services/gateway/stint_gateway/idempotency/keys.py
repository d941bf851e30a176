"""Idempotency keys, the pure part: what identifies a request and what of a response
is kept for replaying it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from stint_runtime.text import nul_errors

HEADER = "idempotency-key"
REPLAYED_HEADER = "idempotent-replayed"
MAX_KEY_LENGTH = 255
# With the key and the caller, the path must fit one row of the table's primary key
# index (about 2.7 kB); no path of the API comes near this.
MAX_PATH_BYTES = 1024
ANONYMOUS_SCOPE = "anonymous"
# Transport headers belong to the connection that carried the first response, not to
# the response itself.
_NOT_STORED = frozenset({b"content-length", b"date", b"server", b"connection", b"traceparent"})


@dataclass(frozen=True)
class KeyRef:
    """Where a key lives: keys are per caller, method and path."""

    scope: str
    key: str
    method: str
    path: str


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: bytes
    headers: list[tuple[str, str]]


def caller_scope(account_id: str | None) -> str:
    return f"account:{account_id}" if account_id else ANONYMOUS_SCOPE


def key_problem(key: str) -> str | None:
    """Why ``key`` is not acceptable, or None."""
    if not key.strip():
        return "must not be empty"
    if len(key) > MAX_KEY_LENGTH:
        return f"must be at most {MAX_KEY_LENGTH} characters"
    if not key.isprintable():
        return "must be printable characters"
    return None


def path_problem(path: str) -> tuple[int, str] | None:
    """Why a keyed request to ``path`` cannot be remembered (the status to answer and
    the reason), or None. The path is stored as text, which cannot hold U+0000."""
    if nul_errors((), path):
        return 400, "The request path must not contain the NUL character."
    if len(path.encode()) > MAX_PATH_BYTES:
        return 414, f"The request path is longer than {MAX_PATH_BYTES} bytes."
    return None


def request_fingerprint(body: bytes) -> str:
    """A hash of the request body that ignores JSON formatting (key order, spaces),
    so a client that re-serializes the same document still matches."""
    if not body.strip():
        canonical = b"empty:"
    else:
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            # Not JSON, or nested too deeply to parse: compared byte for byte.
            canonical = b"raw:" + body
        else:
            text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            # A "\ud800" escape decodes to a lone surrogate, which strict UTF-8 refuses.
            canonical = b"json:" + text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(canonical).hexdigest()


def headers_to_store(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, value in raw
        if name.lower() not in _NOT_STORED
    ]


def response_headers(
    stored: list[tuple[str, str]], body_length: int, *, replayed: bool
) -> list[tuple[bytes, bytes]]:
    """The stored headers, the body's length, and whether this is a replay."""
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in stored]
    headers.append((b"content-length", str(body_length).encode()))
    if replayed:
        headers.append((REPLAYED_HEADER.encode(), b"true"))
    return headers
