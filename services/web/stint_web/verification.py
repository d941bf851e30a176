"""Checking a completion credential as anyone could: its EdDSA signature against the
keys the platform publishes (``/.well-known/jwks.json``), its header, its dates, and its
revocation bit in the signed status list. Verified with PyJWT, a different library from
the one that signs, so that one library's mistake cannot hide itself. Pure: the page
fetches the documents, this only judges them."""

from __future__ import annotations

import base64
import gzip
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jwt

__all__ = ["Check", "Unverified", "Verdict", "revoked_in", "verified_payload"]

ALGORITHMS = ["EdDSA"]
MAX_LIST_BYTES = 16 * 1024 * 1024


class Unverified(Exception):
    """A document that did not verify; the message says why."""


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok


def keys_of(jwks: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(key.get("kid")): dict(key) for key in jwks.get("keys", []) if isinstance(key, dict)}


def verified_payload(token: str, jwks: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The key id and the payload of a compact JWS signed by one of the published keys."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise Unverified(f"not a compact JWS: {exc}") from None
    kid, alg = header.get("kid"), header.get("alg")
    if alg not in ALGORITHMS or header.get("typ") != "vc+jwt":
        raise Unverified(f"unexpected header: alg {alg!r}, typ {header.get('typ')!r}")
    key = keys_of(jwks).get(str(kid))
    if key is None:
        raise Unverified(f"key {kid!r} is not among the published keys")
    try:
        public = jwt.PyJWK(key, algorithm="EdDSA").key
        payload = jwt.api_jws.PyJWS().decode_complete(token, public, algorithms=ALGORITHMS)
        document = json.loads(payload["payload"])
    except (jwt.PyJWTError, ValueError) as exc:
        raise Unverified(f"the signature does not verify: {exc}") from None
    if not isinstance(document, dict):
        raise Unverified("the payload is not a JSON object")
    return str(kid), document


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def within_dates(document: Mapping[str, Any], now: datetime) -> tuple[bool, str]:
    try:
        start, end = _moment(document.get("validFrom")), _moment(document.get("validUntil"))
    except ValueError:
        return False, "its dates are not RFC 3339"
    if start is None:
        return False, "it names no validFrom"
    ok = start <= now and (end is None or now < end)
    until = f" until {end:%-d %b %Y}" if end else ""
    return ok, f"valid from {start:%-d %b %Y}{until}"


def revoked_in(status_list: Mapping[str, Any], index: int) -> bool:
    """Whether entry ``index`` is set in a Bitstring Status List credential's
    ``encodedList`` (multibase base64url of the GZIP of the bits; bit 0 leftmost)."""
    subject = status_list.get("credentialSubject") or {}
    encoded = str(subject.get("encodedList", ""))
    if not encoded.startswith("u"):
        raise ValueError("the status list is not multibase base64url")
    body = encoded[1:] + "=" * (-len(encoded[1:]) % 4)
    try:
        packed = base64.b64decode(body, altchars=b"-_", validate=True)
        with gzip.GzipFile(fileobj=io.BytesIO(packed)) as stream:
            bits = stream.read(MAX_LIST_BYTES + 1)
    except (ValueError, OSError, EOFError) as exc:
        raise ValueError(f"the status list does not decode: {exc}") from None
    if not 0 <= index < min(len(bits), MAX_LIST_BYTES) * 8:
        raise ValueError(f"status index {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
