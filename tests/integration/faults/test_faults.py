"""Faults injected while the flow runs, each at a seeded moment of its round, against
``scripts/run``'s platform: after each, every invariant holds again (nothing lost,
nothing doubled, every application answered, no 5xx but 503 with Retry-After) within
the bound, and the time it took is printed.

The bounded variant for the test command: a seeded choice of services to kill (every
one in turn with ``STINT_FAULT_SERVICES=all``), the broker paused for
``STINT_FAULT_PAUSE_S`` (10 s; the issue's 30 s in ``scripts/chaos.py``)."""

from __future__ import annotations

import os
import random
from collections.abc import Awaitable, Callable

import pytest
from stint_flows import faults
from stint_flows.campaign import Campaign, RoundReport
from stint_flows.cast import Scale
from stint_flows.stack import Stack

from tests.integration.faults.conftest import SEED, explain, logs_of

# A round of about 300 events: enough to be mid-flight when the fault comes.
SCALE = Scale(employers=3, students=8, listings_per_employer=2)
RECOVERY_BOUND_S = 60.0
SERVICES = ("listing", "application", "matching", "notification", "reputation", "analytics")
PAUSE_S = float(os.environ.get("STINT_FAULT_PAUSE_S", "10"))


def _services_to_kill() -> list[str]:
    chosen = os.environ.get("STINT_FAULT_SERVICES", "")
    every = [*SERVICES, "gateway"]
    if chosen == "all":
        return every
    if chosen:
        return chosen.split(",")
    # Two services by the seed, and the gateway, which every request goes through.
    return [*sorted(random.Random(SEED).sample(SERVICES, 2)), "gateway"]


async def _survives(
    campaign: Campaign, name: str, inject: Callable[[], Awaitable[float]]
) -> RoundReport:
    report = await campaign.round(SCALE, (name, inject))
    assert report.verdict.ok, explain(campaign)
    assert report.recovered_s is not None and report.recovered_s < RECOVERY_BOUND_S, explain(
        campaign
    )
    assert report.events >= 200, report.events
    lasted = report.fault.took_s if report.fault else 0.0
    print(
        f"\n{name}: {report.events} events, the fault lasted {lasted} s, "
        f"every invariant held {report.recovered_s} s after it"
    )
    return report


async def test_the_embedded_broker_restarted_empty_loses_nothing(
    campaign: Campaign, stack: Stack
) -> None:
    """With events acknowledged and unread when the broker loses them: only the
    relays' recall (stint_runtime.outbox.recall) brings them back."""
    await _survives(
        campaign,
        "broker restarted empty with events unread",
        lambda: faults.restart_broker_with_events_unread(stack),
    )


async def test_the_broker_paused_loses_nothing(campaign: Campaign, stack: Stack) -> None:
    await _survives(
        campaign, f"broker stopped for {PAUSE_S:.0f} s", lambda: faults.pause_broker(stack, PAUSE_S)
    )


async def test_postgres_restarted_loses_nothing(campaign: Campaign, stack: Stack) -> None:
    await _survives(campaign, "postgres restarted", lambda: faults.restart_postgres(stack))


async def test_the_relay_leader_killed_hands_over(campaign: Campaign, stack: Stack) -> None:
    standby_log = logs_of(stack) / "listing-standby.log"
    async with faults.standby_replica(stack, "listing", standby_log):
        await _survives(
            campaign,
            "listing relay leader killed",
            lambda: faults.kill_relay_leader(stack, "listing", standby_log),
        )


@pytest.mark.parametrize("service", _services_to_kill())
async def test_a_service_killed_loses_nothing(
    campaign: Campaign, stack: Stack, service: str
) -> None:
    await _survives(campaign, f"{service} killed", lambda: faults.kill_service(stack, service))
