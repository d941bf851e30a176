"""Settings refuse, outside development, what would mint credentials nobody can trust."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from stint_reputation.context import Context
from stint_reputation.domain.signing import SigningKey
from stint_reputation.settings import ReputationSettings

SECRET = "a-production-internal-secret-of-length"


def key_text(kid: str = "k-2026") -> str:
    fields = SigningKey.generate().private.as_dict(private=True)
    return json.dumps({**fields, "kid": kid})


def production(**values: Any) -> ReputationSettings:
    base: dict[str, Any] = {
        "env": "production",
        "internal_secret": SECRET,
        "credential_signing_key": key_text(),
        "public_base_url": "https://stint.example",
    }
    return ReputationSettings(**{**base, **values})


def test_production_needs_a_signing_key_and_a_public_https_address() -> None:
    assert production().base_url == "https://stint.example"
    # Migrating needs no key (the Job holds no signing secret); serving and revoking do.
    keyless = production(credential_signing_key="")
    with pytest.raises(ValueError, match="SIGNING_KEY"):
        Context.from_settings(keyless)
    with pytest.raises(ValidationError, match="https"):
        production(public_base_url="http://stint.example")
    with pytest.raises(ValidationError, match="https"):
        production(public_base_url="https://localhost:8000")


def test_development_makes_an_ephemeral_key() -> None:
    settings = ReputationSettings(env="development")
    assert settings.service_name == "reputation" and settings.grpc_port == 50055
    assert settings.review_window.days == 14
    ctx = Context.from_settings(settings)
    assert ctx.signing_key.kid and ctx.issuer.base_url == "http://127.0.0.1:8000"


def test_a_configured_key_is_used_and_never_shown() -> None:
    text = key_text("rotation-3")
    settings = production(credential_signing_key=text)
    assert Context.from_settings(settings).signing_key.kid == "rotation-3"
    assert json.loads(text)["d"] not in repr(settings)


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        ReputationSettings(env="development", status_list_bits=131_072 + 8)
    with pytest.raises(ValidationError):
        ReputationSettings(env="development", status_list_bits=65_536)
    with pytest.raises(ValidationError):
        ReputationSettings(env="development", public_base_url="ftp://x")
    with pytest.raises(ValueError, match="kid"):
        Context.from_settings(
            ReputationSettings(env="development", credential_signing_key=SecretStr(key_text("")))
        )
