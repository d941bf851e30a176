"""The credential check judges signatures with the published keys and reads the
revocation bit; made here with joserfc (the signing side's library), checked with PyJWT."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import OKPKey

from stint_web.verification import Unverified, revoked_in, verified_payload, within_dates

# The platform signs with "EdDSA" (RFC 8037), which joserfc marks deprecated in favour
# of RFC 9864's "Ed25519"; PyJWT verifies the former.
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")


def _signed(key: OKPKey, payload: dict[str, Any], typ: str = "vc+jwt") -> str:
    header = {"alg": "EdDSA", "typ": typ, "kid": key.kid}
    return jws.serialize_compact(header, json.dumps(payload).encode(), key, algorithms=["EdDSA"])


def _key() -> OKPKey:
    key = OKPKey.generate_key("Ed25519")
    key.ensure_kid()
    return key


def _jwks(key: OKPKey) -> dict[str, Any]:
    return {"keys": [key.as_dict(private=False)]}


def test_a_credential_signed_by_a_published_key_verifies() -> None:
    key = _key()
    kid, payload = verified_payload(_signed(key, {"name": "Completed"}), _jwks(key))
    assert kid == key.kid and payload == {"name": "Completed"}


def test_an_unpublished_key_a_changed_payload_or_a_wrong_type_does_not() -> None:
    key, other = _key(), _key()
    token = _signed(key, {"name": "Completed"})
    with pytest.raises(Unverified, match="not among the published keys"):
        verified_payload(token, _jwks(other))
    head, _, signature = token.split(".")
    forged = base64.urlsafe_b64encode(b'{"name": "Forged"}').decode().rstrip("=")
    with pytest.raises(Unverified, match="does not verify"):
        verified_payload(f"{head}.{forged}.{signature}", _jwks(key))
    with pytest.raises(Unverified, match="unexpected header"):
        verified_payload(_signed(key, {}, typ="JWT"), _jwks(key))
    with pytest.raises(Unverified, match="not a compact JWS"):
        verified_payload("nonsense", _jwks(key))


def _status_list(bits: bytes) -> dict[str, Any]:
    encoded = base64.urlsafe_b64encode(gzip.compress(bits)).decode().rstrip("=")
    return {"credentialSubject": {"encodedList": "u" + encoded}}


def test_the_revocation_bit_is_read_leftmost_first() -> None:
    listed = _status_list(bytes([0b0100_0000, 0]))
    assert revoked_in(listed, 1)
    assert not revoked_in(listed, 0) and not revoked_in(listed, 9)
    with pytest.raises(ValueError, match="outside"):
        revoked_in(listed, 16)


def test_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2027, 1, 1, tzinfo=UTC)
    assert within_dates({"validFrom": "2026-12-01T00:00:00Z"}, now)[0]
    assert not within_dates({"validFrom": "2027-02-01T00:00:00Z"}, now)[0]
    assert not within_dates(
        {"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2026-06-01T00:00:00Z"}, now
    )[0]
    assert not within_dates({}, now)[0]
