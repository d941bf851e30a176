"""The report's numbers match a scripted history (history.py): events published onto
the real topics as the relays publish them, landed by the service, read back as the
report, in its records, its text and its HTML."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stint_analytics import main as composition
from stint_analytics.domain.report import FunnelRow, MarketplaceReport
from tests.integration.analytics.conftest import AnalyticsFactory, following, publish, wait_landed
from tests.integration.analytics.history import march_history
from tests.integration.infra import TestInfra

MARCH = {"since": date(2030, 3, 1), "until": date(2030, 4, 1)}


class Measures(HTMLParser):
    """The ``data-measure`` values of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = dict(attrs).get("data-measure")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.found[self._open] = data
            self._open = None


async def landed_report(
    infra: TestInfra, analytics_settings: AnalyticsFactory, tmp_path: Path
) -> tuple[MarketplaceReport, str, dict[str, str]]:
    history = march_history(2030)
    await publish(infra.bootstrap_servers, history.events)
    settings = analytics_settings()
    async with following(settings):
        await wait_landed(settings.analytics_db, [e.event_id for e in history.events])
    page = tmp_path / "report" / "march.html"
    report, text = composition.report(settings, html=page, **MARCH)
    parser = Measures()
    parser.feed(page.read_text())
    return report, text, parser.found


async def test_the_report_counts_the_scripted_history(
    infra: TestInfra, analytics_settings: AnalyticsFactory, tmp_path: Path
) -> None:
    report, text, html = await landed_report(infra, analytics_settings, tmp_path)

    # The records.
    assert report.overall == FunnelRow("all", 3, 10, 5, 4, 2)
    assert (report.reach.published, report.reach.applied, report.reach.completed) == (3, 3, 2)
    assert report.by_industry == (
        FunnelRow("Design", 1, 2, 2, 1, 1),
        FunnelRow("Software", 2, 8, 3, 3, 1),
    )
    assert report.by_week == (
        FunnelRow("2030-W10", 2, 8, 3, 3, 1),
        FunnelRow("2030-W11", 1, 2, 2, 1, 1),
    )
    d = report.decisions
    assert (d.decided, d.undecided) == (6, 4)
    assert (d.median_hours, d.p90_hours, d.mean_hours) == (32.5, 125.0, 57.5)
    assert dict(d.distribution) == {
        "< 1 day": 2,
        "1-2 days": 2,
        "2-3 days": 1,
        "3-7 days": 0,
        "7-14 days": 1,
        ">= 14 days": 0,
    }
    assert (report.ghosting.ended, report.ghosting.no_decision) == (9, 1)
    employers = {e.organization_name: e for e in report.employers}
    northwind, dunmore = employers["Northwind Labs"], employers["Dunmore Design"]
    assert (northwind.applications, northwind.responded, northwind.ghosted) == (8, 4, 1)
    assert (northwind.rate, northwind.median_decision_hours) == (0.8, 32.5)
    assert (dunmore.applications, dunmore.responded, dunmore.rate) == (2, 2, 1.0)
    assert dunmore.median_decision_hours == 110.0
    assert report.response_rate == pytest.approx(6 / 7)
    assert (report.fill.filled, report.fill.with_hire) == (2, 3)
    assert report.fill.median_days == pytest.approx((30 + 201) / 24 / 2)
    assert report.fill.median_days_to_first_hire == pytest.approx(35 / 24)
    c = report.completion
    assert (c.started, c.completed, c.cancelled, c.active, c.on_time) == (4, 2, 1, 1, 1)
    assert c.completion_rate == pytest.approx(2 / 3)
    assert (c.on_time_rate, c.completed_automatically) == (0.5, 1)
    x = report.exploration
    assert (x.students_worked, x.multi_industry, x.share) == (2, 1, 0.5)
    offer, acceptance = report.benchmarks
    assert offer.stint == pytest.approx(4 / 9) and acceptance.stint == 0.75

    # The text.
    lines = text.splitlines()
    assert any(re.fullmatch(r"\s+hired\s+3\s+100\.0 %\s+4\s+40\.0 %", line) for line in lines)
    assert any(re.fullmatch(r"\s+Software\s+2\s+8\s+3\s+3\s+1", line) for line in lines)
    assert any(re.fullmatch(r"\s+2030-W11\s+1\s+2\s+2\s+1\s+1", line) for line in lines)
    assert "median 32.5 h, 90th percentile 125.0 h, mean 57.5 h" in text
    assert "1 of 9 ended applications: ghosting rate 11.1 %" in text
    assert "all employers: 85.7 %" in text
    assert any(
        re.fullmatch(r"\s+Northwind Labs\s+8\s+4\s+1\s+80\.0 %\s+32\.5 h", line) for line in lines
    )
    assert "filled listings: 2, median 4.8 d, mean 4.8 d" in text
    assert "median time to first hire 1.5 d" in text
    assert "completion rate 66.7 %" in text and "on-time rate 50.0 %" in text
    assert "1 of 2 students who worked: 50.0 %" in text
    assert "offer rate: Stint 44.4 %" in text and "acceptance rate: Stint 75.0 %" in text
    assert "NACE, 2017 Internship & Co-op Survey: 67.1 %" in text

    # The HTML.
    assert html["funnel.all.applied"] == "10" and html["funnel.all.completed"] == "2"
    assert html["funnel.industry.Design.shortlisted"] == "2"
    assert html["funnel.week.2030-W10.hired"] == "3"
    assert html["decisions.median"] == "32.5 h" and html["decisions.bucket.7-14 days"] == "1"
    assert html["ghosting.rate"] == "11.1 %" and html["response.rate"] == "85.7 %"
    assert html[f"employer.{northwind.organization_id}.rate"] == "80.0 %"
    assert html["fill.median"] == "4.8 d" and html["completion.rate"] == "66.7 %"
    assert html["completion.on_time_rate"] == "50.0 %" and html["exploration.share"] == "50.0 %"
    assert html["benchmark.offer_rate.stint"] == "44.4 %"


async def test_a_period_keeps_the_listings_published_in_it_and_what_followed(
    infra: TestInfra, analytics_settings: AnalyticsFactory, tmp_path: Path
) -> None:
    history = march_history(2031)
    await publish(infra.bootstrap_servers, history.events)
    settings = analytics_settings()
    async with following(settings):
        await wait_landed(settings.analytics_db, [e.event_id for e in history.events])
    # Week 11 of 2031 alone: L3 (Design), its two applications, one hire.
    report, text = composition.report(settings, since=date(2031, 3, 10), until=date(2031, 3, 17))
    assert report.overall == FunnelRow("all", 1, 2, 2, 1, 1)
    assert [row.label for row in report.by_industry] == ["Design"]
    assert (report.decisions.decided, report.decisions.median_hours) == (2, 110.0)
    assert "listings published from 2031-03-10 until 2031-03-17 (exclusive)" in text
