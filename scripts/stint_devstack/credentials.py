"""The local platform's secrets: made once per data directory and kept there, so a
restart keeps sessions and database roles working; the environment can override them."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "secrets.json"


@dataclass(frozen=True)
class PlatformSecrets:
    internal_secret: str
    """Signs the caller identity the gateway forwards to services."""
    jwt_secret: str
    """Signs the gateway's access tokens."""
    role_passwords: Mapping[str, str]
    """Each service's database role password, by service name."""
    signing_key: str = ""
    """The reputation service's credential signing key: a private Ed25519 JWK (JSON)."""


def load_or_create(
    data_dir: Path, services: Iterable[str], environ: Mapping[str, str] = os.environ
) -> PlatformSecrets:
    path = data_dir / FILE_NAME
    stored: dict[str, object] = json.loads(path.read_text()) if path.exists() else {}
    stored_roles = stored.get("role_passwords")
    roles = dict(stored_roles) if isinstance(stored_roles, dict) else {}
    for service in services:
        roles.setdefault(service, _new_secret())
    kept = {
        "internal_secret": str(stored.get("internal_secret") or _new_secret()),
        "jwt_secret": str(stored.get("jwt_secret") or _new_secret()),
        "signing_key": str(stored.get("signing_key") or _new_signing_key()),
        "role_passwords": roles,
    }
    if kept != stored:
        _write_private(path, json.dumps(kept, indent=2) + "\n")
    return PlatformSecrets(
        internal_secret=environ.get("STINT_INTERNAL_SECRET") or str(kept["internal_secret"]),
        jwt_secret=environ.get("STINT_JWT_SECRET") or str(kept["jwt_secret"]),
        role_passwords=roles,
        signing_key=environ.get("STINT_CREDENTIAL_SIGNING_KEY") or str(kept["signing_key"]),
    )


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def _new_signing_key() -> str:
    """A private Ed25519 key as a JWK, named by its RFC 7638 thumbprint."""
    from joserfc.jwk import OKPKey

    key = OKPKey.generate_key("Ed25519", private=True)
    fields = key.as_dict(private=True)
    fields["kid"] = key.thumbprint()
    return json.dumps(fields, sort_keys=True)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
