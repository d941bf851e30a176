"""What commands, queries, handlers and sweeps share besides a database connection:
the schema, the clock, the review window, the signing key and the issuer."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from stint_reputation.domain.documents import Issuer
from stint_reputation.domain.signing import SigningKey
from stint_reputation.settings import ReputationSettings
from stint_runtime.clock import Clock, system_clock

__all__ = ["Context"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    schema: str
    """The service's schema, whose outbox the events go to."""
    clock: Clock
    review_window: timedelta
    signing_key: SigningKey
    issuer: Issuer
    status_list_bits: int
    sweep_batch: int

    @classmethod
    def from_settings(cls, settings: ReputationSettings, clock: Clock = system_clock) -> Context:
        configured = settings.credential_signing_key.get_secret_value()
        if configured:
            key = SigningKey.from_jwk(configured)
        elif settings.env == "production":
            raise ValueError(
                "STINT_CREDENTIAL_SIGNING_KEY is missing: set the private Ed25519 JWK "
                "from a secret, or STINT_ENV=development"
            )
        else:
            # Development and tests only (production refuses a missing key). What it
            # signs stays verifiable: the public half of every key used is kept.
            key = SigningKey.generate()
            log.warning("no credential signing key configured: using an ephemeral one")
        return cls(
            schema=settings.database_schema,
            clock=clock,
            review_window=settings.review_window,
            signing_key=key,
            issuer=Issuer(base_url=settings.base_url, name=settings.issuer_name),
            status_list_bits=settings.status_list_bits,
            sweep_batch=settings.sweep_batch,
        )
