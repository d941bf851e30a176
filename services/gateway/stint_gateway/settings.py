"""The gateway's settings: the shared service settings plus HTTP, tokens and the
addresses of the services it calls."""

from __future__ import annotations

from pydantic import Field, model_validator

from stint_runtime.settings import ServiceSettings

DEVELOPMENT_JWT_SECRET = "stint-development-jwt-secret-do-not-use-in-production"  # noqa: S105


class GatewaySettings(ServiceSettings):
    """Read from ``STINT_*``; refuses the development token secret outside development
    and test, as the shared settings refuse the development internal secret."""

    service_name: str = "gateway"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=0, le=65535)
    jwt_secret: str = DEVELOPMENT_JWT_SECRET
    jwt_issuer: str = "stint-gateway"
    jwt_audience: str = "stint-api"
    access_token_ttl_s: int = Field(default=3600, gt=0)
    listing_addr: str = "127.0.0.1:50051"
    # Empty means "not deployed here": no channel, and /readyz does not wait for it.
    application_addr: str = "127.0.0.1:50052"
    matching_addr: str = "127.0.0.1:50053"
    notification_addr: str = "127.0.0.1:50054"
    reputation_addr: str = "127.0.0.1:50055"
    grpc_deadline_s: float = Field(default=5.0, gt=0)
    # The match scores on an employer's list of applicants are extra: a slow or absent
    # matching service leaves them empty after this long, never the list late.
    match_score_deadline_s: float = Field(default=0.5, gt=0)
    # A heartbeat comment on every live stream (SSE) this often, so that proxies keep it.
    sse_heartbeat_s: float = Field(default=15.0, gt=0)
    idempotency_ttl_hours: float = Field(default=24.0, gt=0)
    # A claimed key whose request never finished (the process died) is free again after
    # this long; longer than any request can take.
    idempotency_lease_s: float = Field(default=60.0, gt=0)
    # Password guessing: this many failed sign-ins for one address within the window
    # lock that address out of sign-in until the window has passed.
    sign_in_max_failures: int = Field(default=10, ge=1)
    sign_in_window_s: float = Field(default=900.0, gt=0)

    @model_validator(mode="after")
    def _refuse_development_jwt_secret(self) -> GatewaySettings:
        if self.env not in ("development", "test") and self.jwt_secret == DEVELOPMENT_JWT_SECRET:
            raise ValueError(
                "STINT_JWT_SECRET is the development default; set a real secret "
                "or STINT_ENV=development"
            )
        if len(self.jwt_secret) < 32 and self.env == "production":
            raise ValueError("STINT_JWT_SECRET must be at least 32 characters in production")
        return self
