"""The owner's list of applications carries each applicant's match score and reasons;
when the matching service is slow or stopped, the list still answers within its
deadline, with nulls."""

from __future__ import annotations

import time
from typing import Any

import httpx

from stint_gateway.settings import GatewaySettings
from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.gateway.api import Account, Api
from tests.integration.matching.conftest import start_matching
from tests.integration.matching.steps import candidates_when, put_profile
from tests.integration.platform import serving_gateway
from tests.waiting import eventually

DEADLINE_S = GatewaySettings.model_fields["match_score_deadline_s"].default


async def _applications(api: Api, owner: Account, listing_id: str) -> tuple[list[Any], float]:
    started = time.monotonic()
    reply = await api.call("GET", f"/v1/listings/{listing_id}/applications", owner)
    elapsed = time.monotonic() - started
    assert reply.status_code == 200, reply.text
    return reply.json()["items"], elapsed


async def _catch_up_waits(matching: RunningService) -> bool:
    waiting: int = await matching.pool.fetchval(
        """SELECT count(*) FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%FROM listings WHERE changed_in%'"""
    )
    return waiting > 0


async def test_scores_when_matching_answers_and_nulls_when_it_is_slow_or_stopped(
    service_settings: SettingsFactory,
    clock: MovableClock,
    listing_service: RunningService,
    application_service: RunningService,
) -> None:
    # Its own matching service, so that stopping it leaves the package's one running.
    matching = await start_matching(service_settings, clock)
    stopped = False
    try:
        async with (
            serving_gateway(
                service_settings,
                listing=listing_service.grpc_port,
                application=application_service.grpc_port,
                matching=matching.grpc_port,
            ) as gateway,
            httpx.AsyncClient(base_url=gateway.base_url, timeout=15.0) as http,
        ):
            api = Api(http)
            owner = await api.sign_up("employer")
            with_profile, without = await api.sign_up("student"), await api.sign_up("student")
            await put_profile(api, with_profile, skills=[{"name": "python", "level": 4}])
            listing = await api.open_listing(owner)
            await candidates_when(api, owner, listing["id"], {with_profile.id})
            for student in (with_profile, without):
                await api.apply(student, listing["id"])

            async def scored() -> list[Any] | None:
                items, _ = await _applications(api, owner, listing["id"])
                return items if any(i["match_score"] is not None for i in items) else None

            by_student = {i["student_id"]: i for i in await eventually(scored, "match scores")}
            known = by_student[with_profile.id]
            assert 0 < known["match_score"] <= 1
            assert "Has 1 of 1 required skills: python" in known["match_reasons"]
            assert by_student[without.id]["match_score"] is None
            assert by_student[without.id]["match_reasons"] is None

            # Slow: every read of matching's tables waits behind a lock, once its
            # index's background catch-up is stuck behind it too.
            async with matching.pool.acquire() as conn, conn.transaction():
                await conn.execute("LOCK TABLE listings IN ACCESS EXCLUSIVE MODE")
                await eventually(lambda: _catch_up_waits(matching), "a catch-up to wait")
                items, elapsed = await _applications(api, owner, listing["id"])
            assert all(i["match_score"] is None for i in items), items
            assert elapsed < DEADLINE_S + 1.0

            await matching.stop()
            stopped = True
            items, elapsed = await _applications(api, owner, listing["id"])
            assert {i["student_id"] for i in items} == {with_profile.id, without.id}
            assert all(i["match_score"] is None for i in items)
            assert elapsed < DEADLINE_S + 1.0
    finally:
        if not stopped:
            await matching.stop()
