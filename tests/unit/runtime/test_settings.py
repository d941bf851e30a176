import pytest
from pydantic import ValidationError

from stint_runtime.settings import DEVELOPMENT_SECRET, ServiceSettings


def test_development_secret_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="STINT_INTERNAL_SECRET"):
        ServiceSettings(env="production", internal_secret=DEVELOPMENT_SECRET)


def test_development_secret_is_accepted_in_development() -> None:
    settings = ServiceSettings(env="development", service_name="listing")
    assert settings.internal_secret == DEVELOPMENT_SECRET
    assert settings.database_schema == "listing"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STINT_ENV", "production")
    monkeypatch.setenv("STINT_INTERNAL_SECRET", "a-real-secret-of-at-least-32-characters")
    monkeypatch.setenv("STINT_GRPC_PORT", "50999")
    settings = ServiceSettings()
    assert (settings.env, settings.grpc_port) == ("production", 50999)


def test_a_short_internal_secret_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        ServiceSettings(env="production", internal_secret="short-secret")
