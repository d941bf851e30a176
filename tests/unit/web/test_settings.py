"""The web app's settings refuse the development session key where it would matter,
and Secure cookies are the default outside development."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from stint_web.settings import DEVELOPMENT_SESSION_KEY, WebSettings


def test_production_refuses_the_development_key() -> None:
    with pytest.raises(ValidationError, match="development default"):
        WebSettings(env="production", web_session_key=DEVELOPMENT_SESSION_KEY)
    with pytest.raises(ValidationError, match="development default"):
        WebSettings(env="production")


def test_a_key_that_is_not_a_fernet_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="Fernet"):
        WebSettings(env="production", web_session_key="not-a-key")


def test_development_may_use_the_development_key() -> None:
    assert WebSettings(env="development").session_keys() == [DEVELOPMENT_SESSION_KEY]


def test_keys_rotate_newest_first() -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = WebSettings(env="production", web_session_key=f"{new},{old}")
    sealed_with_old = Fernet(old.encode()).encrypt(b"x")
    assert settings.session_cipher().decrypt(sealed_with_old) == b"x"
    assert Fernet(new.encode()).decrypt(settings.session_cipher().encrypt(b"y")) == b"y"


def test_cookies_are_secure_outside_development() -> None:
    key = Fernet.generate_key().decode()
    assert WebSettings(env="production", web_session_key=key).secure_cookies
    assert WebSettings(env="test").secure_cookies
    assert not WebSettings(env="development").secure_cookies
    assert not WebSettings(env="test", cookie_secure=False).secure_cookies
