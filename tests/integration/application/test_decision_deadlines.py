"""No ghosting: an undecided application closes with ``no_decision`` when its decision
deadline passes, exactly once, even with two replicas sweeping at the same time."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint_application.commands.closing import close_undecided_due
from stint_application.context import Context
from stint_runtime import db
from stint_runtime.service import RunningService
from tests.integration.application.conftest import acting_as, employer, student
from tests.integration.application.feed import ListingFeed
from tests.integration.application.steps import apply, get
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.platform import application_settings
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


Sweep = Callable[[], Awaitable[object]]


@pytest.fixture
async def replicas(
    service_settings: SettingsFactory, moved_clock: MovableClock
) -> AsyncIterator[list[Sweep]]:
    """The decision-deadline sweeps of two more replicas, each with its own pool (the
    running service sweeps on its own timer as a third)."""
    settings = application_settings(service_settings, sweep_batch=10)
    pools = [await db.create_pool(settings) for _ in range(2)]
    ctx = Context.from_settings(settings, moved_clock)
    sweeps: list[Sweep] = [functools.partial(close_undecided_due, pool, ctx) for pool in pools]
    yield sweeps
    for pool in pools:
        await pool.close()


async def test_undecided_applications_close_once_with_no_decision(
    applications: Stub,
    feed: ListingFeed,
    application_service: RunningService,
    moved_clock: MovableClock,
    replicas: list[Sweep],
) -> None:
    owner = employer()
    listing = await feed.publish(owner.organization_id or "", slots=5)
    applicants = [student() for _ in range(40)]
    made = [await apply(applications, a, listing.id) for a in applicants]
    decided = made[0]
    with acting_as(owner):
        await applications.RejectApplication(
            api.RejectApplicationRequest(
                application_id=decided.id, reason=pb.REJECT_REASON_AVAILABILITY
            )
        )
        await applications.ShortlistApplication(api.ApplicationRef(application_id=made[1].id))
    undecided = made[1:]
    pool = application_service.pool

    async def closed_count() -> int | None:
        count = await pool.fetchval(
            "SELECT count(*) FROM applications WHERE id = ANY($1::uuid[]) AND status = 'closed'",
            [a.id for a in undecided],
        )
        return count if count == len(undecided) else None

    # Nothing is due yet: the sweeps leave everything open.
    await asyncio.gather(*(sweep() for sweep in replicas))
    assert (
        await pool.fetchval(
            "SELECT count(*) FROM applications WHERE listing_id = $1 AND status = 'closed'",
            listing.id,
        )
        == 0
    )

    moved_clock.advance(timedelta(days=14, minutes=1))
    # Both replicas start at the same moment, three sweeps each, racing the service's.
    await asyncio.gather(*(sweep() for sweep in replicas * 3))
    await eventually(closed_count, "every undecided application to close")

    rows = await pool.fetch(
        """SELECT key, count(*) AS n FROM outbox
           WHERE event_type = 'stint.application.v1.ApplicationClosed' AND key = ANY($1)
           GROUP BY key""",
        [a.id for a in made],
    )
    assert {r["key"]: r["n"] for r in rows} == {a.id: 1 for a in undecided}
    for applicant, app in zip(applicants[1:], undecided, strict=True):
        seen = await get(applications, applicant, app.id)
        assert seen.status == pb.APPLICATION_STATUS_CLOSED
        assert seen.close_reason == pb.APPLICATION_CLOSE_REASON_NO_DECISION
        assert "did not decide" in seen.outcome_message
    assert (await get(applications, applicants[0], decided.id)).status == (
        pb.APPLICATION_STATUS_REJECTED
    )
