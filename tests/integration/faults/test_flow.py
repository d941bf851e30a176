"""The flow without faults: more than a thousand domain events across every service,
and every invariant holds, from outside and in each service's own tables."""

from __future__ import annotations

from stint_flows.campaign import Campaign
from stint_flows.cast import Scale

from tests.integration.faults.conftest import explain


async def test_a_thousand_events_across_every_service_keep_every_invariant(
    campaign: Campaign,
) -> None:
    report = await campaign.round(Scale(employers=7, students=21, listings_per_employer=2))
    assert report.events >= 1000, report.events
    assert report.verdict.ok, explain(campaign)
    print(
        f"\nflow: {report.events} events in {report.round_s} s + {report.settle_s} s to settle, "
        f"{report.events_per_s:.0f} events/s"
    )
