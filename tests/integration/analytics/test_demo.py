"""The demo data, loaded through the real gateway into the real listing and application
services, yields a report that is not empty at any stage: the demo's own steps, then
the analytics part (demo_analytics), landed by the service from the real topics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from stint_analytics import main as composition
from stint_devstack import demo, demo_analytics
from stint_devstack import demo_catalog as catalog
from stint_runtime.service import RunningService
from tests.integration.analytics.conftest import AnalyticsFactory, following, wait_caught_up
from tests.integration.clock import MovableClock
from tests.integration.conftest import SettingsFactory
from tests.integration.infra import TestInfra
from tests.integration.platform import Gateway, serving_gateway, start_application, start_listing


@pytest.fixture(scope="module")
async def gateway(service_settings: SettingsFactory, clock: MovableClock) -> AsyncIterator[Gateway]:
    listing: RunningService = await start_listing(service_settings)
    application: RunningService = await start_application(service_settings, clock)
    try:
        async with serving_gateway(
            service_settings, listing=listing.grpc_port, application=application.grpc_port
        ) as running:
            yield running
    finally:
        await application.stop()
        await listing.stop()


async def load_the_demo(base_url: str) -> None:
    """What ``load_demo`` does, with the analytics part as its ``after_applications``."""
    summary = demo.DemoSummary()
    async with httpx.AsyncClient(base_url=base_url, timeout=15.0) as client:
        employers = {e.email: await demo.ensure_employer(client, e) for e in catalog.EMPLOYERS}
        students = {s.email: await demo.ensure_student(client, s) for s in catalog.STUDENTS}
        loaded = demo.Demo(client, employers, students, {}, summary)
        for employer in catalog.EMPLOYERS:
            mine = employer.listings
            loaded.listing_ids |= await demo.ensure_listings(
                client, employers[employer.email], mine, summary
            )
        await demo.load_applications(client, employers, students, loaded.listing_ids, summary)
        await demo_analytics.after_applications(loaded)
        assert not summary.notes, summary.notes


async def test_the_demo_yields_a_report_that_is_not_empty(
    infra: TestInfra, gateway: Gateway, analytics_settings: AnalyticsFactory
) -> None:
    await load_the_demo(gateway.base_url)
    await load_the_demo(gateway.base_url)  # idempotent: a second run changes nothing
    settings = analytics_settings()
    async with following(settings):
        await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
    now = datetime.now(UTC)
    report, text = composition.report(
        settings, since=(now - timedelta(days=1)).date(), until=(now + timedelta(days=2)).date()
    )
    listings = sum(len(e.listings) for e in catalog.EMPLOYERS)
    assert report.overall.published == listings
    assert report.overall.applied == len(catalog.APPLICATIONS) + 1
    assert (report.overall.shortlisted, report.overall.hired) == (3, 2)
    assert report.overall.completed == 1 and report.completion.on_time == 1
    assert report.exploration.multi_industry == 1  # Amara: software, then marketing
    assert report.decisions.decided == 4 and report.response_rate == 1.0
    assert {row.label for row in report.by_industry} >= {"software", "design", "marketing"}
    assert "0 of 3 ended applications: ghosting rate 0.0 %" in text
