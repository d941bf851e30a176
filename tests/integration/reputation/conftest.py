"""Starting the reputation service for real in the test process (Postgres, broker,
gRPC on a free port) with a signing key the tests choose, and calling it as anyone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from stint_reputation.domain.signing import SigningKey
from stint_reputation.main import build_spec
from stint_reputation.settings import ReputationSettings
from stint_runtime import identity
from stint_runtime.identity import Caller
from stint_runtime.service import RunningService, start_service
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.platform import joined

PUBLIC_BASE_URL = "https://stint.test"


def private_jwk(key: SigningKey) -> str:
    """``key`` as STINT_CREDENTIAL_SIGNING_KEY holds it."""
    return json.dumps({**key.private.as_dict(private=True), "kid": key.kid})


def reputation_settings(
    service_settings: SettingsFactory, key: SigningKey | None = None, **overrides: Any
) -> ReputationSettings:
    # Sweeps every 0.2 s: the window tests wait for the job, not for a timer.
    values: dict[str, Any] = {
        **service_settings("reputation").model_dump(),
        "sweep_interval_s": 0.2,
        "public_base_url": PUBLIC_BASE_URL,
        "credential_signing_key": private_jwk(key or SigningKey.generate()),
    }
    return ReputationSettings(**{**values, **overrides})


async def start_reputation(
    service_settings: SettingsFactory,
    clock: MovableClock,
    key: SigningKey | None = None,
    *,
    consuming: bool = True,
    **overrides: Any,
) -> RunningService:
    """The service, once its consumers have partitions. ``consuming=False`` starts one
    without consumers (a second replica answering calls, as after a key rotation,
    without taking partitions from the first)."""
    spec = build_spec(reputation_settings(service_settings, key, **overrides), clock)
    if not consuming:
        spec = replace(spec, subscriptions=[])
    return await joined(await start_service(spec))


@contextmanager
def acting_as(caller: Caller | None) -> Iterator[None]:
    """Calls made inside the block carry ``caller``'s signed identity."""
    before = identity.current_caller()
    identity.set_current_caller(caller)
    try:
        yield
    finally:
        identity.set_current_caller(before)
