"""Gateway settings: environment names and the refusal of development secrets."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stint_gateway.settings import GatewaySettings

REAL = "a-real-secret-of-at-least-thirty-two-characters"


@pytest.fixture(autouse=True)
def _no_stint_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: the machine's own STINT_* variables stay out."""
    import os

    for name in list(os.environ):
        if name.startswith("STINT_"):
            monkeypatch.delenv(name)


def test_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STINT_ENV", "test")
    monkeypatch.setenv("STINT_HTTP_HOST", "0.0.0.0")
    monkeypatch.setenv("STINT_HTTP_PORT", "8123")
    monkeypatch.setenv("STINT_LISTING_ADDR", "listing:50051")
    monkeypatch.setenv("STINT_APPLICATION_ADDR", "application:50052")
    settings = GatewaySettings()
    assert (settings.http_host, settings.http_port) == ("0.0.0.0", 8123)
    assert settings.listing_addr == "listing:50051"
    assert settings.application_addr == "application:50052"
    assert settings.service_name == "gateway"
    assert settings.database_schema == "gateway"


def test_defaults() -> None:
    settings = GatewaySettings(env="development")
    assert settings.access_token_ttl_s == 3600
    assert settings.listing_addr == "127.0.0.1:50051"
    assert settings.application_addr == "127.0.0.1:50052"


def test_production_refuses_the_development_jwt_secret() -> None:
    with pytest.raises(ValidationError, match="STINT_JWT_SECRET"):
        GatewaySettings(env="production", internal_secret=REAL)
    GatewaySettings(env="production", internal_secret=REAL, jwt_secret=REAL)


def test_production_refuses_a_short_jwt_secret() -> None:
    with pytest.raises(ValidationError, match="32"):
        GatewaySettings(env="production", internal_secret=REAL, jwt_secret="short")
