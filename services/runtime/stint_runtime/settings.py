"""Settings shared by every service, read from the environment (prefix ``STINT_``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]

DEVELOPMENT_SECRET = "stint-development-secret-do-not-use-in-production"  # noqa: S105


class ServiceSettings(BaseSettings):
    """What every service needs to start. Validated once, at start-up."""

    model_config = SettingsConfigDict(env_prefix="STINT_", extra="ignore")

    env: Environment = "production"
    service_name: str = "stint"
    log_level: str = "INFO"
    # The service's own role; its schema is the search_path.
    database_url: str = "postgresql://localhost/stint"
    database_schema: str = ""
    database_pool_min: int = 1
    database_pool_max: int = 10
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # Only for real Kafka: the embedded broker refuses idempotent producers.
    kafka_idempotence: bool = False
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 0
    otlp_endpoint: str = ""
    # Prometheus metrics (consumer lag, events handled): 0 serves none.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(default=0, ge=0, le=65535)
    # Internal secret for signing caller identity between gateway and services.
    internal_secret: str = DEVELOPMENT_SECRET
    outbox_poll_interval_s: float = Field(default=1.0, gt=0)
    outbox_retention_hours: float = Field(default=24 * 7, gt=0)
    # How often an idle relay makes sure the broker still holds what it acknowledged
    # (it does before every round too): a broker that restarted empty gets every kept
    # event again.
    outbox_broker_check_s: float = Field(default=1.0, gt=0)
    consumer_max_attempts: int = Field(default=5, ge=1)
    consumer_backoff_s: float = Field(default=0.2, ge=0)
    shutdown_grace_s: float = Field(default=10.0, ge=0)

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> ServiceSettings:
        if self.env == "production" and self.internal_secret == DEVELOPMENT_SECRET:
            raise ValueError(
                "STINT_INTERNAL_SECRET is the development default; set a real secret "
                "or STINT_ENV=development"
            )
        if self.env == "production" and len(self.internal_secret) < 32:
            raise ValueError("STINT_INTERNAL_SECRET must be at least 32 characters in production")
        if not self.database_schema:
            self.database_schema = self.service_name
        return self
