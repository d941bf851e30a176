"""The report as text and as one self-contained HTML page with charts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stint_analytics.domain.composition import marketplace_report
from stint_analytics.domain.facts import ApplicationFact, ListingFact, Outcome
from stint_analytics.domain.report import StoreSummary
from stint_analytics.settings import AnalyticsSettings
from stint_analytics.wire.html import render_html
from stint_analytics.wire.text import render_text

T0 = datetime(2030, 3, 4, 9, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script> & Co'


def report_of_one_hostile_employer() -> object:
    listing = ListingFact("l1", "Software", "org-1", HOSTILE, T0)
    applications = [
        ApplicationFact(
            "a1",
            "l1",
            "org-1",
            "s1",
            T0,
            first_decision_at=T0 + timedelta(hours=5),
            hired=True,
            shortlisted=True,
            outcome=Outcome.HIRED,
        ),
        ApplicationFact("a2", "l1", "org-1", "s2", T0, outcome=Outcome.NO_DECISION),
    ]
    return marketplace_report(
        [listing], applications, [], store=StoreSummary(3, T0, ()), generated_at=T0
    )


def test_text_names_every_section_and_writes_missing_rates_as_a_dash() -> None:
    text = render_text(report_of_one_hostile_employer())  # type: ignore[arg-type]
    for heading in (
        "Funnel",
        "Time to first decision",
        "Ghosting",
        "Employer response rates",
        "Time to fill",
        "Completion",
        "Exploration",
        "For reference only",
    ):
        assert heading in text
    assert "1 of 2 ended applications: ghosting rate 50.0 %" in text
    assert re.search(r"completion rate - \(completed", text)
    assert "covers every listing in the store" in text


def test_html_escapes_what_came_from_the_store_and_inlines_its_charts() -> None:
    page = render_html(report_of_one_hostile_employer())  # type: ignore[arg-type]
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert page.count("<svg") == 4 and "http://" not in page.split("<svg", 1)[0]
    assert 'data-measure="ghosting.rate">50.0 %<' in page
    assert 'data-measure="employer.org-1.rate">50.0 %<' in page
    assert 'data-measure="decisions.median">5.0 h<' in page


def test_the_settings_need_no_internal_secret_in_production(tmp_path: Path) -> None:
    settings = AnalyticsSettings(env="production", analytics_db=tmp_path / "a.duckdb")
    assert settings.service_name == "analytics" and settings.analytics_group == "analytics.events"
    with pytest.raises(ValueError):
        AnalyticsSettings(analytics_land_batch=0)
