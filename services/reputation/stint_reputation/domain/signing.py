"""Signing documents as W3C VC-JOSE-COSE JWTs: the payload is the document itself (no
``vc`` claim), the header says ``typ: vc+jwt``, ``cty: vc``, ``alg: EdDSA`` and the
``kid`` of the key, so that a verifier picks the public key out of the JWK Set.

``EdDSA`` is the algorithm name the VC-JOSE-COSE examples and today's verifiers
(jwcrypto, PyJWT, jose in browsers) understand; RFC 9864 prefers the fully specified
``Ed25519``, which joserfc warns about. The key is Ed25519 either way.
"""

from __future__ import annotations

import base64
import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from joserfc import jws
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import OKPKey

__all__ = ["ALGORITHM", "MEDIA_TYPE", "Signed", "SigningKey", "document_text"]

ALGORITHM = "EdDSA"
MEDIA_TYPE = "application/vc+jwt"
_REGISTRY = jws.JWSRegistry(algorithms=[ALGORITHM])
# A learner record bundles every credential of a student: far past joserfc's default.
_REGISTRY.max_payload_length = 8_000_000


def document_text(document: Mapping[str, Any]) -> str:
    """The document as the JSON text that is signed: compact, key order kept."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _public_x(key: OKPKey) -> str:
    """The public key, derived from the private one (base64url, no padding)."""
    private = key.private_key
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class Signed:
    """A signed document: its JSON text (exactly the JWT's payload) and the JWT."""

    json: str
    jwt: str


@dataclass(frozen=True)
class SigningKey:
    """The current private key and its public half as a JWK (with ``kid``, ``alg``,
    ``use``), as the JWK Set lists it."""

    kid: str
    private: OKPKey
    public_jwk: Mapping[str, str]

    @classmethod
    def from_jwk(cls, text: str) -> SigningKey:
        """The key a ``STINT_CREDENTIAL_SIGNING_KEY`` holds; ValueError naming what is
        wrong with anything else (never the key's material)."""
        try:
            fields = json.loads(text)
        except ValueError:
            raise ValueError("the credential signing key is not JSON") from None
        if not isinstance(fields, dict) or fields.get("kty") != "OKP":
            raise ValueError("the credential signing key must be an OKP JWK")
        if fields.get("crv") != "Ed25519" or not fields.get("d"):
            raise ValueError("the credential signing key must be a private Ed25519 JWK")
        kid = fields.get("kid")
        if not isinstance(kid, str) or not kid.strip():
            raise ValueError("the credential signing key needs a kid")
        try:
            key = OKPKey.import_key(fields)
            derived = _public_x(key)
        except (JoseError, ValueError, TypeError):
            raise ValueError("the credential signing key is not a valid Ed25519 JWK") from None
        # joserfc keeps the x it was given: a wrong one would publish a key that
        # verifies nothing this key signs.
        if fields.get("x", derived) != derived:
            raise ValueError("the credential signing key is not a valid Ed25519 JWK (x ≠ d)")
        return cls._of(key, kid)

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh key named by its RFC 7638 thumbprint (development and tests)."""
        key = OKPKey.generate_key("Ed25519", private=True)
        return cls._of(key, key.thumbprint())

    @classmethod
    def _of(cls, key: OKPKey, kid: str) -> SigningKey:
        public = {"kty": "OKP", "crv": "Ed25519", "x": _public_x(key)}
        public.update({"kid": kid, "alg": ALGORITHM, "use": "sig"})
        return cls(kid=kid, private=key, public_jwk=public)

    def sign(self, document: Mapping[str, Any]) -> Signed:
        text = document_text(document)
        header = {"alg": ALGORITHM, "typ": "vc+jwt", "cty": "vc", "kid": self.kid}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SecurityWarning)
            token = jws.serialize_compact(header, text.encode(), self.private, registry=_REGISTRY)
        return Signed(json=text, jwt=token)
