"""The web app's settings, read from ``STINT_*`` and validated at start-up. The session
key encrypts the cookie that holds the API token; the development default is refused
outside development and test, as the services refuse their development secrets."""

from __future__ import annotations

from typing import Literal

from cryptography.fernet import Fernet, MultiFernet
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]

# A Fernet key (32 bytes, URL-safe base64) that everyone can read: development only.
DEVELOPMENT_SESSION_KEY = "c3RpbnQtd2ViLWRldmVsb3BtZW50LWtleS0wMDAwMDA="


class WebSettings(BaseSettings):
    """What the web app needs to start."""

    model_config = SettingsConfigDict(env_prefix="STINT_", extra="ignore")

    env: Environment = "production"
    service_name: str = "web"
    log_level: str = "INFO"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    gateway_url: str = "http://127.0.0.1:8000"
    """The public API the app is a client of (and only of)."""
    public_base_url: str = ""
    """The API's public address, as browsers reach it (the platform's, shared with the
    services that write links), for links to its public documents (the key set, a
    credential); the gateway's address when unset."""
    gateway_timeout_s: float = Field(default=10.0, gt=0)
    web_session_key: str = Field(default=DEVELOPMENT_SESSION_KEY, repr=False)
    """Fernet keys, comma-separated, newest first: the first encrypts, every one decrypts
    (rotation without signing everyone out)."""
    session_max_age_s: int = Field(default=3600, gt=0)
    """How long a session cookie is honoured; the API token inside expires on its own."""
    pay_floor_cents_per_hour: int = Field(default=2000, ge=0)
    """Shown on the listing form before submit; the listing service enforces its own."""
    cookie_secure: bool | None = None
    """Secure cookies (HTTPS only); unset means everywhere but in development."""

    @field_validator("gateway_url", "public_base_url")
    @classmethod
    def _without_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _refuse_development_key(self) -> WebSettings:
        keys = self.session_keys()
        if self.env not in ("development", "test") and DEVELOPMENT_SESSION_KEY in keys:
            raise ValueError(
                "STINT_WEB_SESSION_KEY is the development default; set a real key "
                "(Fernet.generate_key()) or STINT_ENV=development"
            )
        try:
            [Fernet(key) for key in keys]
        except ValueError:
            raise ValueError(
                "STINT_WEB_SESSION_KEY must be Fernet keys (32 bytes, URL-safe base64)"
            ) from None
        return self

    @property
    def api_link(self) -> str:
        return self.public_base_url or self.gateway_url

    def session_keys(self) -> list[str]:
        return [key.strip() for key in self.web_session_key.split(",") if key]

    def session_cipher(self) -> MultiFernet:
        return MultiFernet([Fernet(key) for key in self.session_keys()])

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.env != "development"
