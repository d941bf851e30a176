"""Verifying what the service signs with jwcrypto, a JOSE library other than the
signer's (joserfc), against the JWK Set the service publishes."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

from jwcrypto import jwk, jws


def verified(token: str, jwks: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, payload) of ``token``, verified against the key its kid names in the
    JWK Set; raises when the kid is unknown or the signature does not verify."""
    keys = jwk.JWKSet.from_json(jwks)
    signed = jws.JWS()
    signed.deserialize(token)
    kid = signed.jose_header["kid"]
    key = keys.get_key(kid)
    if key is None:
        raise LookupError(f"kid {kid} is not in the JWK Set")
    signed.verify(key, alg="EdDSA")
    return signed.jose_header, json.loads(signed.payload)


def revoked_bit(status_list: dict[str, Any], index: int) -> bool:
    """The bit of a Bitstring Status List credential, decoded by hand as the spec
    describes it (multibase 'u', base64url, GZIP, bit 0 left-most)."""
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert len(bits) >= 16 * 1024
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
