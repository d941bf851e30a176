"""The verifier's checks, on texts already read from files: a credential (its compact
JWT, or a JSON reply or envelope holding it), a JWK Set, and status list credentials.
Each check says what it found, so that a failure explains itself."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jwt

from stint_reputation.domain.bitstring import decode_list, is_set

__all__ = ["Check", "Report", "jwt_of", "verify_credential"]

ALGORITHMS = ["EdDSA", "Ed25519"]
ENVELOPE_PREFIX = "data:application/vc+jwt,"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    credential: Mapping[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok


class _Refused(Exception):
    pass


def jwt_of(text: str) -> str:
    """The compact JWT in a saved file: the JWT itself, the gateway's JSON reply
    (``{"jwt": ...}``) or an EnvelopedVerifiableCredential."""
    text = text.strip()
    if not text.startswith("{"):
        return text
    try:
        document = json.loads(text)
    except ValueError:
        raise ValueError("neither a compact JWT nor JSON") from None
    if isinstance(document, dict):
        if isinstance(document.get("jwt"), str):
            return str(document["jwt"])
        envelope = document.get("id")
        if isinstance(envelope, str) and envelope.startswith(ENVELOPE_PREFIX):
            return envelope.removeprefix(ENVELOPE_PREFIX)
    raise ValueError("the JSON holds no JWT (no 'jwt' member, no enveloped credential)")


def _verified(
    token: str, keys: Mapping[str, Mapping[str, Any]], report: Report, what: str
) -> dict[str, Any]:
    """The payload of a JWT signed by one of ``keys``, with checks added to ``report``."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        report.add(f"{what} format", False, f"not a compact JWS: {exc}")
        raise _Refused from None
    typ, alg, kid = header.get("typ"), header.get("alg"), header.get("kid")
    if not report.add(
        f"{what} header",
        typ == "vc+jwt" and alg in ALGORITHMS and isinstance(kid, str),
        f"typ={typ!r} alg={alg!r} kid={kid!r} (want typ 'vc+jwt', alg EdDSA, a kid)",
    ):
        raise _Refused
    key = keys.get(str(kid))
    if not report.add(
        f"{what} key", key is not None, f"kid {kid!r} {'is' if key else 'is not'} in the JWK Set"
    ):
        raise _Refused
    try:
        public = jwt.PyJWK(dict(key or {}), algorithm="EdDSA").key
        payload = jwt.api_jws.PyJWS().decode_complete(token, public, algorithms=ALGORITHMS)[
            "payload"
        ]
        document = json.loads(payload)
    except (jwt.PyJWTError, ValueError) as exc:
        report.add(f"{what} signature", False, f"does not verify: {exc}")
        raise _Refused from None
    report.add(f"{what} signature", True, f"EdDSA signature by key {kid}")
    if not isinstance(document, dict):
        report.add(f"{what} payload", False, "the payload is not a JSON object")
        raise _Refused
    return document


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _dates(document: Mapping[str, Any], now: datetime, report: Report, what: str) -> None:
    try:
        valid_from, valid_until = (
            _moment(document.get("validFrom")),
            _moment(document.get("validUntil")),
        )
    except ValueError as exc:
        report.add(f"{what} dates", False, f"not RFC 3339: {exc}")
        return
    if valid_from is None:
        report.add(f"{what} dates", False, "no validFrom")
        return
    late = valid_until is not None and now >= valid_until
    report.add(
        f"{what} dates",
        valid_from <= now and not late,
        f"valid from {valid_from.isoformat()}"
        + (f" until {valid_until.isoformat()}" if valid_until else "")
        + f"; checked at {now.isoformat()}",
    )


def _claimed_id(token: str) -> object:
    """The ``id`` a JWT's payload claims, before anything is verified (to pick the
    status list a credential names out of several files)."""
    try:
        payload = jwt.api_jws.PyJWS().decode_complete(token, options={"verify_signature": False})[
            "payload"
        ]
        document = json.loads(payload)
    except (jwt.PyJWTError, ValueError):
        return None
    return document.get("id") if isinstance(document, dict) else None


def _status(
    entry: Mapping[str, Any],
    lists: Sequence[str],
    keys: Mapping[str, Mapping[str, Any]],
    now: datetime,
    report: Report,
) -> None:
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose")
    tokens = []
    for text in lists:
        try:
            tokens.append(jwt_of(text))
        except ValueError:
            continue
    token = next((t for t in tokens if _claimed_id(t) == url), None)
    if token is None:
        report.add("status", False, f"no saved status list is {url}")
        return
    document = _verified(token, keys, report, "status list")
    _dates(document, now, report, "status list")
    subject = document.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        report.add("status", False, f"the list's purpose is not {purpose!r}")
        return
    try:
        index = int(str(entry.get("statusListIndex")))
        bits = decode_list(str(subject.get("encodedList", "")))
        revoked = is_set(bits, index)
    except ValueError as exc:
        report.add("status", False, str(exc))
        return
    report.add("status", not revoked, f"{purpose} bit {index} is {int(revoked)} in {url}")


def verify_credential(
    credential: str,
    jwks: str,
    status_lists: Sequence[str],
    now: datetime,
    *,
    check_status: bool = True,
) -> Report:
    """Check everything; the report is valid only when every check passed."""
    report = Report()
    try:
        keys = {str(k.get("kid")): k for k in json.loads(jwks).get("keys", [])}
        token = jwt_of(credential)
    except (ValueError, AttributeError) as exc:
        report.add("input", False, str(exc))
        return report
    try:
        document = _verified(token, keys, report, "credential")
        report.credential = document
        types = document.get("type") or []
        report.add("type", "VerifiableCredential" in types, f"type {types}")
        _dates(document, now, report, "credential")
        entry = document.get("credentialStatus")
        if check_status and isinstance(entry, dict):
            _status(entry, status_lists, keys, now, report)
    except _Refused:
        pass
    return report
