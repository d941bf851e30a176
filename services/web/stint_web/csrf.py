"""The form token check: a POST is refused unless it carries the session's form token,
in the form field or (for the page's own script) a header. The token lives in the
encrypted session cookie, which another site can neither read nor choose."""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs

__all__ = ["FIELD", "HEADER", "carries_token", "submitted_token"]

FIELD = "csrf_token"
HEADER = "x-csrf-token"


def submitted_token(content_type: str, body: bytes, header: str | None) -> str | None:
    if header:
        return header
    if content_type.split(";")[0].strip() != "application/x-www-form-urlencoded":
        return None
    values = parse_qs(body.decode("utf-8", "replace")).get(FIELD)
    return values[0] if values else None


def carries_token(expected: str, submitted: str | None) -> bool:
    return submitted is not None and hmac.compare_digest(expected, submitted)
