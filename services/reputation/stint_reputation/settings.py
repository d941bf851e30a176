"""The reputation service's settings (environment prefix ``STINT_``)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator

from stint_runtime.settings import ServiceSettings

__all__ = ["DEFAULT_PUBLIC_BASE_URL", "MIN_STATUS_LIST_BITS", "ReputationSettings"]

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
# The Bitstring Status List specification: at least 16 KB (131,072 entries) per list,
# so that one credential's status hides among many (herd privacy).
MIN_STATUS_LIST_BITS = 131_072


class ReputationSettings(ServiceSettings):
    """Read from ``STINT_*``; refuses in production ids under a local or plain-HTTP
    address. A missing signing key is refused where a key is needed (serving, revoking:
    ``Context.from_settings``), so that the migrations Job holds no signing secret."""

    service_name: str = "reputation"
    grpc_port: int = 50055
    review_window_days: float = Field(default=14.0, gt=0)
    """After completion, each side may review for this long; then whatever was
    submitted publishes, and nothing more can be."""
    credential_signing_key: SecretStr = SecretStr("")
    """The current private Ed25519 key as a JWK (JSON, with a ``kid``), from a secret.
    Required in production; elsewhere an empty value makes an ephemeral key per start."""
    public_base_url: str = DEFAULT_PUBLIC_BASE_URL
    """The gateway's public address: credential ids, the issuer and status list URLs
    are absolute under it (``{base}/v1/credentials/{id}``)."""
    issuer_name: str = Field(default="Stint", min_length=1, max_length=200)
    """The name of the issuer profile in every credential."""
    status_list_bits: int = Field(default=MIN_STATUS_LIST_BITS, ge=MIN_STATUS_LIST_BITS)
    """Entries per status list (a multiple of 8, a power of two)."""
    sweep_interval_s: float = Field(default=30.0, gt=0)
    """How often the review-window sweep runs."""
    sweep_batch: int = Field(default=100, ge=1)
    """Review windows per sweep transaction."""

    @property
    def review_window(self) -> timedelta:
        return timedelta(days=self.review_window_days)

    @property
    def base_url(self) -> str:
        return self.public_base_url.rstrip("/")

    @model_validator(mode="after")
    def _refuse_untrustworthy_credentials(self) -> ReputationSettings:
        bits = self.status_list_bits
        if bits & (bits - 1):
            raise ValueError("STINT_STATUS_LIST_BITS must be a power of two")
        parts = urlsplit(self.public_base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("STINT_PUBLIC_BASE_URL must be an http(s) URL")
        local = parts.hostname in ("127.0.0.1", "localhost")
        if self.env == "production" and (parts.scheme != "https" or local):
            raise ValueError(
                "STINT_PUBLIC_BASE_URL must be the platform's public https address in "
                "production: credentials name it for ever"
            )
        return self
