"""Completion credentials are Open Badges 3.0 OpenBadgeCredentials on VC 2.0, secured
as VC-JOSE-COSE JWTs: verified here with jwcrypto (joserfc signs), the payload is the
credential itself, and a changed byte fails."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from stint_reputation.domain.documents import (
    OB_CONTEXT,
    VC_CONTEXT,
    StatusEntry,
    completion_credential,
    status_list_credential,
)
from stint_reputation.domain.signing import SigningKey
from tests.unit.reputation.examples import ISSUER, NOW, completion


def verified(token: str, public: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, payload) of a JWT verified with jwcrypto against a JWK."""
    signed = jws.JWS()
    signed.deserialize(token)
    signed.verify(jwk.JWK(**public), alg="EdDSA")
    return signed.jose_header, json.loads(signed.payload)


def test_the_credential_is_an_open_badge_on_vc_2() -> None:
    done = completion()
    document = completion_credential(ISSUER, done, StatusEntry("list-1", 42), NOW)
    assert document["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"https://stint.example/v1/credentials/{done.credential_id}"
    assert document["issuer"]["type"] == ["Profile"] and document["issuer"]["name"] == "Stint"
    assert document["validFrom"] == "2026-12-01T12:00:00Z"
    subject = document["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["id"] == f"urn:uuid:{done.student_id}"
    assert subject["identifier"][0]["identityHash"] == "Ada Lovelace"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Build a churn dashboard"
    assert "Northwind Labs" in achievement["criteria"]["narrative"]
    assert "20 estimated hours" in achievement["criteria"]["narrative"]
    assert achievement["estimatedHours"] == 20
    assert achievement["tag"] == ["python", "sql"]
    assert achievement["creator"]["name"] == "Northwind Labs"
    status = document["credentialStatus"]
    assert status == {
        "id": "https://stint.example/v1/credentials/status/list-1#42",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "42",
        "statusListCredential": "https://stint.example/v1/credentials/status/list-1",
    }


def test_a_nameless_student_gets_no_identifier() -> None:
    document = completion_credential(ISSUER, completion(student_name=""), StatusEntry("l", 0), NOW)
    assert "identifier" not in document["credentialSubject"]


def test_signed_as_vc_jose_cose_and_verified_by_another_library() -> None:
    key = SigningKey.generate()
    document = completion_credential(ISSUER, completion(), StatusEntry("l", 1), NOW)
    signed = key.sign(document)
    header, payload = verified(signed.jwt, dict(key.public_jwk))
    assert header == {"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": key.kid}
    assert payload == document
    assert json.loads(signed.json) == document
    assert "d" not in key.public_jwk and key.public_jwk["crv"] == "Ed25519"


def test_a_changed_byte_fails() -> None:
    key = SigningKey.generate()
    token = key.sign(completion_credential(ISSUER, completion(), StatusEntry("l", 1), NOW)).jwt
    head, body, signature = token.split(".")
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    with pytest.raises(JWException):
        verified(f"{head}.{flipped}.{signature}", dict(key.public_jwk))
    with pytest.raises(JWException):
        verified(token, dict(SigningKey.generate().public_jwk))


def test_keys_come_from_a_private_ed25519_jwk_with_a_kid() -> None:
    key = SigningKey.generate()
    fields = key.private.as_dict(private=True)
    again = SigningKey.from_jwk(json.dumps({**fields, "kid": "2026-12"}))
    assert again.kid == "2026-12" and again.public_jwk["x"] == key.public_jwk["x"]
    for bad, why in [
        ("not json", "not JSON"),
        (json.dumps({"kty": "RSA"}), "OKP"),
        (json.dumps({**fields, "d": None, "kid": "k"}), "private"),
        (json.dumps(fields), "kid"),
        (json.dumps({**fields, "x": "AAAA", "kid": "k"}), "valid"),
    ]:
        with pytest.raises(ValueError, match=why):
            SigningKey.from_jwk(bad)


def test_the_status_list_is_a_signed_bitstring_status_list_credential() -> None:
    key = SigningKey.generate()
    document = status_list_credential(ISSUER, "list-1", bytes(16384), NOW)
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["credentialSubject"]["type"] == "BitstringStatusList"
    assert document["credentialSubject"]["statusPurpose"] == "revocation"
    assert document["credentialSubject"]["encodedList"].startswith("u")
    _, payload = verified(key.sign(document).jwt, dict(key.public_jwk))
    assert payload["id"] == "https://stint.example/v1/credentials/status/list-1"
